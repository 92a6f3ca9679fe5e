"""Cleaning: NFC, zero-width, full-width, whitespace, the spreadsheet text marker."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from uncounted.ingest.text import cells_are_clean, clean_text, header_key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Kim   Young-hee ", "Kim Young-hee"),
        ("Kim\tYoung\r\nhee", "Kim Young hee"),
        (unicodedata.normalize("NFD", "김영희"), "김영희"),
        ("김\u200b영\u200c희\u200d\u2060\ufeff", "김영희"),
        ("ＫＩＭ　Ｙｏｕｎｇ－ｈｅｅ", "KIM Young-hee"),
        ("２０２３-１０-０９", "2023-10-09"),
        ("\u00a0혜산\u3000", "혜산"),
        ("\uffa1", "\u3131"),  # halfwidth Hangul kiyeok → compatibility jamo
        ("'=1+2", "=1+2"),
        ("'+82 10", "+82 10"),
        ("'-", "-"),
        ("'@home", "@home"),
        ('=HYPERLINK("x")', '=HYPERLINK("x")'),
        ("'quoted'", "'quoted'"),
        ("'", "'"),
        ("金英姬", "金英姬"),
        ("①", "①"),  # not NFKC: compatibility characters stay
        ("\uf900", "\u8c48"),  # CJK compatibility ideograph: NFC maps it (canonical)
        ("", ""),
    ],
)
def test_clean_text(text: str, expected: str) -> None:
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    ("header", "key"),
    [("record_id", "record_id"), (" Record ID ", "record_id"), ("BIRTH-DATE", "birth_date")],
)
def test_header_key(header: str, key: str) -> None:
    assert header_key(header) == key


@given(st.text())
@example("'''=x")
@example("' =x")
@example("e\u200b\u0301")
@example("Ａ\u0301")
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@given(st.text())
@example("김영희 Ａ\u0301")
def test_cleaning_ignores_the_input_normal_form(text: str) -> None:
    expected = clean_text(text)
    assert clean_text(unicodedata.normalize("NFD", text)) == expected
    assert clean_text(unicodedata.normalize("NFC", text)) == expected
    assert unicodedata.is_normalized("NFC", expected)


_TRICKY = st.sampled_from(["\u1100", "\u1161", "\uff21", "\u3000", "\u200b", "'", " ", "|", "가"])


@given(st.lists(st.text(st.one_of(st.characters(), _TRICKY), max_size=8), min_size=1, max_size=5))
def test_a_row_judged_clean_needs_no_cleaning(cells):
    if cells_are_clean("|".join(cells)):
        assert [clean_text(cell) for cell in cells] == cells
