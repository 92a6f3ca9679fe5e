"""Export → re-import gives the same records: every simulated list, restricted CSV and parquet."""

from __future__ import annotations

import io

import pyarrow.parquet as pq

from tests.conftest import PASSPHRASE, TEST_KDF
from uncounted.exporting import ExportRequest
from uncounted.simulate import ScenarioConfig, simulate_scenario, write_scenario
from uncounted.store import sealed
from uncounted.workspace import Workspace


def _contents(ws: Workspace, source: str) -> dict[str, tuple]:
    return {
        r.record_id: (r.fields, sorted((i.field, i.reason) for i in r.issues))
        for r in ws.records()
        if r.source == source
    }


def test_export_then_import_is_identical_for_every_simulated_list(tmp_path):
    scenario = simulate_scenario(ScenarioConfig(n_people=400, n_lists=5, seed=21))
    files = write_scenario(scenario, tmp_path / "scenario")
    first = Workspace.create(str(tmp_path / "first"), PASSPHRASE, actor="t", kdf=TEST_KDF)
    second = Workspace.create(str(tmp_path / "second"), PASSPHRASE, actor="t", kdf=TEST_KDF)
    with first, second:
        for sim_list in scenario.lists:
            first.import_list(sim_list.name, files.lists[sim_list.name])
            out = tmp_path / f"{sim_list.name}.export.csv"
            first.export_records(ExportRequest(out, source=sim_list.name))
            report = second.import_list(sim_list.name, out)
            assert report.quarantined == 0
            assert _contents(second, sim_list.name) == _contents(first, sim_list.name)


def test_parquet_export_is_sealed_and_holds_every_record(tmp_path):
    scenario = simulate_scenario(ScenarioConfig(n_people=100, n_lists=2, seed=3))
    files = write_scenario(scenario, tmp_path / "scenario")
    with Workspace.create(str(tmp_path / "ws"), PASSPHRASE, actor="t", kdf=TEST_KDF) as ws:
        for sim_list in scenario.lists:
            ws.import_list(sim_list.name, files.lists[sim_list.name])
        out = tmp_path / "all.parquet"
        result = ws.export_records(ExportRequest(out, format="parquet"))
        table = pq.read_table(io.BytesIO(sealed.open_sealed(out.read_bytes(), PASSPHRASE)))
        assert result.sealed and table.num_rows == ws.count_records() == result.rows
        assert set(table.column("source").to_pylist()) == {s.name for s in scenario.lists}
