"""Each list style looks like its style: scripts, name orders, spellings, dates, places."""

from __future__ import annotations

import re

HANGUL_NAME = re.compile(r"^[\uac00-\ud7a3]+( [\uac00-\ud7a3]+)?$")
ASCII_NAME = re.compile(r"^[A-Za-z][A-Za-z' \-]*$")
MR_NAME = re.compile(r"^[A-Za-zŎŏŬŭ][A-Za-zŎŏŬŭ' \-]*$")
CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
PINYIN = re.compile(r"^[A-Za-züÜvV ]+$")


def _values(rows, column):
    return [row[column] for row in rows if row.get(column)]


def test_hangul_north_names_are_hangul_with_north_spellings(rows_by_style) -> None:
    rows = rows_by_style["hangul_north"]
    names = _values(rows, "name")
    assert names and all(HANGUL_NAME.match(n) for n in names)
    assert any(n.startswith(("리", "림", "류", "로", "량")) for n in names)
    assert not any(n.startswith(("이", "임", "류")) and n[0] == "이" for n in names)
    homes = _values(rows, "home")
    assert any(h.endswith(("시", "군")) for h in homes)
    assert any("년" in d for d in _values(rows, "birth_date") + _values(rows, "event_date"))
    assert set(_values(rows, "sex")) <= {"녀", "여", "남"}
    for row in rows:  # a North Korean Hangul list can be saved in the Korean legacy encoding
        ",".join(row.values()).encode("cp949")


def test_rr_names_are_ascii_sometimes_split_sometimes_given_first(rows_by_style) -> None:
    rows = rows_by_style["rr"]
    names = _values(rows, "name")
    assert names and all(ASCII_NAME.match(n) for n in names)
    split = [r for r in rows if r["family_name"] and r["given_name"] and not r["name"]]
    assert len(split) > 0.15 * len(rows)
    assert all(ASCII_NAME.match(r["family_name"] + " " + r["given_name"]) for r in split)
    assert any("-" in n for n in names) and any(n.split()[0].isupper() for n in names)
    assert any(re.match(r"^(Yeong|Sun|Ok|Myeong|Eun|Geum)", n.split()[-1]) for n in names)


def test_mr_names_have_breves_in_some_rows_and_not_in_others(rows_by_style) -> None:
    rows = rows_by_style["mr"]
    names = _values(rows, "name")
    assert names and all(MR_NAME.match(n) for n in names)
    with_breves = [n for n in names if re.search("[ŏŭŎŬ]", n)]
    assert 0.1 * len(names) < len(with_breves) < 0.9 * len(names)
    surnames = {n.split()[0] for n in names}
    assert {"Ri", "Pak", "Choe"} & surnames
    assert sum(bool(r["age"]) for r in rows) > 0.6 * len(rows)
    assert all(r["reported_on"] for r in rows if r["age"])


def test_english_names_are_ad_hoc_often_given_first_sometimes_surname_only(rows_by_style) -> None:
    rows = rows_by_style["english_adhoc"]
    names = _values(rows, "name")
    assert names and all(ASCII_NAME.match(n) for n in names)
    words = {w for n in names for w in re.split(r"[ \-]", n)}
    assert {"Lee", "Park", "Choi"} & words and {"Young", "Hee", "Soon", "Sook"} & words
    assert any(" " not in n for n in names)  # surname only: the given name was not reported
    surnames = {"Kim", "Lee", "Park", "Choi"}
    given_first = sum(n.split()[-1] in surnames and n.split()[0] not in surnames for n in names)
    family_first = sum(n.split()[0] in surnames and n.split()[-1] not in surnames for n in names)
    assert given_first > family_first > 0.2 * given_first
    assert any(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", d) for d in _values(rows, "event_date"))


def test_chinese_rows_have_hanzi_names_and_pinyin_alternatives(rows_by_style) -> None:
    rows = rows_by_style["chinese"]
    names = _values(rows, "name")
    assert names and all(CJK_NAME.match(n) for n in names)
    alternatives = _values(rows, "name_alt")
    assert alternatives and all(PINYIN.match(a.split(";")[0]) for a in alternatives)
    assert any(a.startswith(("Jin ", "JIN ")) for a in alternatives)
    assert any(a.startswith(("Piao ", "PIAO ")) for a in alternatives)
    assert any(";" in a for a in alternatives)  # a Chinese alias besides the pinyin
    assert set(_values(rows, "sex")) <= {"女", "男"}
    places = _values(rows, "event_place")
    assert any(p.endswith("看守所") for p in places)
    for row in rows:
        ",".join(row.values()).encode("gb18030")


def test_dates_are_sometimes_written_day_month_year(rows_by_style) -> None:
    dates = [
        row[c]
        for rows in rows_by_style.values()
        for row in rows
        for c in ("birth_date", "event_date")
        if c in row
    ]
    assert any(re.fullmatch(r"\d{2}/\d{2}/\d{4}", d) for d in dates)
