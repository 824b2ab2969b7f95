"""Text that people typed or wrote, made safe to show literally on any screen or in any report.

One function, ``clean``, used by every screen (through ``casusspel.ui.safe``) and every report:
control characters become their visible picture (ESC -> ␛, so an escape sequence such as an OSC 52
clipboard write shows as harmless text instead of acting), C1 controls become �, and bidirectional
overrides and zero-width characters (which can hide or reorder text) are removed.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL and the C1 block
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# bidi embeddings/overrides/isolates and marks, zero-width spaces and joiners, word joiner, BOM
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
                        "\u200b-\u200d\u2060\ufeff]")
_LINE_SEPARATORS = re.compile("[\u2028\u2029\x85]")


# anything the three above or "\r" would change: most text has none (one scan instead of four)
_ANY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f"
                  "\u061c\u200b-\u200d\u2060\ufeff\u2028\u2029]")


def clean(text: str) -> str:
    """``text`` with nothing that can act on a terminal or hide what it says."""
    if _ANY.search(text) is None:
        return text
    text = _LINE_SEPARATORS.sub("\n", text.replace("\r\n", "\n"))
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())) if ord(m.group()) < 0x20 else (
        "␡" if m.group() == "\x7f" else "�"), text)


def paragraphs(text: str) -> list[str]:
    """Authored text as paragraphs: a blank line separates them, single line breaks from the
    YAML file become spaces; each paragraph ``clean``."""
    return [" ".join(clean(p).split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
