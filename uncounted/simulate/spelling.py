"""One Korean name in every system the lists use: RR, MR (with and without breves), the DPRK
system, ad hoc English, hanja and pinyin. Each function returns syllables or a surname; the
list styles decide the order, joins and case.
"""

from __future__ import annotations

import random
import unicodedata
from functools import cache
from itertools import accumulate, pairwise

from uncounted.simulate.hanzi import simplify
from uncounted.simulate.tables import Surname, Syllable, syllables

_VOICED_FINALS = frozenset((0, 4, 8, 16, 21))  # none, ㄴ, ㄹ, ㅁ, ㅇ
_STRIP = str.maketrans({"'": None, "’": None})


def plain(text: str) -> str:
    """MR without breves and apostrophes: Ch'ŏl → Chol, Hŭi → Hui."""
    decomposed = unicodedata.normalize("NFD", text.translate(_STRIP))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _final(syllable: str) -> int:
    return (ord(syllable) - 0xAC00) % 28


def _south_rr(syllable: Syllable) -> str:
    """RR of a name-initial syllable in the South form: 련 → yeon, 란 → nan, 녀 → yeo."""
    if syllable.south == syllable.hangul:
        return syllable.rr
    other = syllables().get(syllable.south)
    if other is not None:
        return other.rr
    rr = syllable.rr
    if rr[0] in "rn" and rr[1] in "iy":
        return rr[1:]
    return "n" + rr[1:] if rr[0] == "r" else rr


def rr_given(given: str, *, south: bool = True) -> list[str]:
    """RR syllables, lower case; the first in its South form unless ``south`` is False."""
    table = syllables()
    parts = [table[s].rr for s in given]
    if south:
        parts[0] = _south_rr(table[given[0]])
    return parts


def mr_given(given: str) -> list[str]:
    """MR syllables with breves; plain stops voiced after a vowel or ㄴ/ㄹ/ㅁ/ㅇ (Yŏng-jin)."""
    table = syllables()
    parts = [table[given[0]].mr]
    for before, syllable in pairwise(given):
        row = table[syllable]
        parts.append(row.mr_medial if _final(before) in _VOICED_FINALS else row.mr)
    return parts


def kcna_given(given: str) -> list[str]:
    """DPRK official syllables (Yong, Hui; Jong, Phyong)."""
    table = syllables()
    return [table[s].kcna for s in given]


def _pairs(text: str) -> dict[str, str]:
    return dict(pair.split(":") for pair in text.split())


# The spelling English-language media use most for a syllable, where it is not the RR or MR one.
_ENGLISH_FAVOURITE = _pairs(
    "영:Young 희:Hee 순:Soon 숙:Sook 정:Jung 경:Kyung 은:Eun 명:Myung 성:Sung 현:Hyun 선:Sun"
    " 철:Chul 춘:Choon 금:Keum 옥:Ok 련:Ryon 심:Shim 주:Joo 분:Boon 아:Ah 혁:Hyuk 수:Soo"
    " 국:Kook 준:Joon 식:Shik 근:Keun 훈:Hoon 석:Suk 문:Moon 덕:Duk 승:Seung 충:Choong 설:Sul"
    " 연:Youn 진:Jin 혜:Hye 미:Mi 란:Ran 화:Hwa 실:Sil 녀:Nyo 자:Ja 광:Kwang 일:Il 호:Ho 룡:Ryong"
)


@cache
def _english_choices(syllable: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Ad hoc spellings of one syllable: the favourite (Young, Hee, Soon, Sook, Jung) most
    often, then the other customary spellings, then the system ones."""
    row = syllables()[syllable]
    favourite = _ENGLISH_FAVOURITE.get(syllable)
    system = {row.rr.lower(), row.mr_plain.lower(), row.kcna.lower()}
    others = [s for s in row.spellings if s.lower() not in system and s != favourite]
    if favourite is not None:
        others.insert(0, favourite)
    weights = [2.0 if k == 0 else 0.5 / k for k in range(len(others))]
    options = [*others, cap(row.rr), cap(row.mr_plain)]
    weights += [0.7, 0.4]
    return tuple(options), tuple(accumulate(weights))


def english_given(rng: random.Random, given: str) -> list[str]:
    """Ad hoc English syllables, capitalised (Young, Hee)."""
    picks = []
    for syllable in given:
        options, cum = _english_choices(syllable)
        picks.append(rng.choices(options, cum_weights=cum)[0])
    return picks


@cache
def _english_surname_choices(surname: Surname) -> tuple[tuple[str, ...], tuple[float, ...]]:
    spellings = tuple(s for s in surname.spellings if s.isascii() and "'" not in s)
    weights = [1.0 / (k + 1) ** 2 for k in range(len(spellings))]
    return spellings, tuple(accumulate(weights))


def english_surname(rng: random.Random, surname: Surname) -> str:
    """Lee, Park, Choi — a customary spelling, the commonest most often (Rhee, Pak now and then)."""
    options, cum = _english_surname_choices(surname)
    return rng.choices(options, cum_weights=cum)[0]


def rr_surname(rng: random.Random, surname: Surname) -> str:
    """What a South Korean list writes: mostly the customary form (Kim, Lee), else strict RR."""
    draw = rng.random()
    if draw < 0.6:
        return surname.spellings[0]
    return surname.rr if draw < 0.9 else surname.rr_north


def mr_surname(rng: random.Random, surname: Surname) -> str:
    """North Korean official forms (Ri, Pak, Choe, Jong), or MR with or without breves."""
    draw = rng.random()
    if draw < 0.6:
        return surname.kcna
    return surname.mr if draw < 0.85 else surname.mr_plain


@cache
def _pinyin_of() -> dict[str, str]:
    readings: dict[str, str] = {}
    for row in syllables().values():
        for char, reading in zip(row.hanja, row.pinyin, strict=True):
            readings.setdefault(char, reading)
    return readings


def pinyin_given(given_hanja: str) -> list[str]:
    """Mandarin readings of the given-name characters (ying, ji)."""
    readings = _pinyin_of()
    return [readings[c] for c in given_hanja]


def hanzi(surname: Surname, given_hanja: str, *, simplified: bool) -> str:
    if simplified:
        return surname.simplified + simplify(given_hanja)
    return surname.hanja + given_hanja
