"""Given names of North Koreans of the era, built from the syllable table.

Most names are drawn from a list of frequent names (영희, 순희, 명숙, 영철…), the rest composed
from first and second syllables weighted by how often they appear in names of each sex. Sibling
names share one syllable.
"""

from __future__ import annotations

import random
from itertools import accumulate

_COMMON = {
    "F": (
        "영희 순희 옥희 명숙 은정 향미 금순 설향 영숙 정숙 영옥 순옥 명희 은희 경희 정희 영란"
        " 춘화 금희 옥순 선희 향란 혜영 미향 은주 영애 명옥 성희 영실 순실 옥화 련희 혜련 금옥"
        " 순녀 정란 영미 정옥 복순 춘희 은심 설희 향숙 명순 금주 혜숙 경옥 순화 영순 송희"
    ),
    "M": (
        "영철 광철 성남 명철 영남 철수 광혁 정일 혁철 금철 성호 영일 명수 철진 광호 룡철 성철"
        " 영호 정남 동철 영수 경철 창호 명일 광일 성진 철민 국철 학철 룡남"
    ),
}
_FIRST = {
    "F": "영10 순7 옥5 명5 은5 향4 금5 설2 춘4 정6 경4 미3 혜4 선4 성3 복2 현2 련2 연2 수2 진2"
    " 봉2 송2 해2 청1 화1 효1 애1 분1 일1",
    "M": "영6 철3 광5 성5 명5 정4 금3 춘2 남2 혁2 일2 경3 진2 용3 학2 동2 창2 국2 문2 덕2 만1"
    " 석1 길1 상2 승1 태1 룡2 충1 현2 원1",
}
_SECOND = {
    "F": "희12 숙8 순7 옥6 화5 미5 란5 정4 향4 실3 녀2 련3 심2 주3 영4 금3 월2 매2 애3 선3 단1"
    " 분2 자2 경2 연2 아1 진2 혜1",
    "M": "철12 남6 수5 호5 일5 혁5 성4 진3 국3 준3 민2 광3 룡3 식3 학2 만2 길2 근2 훈2 범1 석2"
    " 환2 택1 복1 삼1 봉1",
}
COMMON_SHARE = 0.55


def _weighted(spec: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    items = [(token[0], float(token[1:])) for token in spec.split()]
    return tuple(s for s, _ in items), tuple(accumulate(w for _, w in items))


def _common(sex: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    names = tuple(_COMMON[sex].split())
    return names, tuple(accumulate(1.0 / (rank + 3) for rank in range(len(names))))


_TABLES = {
    sex: {
        "common": _common(sex),
        "first": _weighted(_FIRST[sex]),
        "second": _weighted(_SECOND[sex]),
    }
    for sex in ("F", "M")
}


def all_syllables() -> frozenset[str]:
    """Every syllable a generated given name can contain (all are in the syllable table)."""
    found = {s for text in _COMMON.values() for name in text.split() for s in name}
    for specs in (_FIRST, _SECOND):
        found |= {token[0] for text in specs.values() for token in text.split()}
    return frozenset(found)


def _pick(rng: random.Random, table: tuple[tuple[str, ...], tuple[float, ...]]) -> str:
    return rng.choices(table[0], cum_weights=table[1])[0]


def given_name(rng: random.Random, sex: str) -> str:
    """A two-syllable given name (Hangul, North spelling) for someone of this sex."""
    tables = _TABLES[sex]
    if rng.random() < COMMON_SHARE:
        return _pick(rng, tables["common"])
    while True:
        first, second = _pick(rng, tables["first"]), _pick(rng, tables["second"])
        if first != second:
            return first + second


def sibling_name(rng: random.Random, sex: str, sibling: str) -> str:
    """A different given name sharing one syllable (same position) with ``sibling``."""
    tables = _TABLES[sex]
    for _ in range(50):
        if rng.random() < 0.5:
            name = sibling[0] + _pick(rng, tables["second"])
        else:
            name = _pick(rng, tables["first"]) + sibling[1]
        if name != sibling and name[0] != name[1]:
            return name
    return sibling[0] + ("희" if sibling[1] != "희" else "숙")
