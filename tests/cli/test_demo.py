"""`uncounted demo` runs the whole flow on simulated people and reports each source."""

from __future__ import annotations

from typer.testing import CliRunner

from uncounted.cli import app


def test_demo_imports_every_simulated_list(tmp_path):
    result = CliRunner().invoke(
        app, ["demo", "--people", "150", "--lists", "3", "--seed", "4", "--keep", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "what each source contributed" in result.stdout
    assert "Audit log: intact" in result.stdout
    assert (tmp_path / "workspace" / "uncounted.db").exists()
    truth = tmp_path / "scenario" / "truth" / "records.csv"
    assert truth.exists()
    assert not (tmp_path / "workspace" / "truth").exists()
