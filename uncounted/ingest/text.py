"""Cleaning of cell text: what a parsed value is made of (``raw`` keeps the original).

Cleaning is idempotent and does not depend on the normal form of its input: Unicode NFC (Hangul
typed on macOS arrives as NFD jamo), zero-width characters removed, full-width ASCII and the
ideographic space folded to ASCII, halfwidth Hangul folded to compatibility jamo, whitespace runs
collapsed to one space, ends stripped. NFKC is *not* applied to everything: it would rewrite
compatibility characters that are meaningful in names (e.g. circled numbers, CJK compatibility
ideographs used in hanja names).
"""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH = (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)
_FORMULA_MARKERS = frozenset("=+-@")


def _build_table() -> dict[int, int | None]:
    table: dict[int, int | None] = dict.fromkeys(_ZERO_WIDTH)
    table[0x3000] = ord(" ")
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII ！..～
        table[code] = code - 0xFEE0
    for code in range(0xFFA0, 0xFFDD):  # halfwidth Hangul → compatibility jamo ("<narrow> 3131")
        kind, _, target = unicodedata.decomposition(chr(code)).partition(" ")
        if kind == "<narrow>":
            table[code] = int(target, 16)
    return table


_TABLE = _build_table()
_FOLDED = re.compile("[" + "".join(chr(code) for code in sorted(_TABLE)) + "]")
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Return the cleaned form of one cell (see the module docstring)."""
    if text.isascii():
        if not text.isprintable() or "  " in text:
            text = _SPACES.sub(" ", text)
        text = text.strip()
    else:  # each step only when needed: most non-ASCII cells are already clean
        if _FOLDED.search(text) is not None:
            text = text.translate(_TABLE)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if not text.isprintable() or "  " in text:  # printable: no whitespace but " "
            text = _SPACES.sub(" ", text)
        text = text.strip()
    if text[:1] == "'" and text[1:2] in _FORMULA_MARKERS and len(text) > 1:
        # The spreadsheet "text" marker: '=1+2 is the text =1+2, never a formula.
        text = text[1:]
    return text


def cells_are_clean(joined: str) -> bool:
    """Whether every cell of a row is already clean, judged once on the cells joined by ``|``.

    True means ``clean_text(cell) == cell`` for each cell, so the row needs no per-cell work:
    printable (no tabs, newlines, zero-width or other format characters), no double spaces, no
    space next to a separator or at either end, no apostrophe (the formula text marker), and for
    non-ASCII text, already NFC with nothing to fold. ``|`` composes with nothing, so the joined
    text is NFC exactly when each cell is.
    """
    if not joined.isprintable() or "  " in joined or "'" in joined:
        return False
    if " |" in joined or "| " in joined or joined[:1] == " " or joined[-1:] == " ":
        return False
    if joined.isascii():
        return True
    return _FOLDED.search(joined) is None and unicodedata.is_normalized("NFC", joined)


def header_key(name: str) -> str:
    """How a header is compared with canonical names: ``Record ID`` reads as record_id."""
    return _SPACES.sub("_", clean_text(name).casefold().replace("-", " ").strip())
