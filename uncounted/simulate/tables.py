"""The name tables the simulator writes names from (``uncounted/names/tables``), read once."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_NORTH_NOTE = re.compile(r"^(.*?) \(N: (.*)\)$")
_DEFAULT_SURNAME_PCT = 0.03  # rows with no census figure (and surnames commoner in the North)
_NORTH_BOOST = {"계": 0.08, "태": 0.06, "남": 0.25}


@dataclass(frozen=True, slots=True)
class Surname:
    """One (Hangul, hanja) surname with its spellings in every system the lists use."""

    south: str
    north: str
    hanja: str
    simplified: str
    pinyin: str
    rr: str  # strict RR of the South form (Gim, I, Bak)
    rr_north: str  # RR of the North form (Ri, Rim) — same as rr where no ㄹ rule applies
    mr: str  # MR with breves of the North form (Ri, Ch'oe, Chŏng)
    mr_plain: str
    kcna: str  # DPRK official (Ri, Pak, Choe, Jong)
    spellings: tuple[str, ...]  # customary spellings, commonest first (Kim, Lee, Park, Choi)
    weight: float


@dataclass(frozen=True, slots=True)
class Syllable:
    """One given-name syllable (the form the North writes) and its spellings."""

    hangul: str
    south: str  # the South form at the start of a given name (련 → 연), else the same
    rr: str
    mr: str
    mr_medial: str  # MR after a voiced sound (정 → jŏng); the plain MR where not different
    mr_plain: str
    kcna: str
    spellings: tuple[str, ...]
    hanja: tuple[str, ...]
    pinyin: tuple[str, ...]


def _read(name: str) -> list[dict[str, str]]:
    path = resources.files("uncounted.names").joinpath("tables", name)
    return list(csv.DictReader(path.read_text("utf-8").splitlines()))


def _split_north(text: str) -> tuple[str, str]:
    match = _NORTH_NOTE.match(text)
    return (match[1], match[2]) if match else (text, text)


def _surname(row: dict[str, str]) -> Surname:
    rr, rr_north = _split_north(row["rr"])
    _, mr_north = _split_north(row["mr"])
    _, plain_north = _split_north(row["mr_plain"])
    pct = float(row["frequency_pct"]) if row["frequency_pct"] else _DEFAULT_SURNAME_PCT
    return Surname(
        south=row["hangul_south"],
        north=row["hangul_north"] or row["hangul_south"],
        hanja=row["hanja_traditional"],
        simplified=row["hanja_simplified"],
        pinyin=row["pinyin"],
        rr=rr,
        rr_north=rr_north,
        mr=mr_north,
        mr_plain=plain_north,
        kcna=row["nk_kcna"],
        spellings=tuple(s for s in row["common_spellings"].split(";") if s),
        weight=pct + _NORTH_BOOST.get(row["hangul_south"], 0.0),
    )


def _pinyin(text: str) -> tuple[str, ...]:
    """``chang/zhang`` → its first reading; ``feng (as 豐/丰)`` → ``feng``."""
    return tuple(part.split("/")[0].split(" ")[0].strip() for part in text.split(";") if part)


def _syllable(row: dict[str, str]) -> Syllable:
    mr = row["mr"]
    return Syllable(
        hangul=row["hangul"],
        south=row["south_form"] or row["hangul"],
        rr=row["rr"],
        mr=mr,
        mr_medial=row["mr_medial"] or mr,
        mr_plain=row["mr_plain"],
        kcna=row["nk_kcna"],
        spellings=tuple(s for s in row["common_spellings"].split(";") if s),
        hanja=tuple(h for h in row["hanja"].split(";") if h),
        pinyin=_pinyin(row["pinyin"]),
    )


@cache
def surnames() -> tuple[Surname, ...]:
    return tuple(_surname(row) for row in _read("surnames.csv"))


@cache
def syllables() -> dict[str, Syllable]:
    """Name syllables by their Hangul (the North form)."""
    return {row["hangul"]: _syllable(row) for row in _read("syllables.csv")}
