"""Writing a scenario: canonical list files, and the truth apart from them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from uncounted.model import CANONICAL_COLUMNS
from uncounted.simulate import ScenarioConfig, simulate_scenario, write_list, write_scenario


def _read(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    scenario = simulate_scenario(ScenarioConfig(n_people=400, n_lists=5, seed=2))
    files = write_scenario(scenario, tmp_path_factory.mktemp("scenario"))
    return scenario, files


def test_lists_are_canonical_csv(written) -> None:
    scenario, files = written
    assert set(files.lists) == {sim.name for sim in scenario.lists}
    for sim in scenario.lists:
        path = files.lists[sim.name]
        assert path.name == f"{sim.name}.csv" and path.parent.name == "lists"
        rows = _read(path)
        assert rows == [dict(row) for row in sim.rows]
        header = list(rows[0])
        assert set(header) <= set(CANONICAL_COLUMNS) and header[0] == "record_id"


def test_the_truth_is_kept_apart(written) -> None:
    scenario, files = written
    assert files.truth_dir.name == "truth"
    assert not any(files.truth_dir == p.parent for p in files.lists.values())
    person_ids = {p.id for p in scenario.people}
    for path in files.lists.values():
        text = path.read_text("utf-8")
        assert "person_id" not in text and "lookalike" not in text
        assert not any(pid in text for pid in person_ids)


def test_truth_records_match_the_lists(written) -> None:
    scenario, files = written
    records = _read(files.truth_dir / "records.csv")
    expected = [
        {"source": sim.name, "record_id": row["record_id"], "person_id": pid}
        for sim in scenario.lists
        for row, pid in zip(sim.rows, sim.person_ids, strict=True)
    ]
    assert records == expected


def test_truth_people_and_capture_histories(written) -> None:
    scenario, files = written
    people = _read(files.truth_dir / "people.csv")
    assert [p["person_id"] for p in people] == [p.id for p in scenario.people]
    first = people[0]
    assert first["hangul_name"] == scenario.people[0].hangul_name
    assert first["hanja_name"] == scenario.people[0].hanja_name
    assert {"sex", "birth_date", "home", "batch", "lookalike_group", "sibling_group"} <= set(first)
    histories = _read(files.truth_dir / "capture_histories.csv")
    names = [sim.name for sim in scenario.lists]
    assert list(histories[0]) == ["person_id", *names]
    for row in histories:
        for name, sim in zip(names, scenario.lists, strict=True):
            assert row[name] == ("1" if row["person_id"] in sim.person_ids else "0")
    counts = _read(files.truth_dir / "capture_counts.csv")
    listed = sum(any(row[n] == "1" for n in names) for row in histories)
    assert sum(int(row["count"]) for row in counts) == listed


def test_write_list_in_a_legacy_encoding(tmp_path) -> None:
    scenario = simulate_scenario(ScenarioConfig(n_people=200, seed=9))
    korean, chinese = scenario.lists[0], scenario.lists[4]
    path = write_list(korean, tmp_path / "nk" / "list.csv", encoding="cp949")
    assert _read(path, "cp949") == [dict(row) for row in korean.rows]
    path = write_list(chinese, tmp_path / "cn.csv", encoding="gb18030")
    assert _read(path, "gb18030") == [dict(row) for row in chinese.rows]


def test_the_same_scenario_writes_the_same_bytes(tmp_path) -> None:
    config = ScenarioConfig(n_people=150, n_lists=3, seed=4)
    first = write_scenario(simulate_scenario(config), tmp_path / "a")
    second = write_scenario(simulate_scenario(config), tmp_path / "b")
    for name, path in first.lists.items():
        assert path.read_bytes() == second.lists[name].read_bytes()
    for path in first.truth_dir.iterdir():
        assert path.read_bytes() == (second.truth_dir / path.name).read_bytes()
