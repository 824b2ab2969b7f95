"""Compile the ``.po`` catalogues to ``.mo`` files: ``python -m casusspel.messages.compile``.

Needs Babel (in the test extras); the installed program only reads the ``.mo`` files.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from io import BytesIO

from casusspel.messages import HERE, LANGUAGES

# Babel stamps the compile time into the header unless the catalogue names one; a fixed stamp makes
# the .mo files a pure function of the .po files, so recompiling never changes a committed file.
STAMP = datetime(2026, 1, 1, tzinfo=timezone.utc)


def compiled(lang: str) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with (HERE / f"{lang}.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    catalog.creation_date = STAMP
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def main() -> int:
    for lang in LANGUAGES:
        (HERE / f"{lang}.mo").write_bytes(compiled(lang))
        sys.stderr.write(f"{lang}.mo\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
