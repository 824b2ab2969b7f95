"""Compile the ``.po`` catalogues to ``.mo`` files: ``python -m casusspel.messages.compile``.

Needs Babel (in the test extras); the installed program only reads the ``.mo`` files.
"""

from __future__ import annotations

import sys
from io import BytesIO

from casusspel.messages import HERE, LANGUAGES


def compiled(lang: str) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with (HERE / f"{lang}.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
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
