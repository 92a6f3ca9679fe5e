"""How lists get things wrong or write them their own way: typos and date forms."""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache

# Date forms are memoised: lists repeat dates, and one string object then serves every row.
_shared = lru_cache(maxsize=1 << 16)
_HANGUL_BASE = 0xAC00
_HANGUL_LAST = 0xD7A3
# Vowel indices (ㅏ0 ㅐ1 ㅑ2 ㅒ3 ㅓ4 ㅔ5 ㅕ6 ㅖ7 ㅗ8 ㅘ9 ㅙ10 ㅚ11 ㅛ12 ㅜ13 ㅝ14 ㅞ15 ㅟ16 ㅠ17
# ㅡ18 ㅢ19 ㅣ20) and the vowels they are confused with.
_VOWEL_SLIPS = {
    0: 4,
    1: 5,
    4: 8,
    5: 1,
    6: 12,
    8: 4,
    11: 1,
    12: 6,
    13: 18,
    17: 13,
    18: 13,
    19: 20,
    20: 19,
}
_FINAL_SLIPS = {0: 4, 1: 21, 4: 21, 8: 4, 16: 21, 21: 4, 17: 1}  # none/ㄱ/ㄴ/ㄹ/ㅁ/ㅂ/ㅇ
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def latin_typo(rng: random.Random, text: str) -> str:
    """One slip of the keyboard: two letters swapped, one dropped or one doubled."""
    positions = [i for i, c in enumerate(text) if c.isalpha()]
    if len(positions) < 3:
        return text
    i = rng.choice(positions[1:-1])
    slip = rng.random()
    if slip < 0.4 and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if slip < 0.7:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


def hangul_typo(rng: random.Random, text: str) -> str:
    """One syllable written with a confusable vowel (ㅓ/ㅗ, ㅐ/ㅔ…) or final (ㄴ/ㅇ…)."""
    positions = [i for i, c in enumerate(text) if _HANGUL_BASE <= ord(c) <= _HANGUL_LAST]
    if not positions:
        return text
    i = rng.choice(positions)
    code = ord(text[i]) - _HANGUL_BASE
    initial, vowel, final = code // 588, code % 588 // 28, code % 28
    if rng.random() < 0.6 and vowel in _VOWEL_SLIPS:
        vowel = _VOWEL_SLIPS[vowel]
    else:
        final = _FINAL_SLIPS.get(final, 0)
    return text[:i] + chr(_HANGUL_BASE + initial * 588 + vowel * 28 + final) + text[i + 1 :]


def typo(rng: random.Random, text: str) -> str:
    """A typo in the script of ``text``: Hangul if it has Hangul, else Latin."""
    if any(_HANGUL_BASE <= ord(c) <= _HANGUL_LAST for c in text):
        return hangul_typo(rng, text)
    return latin_typo(rng, text)


@_shared
def iso(date: dt.date) -> str:
    return date.isoformat()


@_shared
def iso_month(date: dt.date) -> str:
    return f"{date.year:04d}-{date.month:02d}"


@_shared
def korean(date: dt.date) -> str:
    return f"{date.year}년 {date.month}월 {date.day}일"


@_shared
def korean_month(date: dt.date) -> str:
    return f"{date.year}년 {date.month}월"


@_shared
def chinese(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


@_shared
def dotted(date: dt.date) -> str:
    return f"{date.year:04d}.{date.month:02d}.{date.day:02d}"


@_shared
def compact(date: dt.date) -> str:
    return f"{date.year:04d}{date.month:02d}{date.day:02d}"


@_shared
def english_day(date: dt.date) -> str:
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


@_shared
def english_long(date: dt.date) -> str:
    return f"{_MONTH_NAMES[date.month - 1]} {date.day}, {date.year}"


@_shared
def english_month(date: dt.date) -> str:
    return f"{_MONTHS[date.month - 1]} {date.year}"


@_shared
def year(date: dt.date) -> str:
    return str(date.year)


def day_month_swapped(rng: random.Random, date: dt.date) -> str:
    """``DD/MM/YYYY`` or, as some sources write it, ``MM/DD/YYYY``: ambiguous when day <= 12."""
    if rng.random() < 0.6:
        return f"{date.day:02d}/{date.month:02d}/{date.year}"
    return f"{date.month:02d}/{date.day:02d}/{date.year}"


def age_on(birth: dt.date, on: dt.date) -> int:
    """Completed years on a date."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
