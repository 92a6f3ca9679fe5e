"""An import killed with SIGKILL at random moments leaves all of its batch or none of it."""

from __future__ import annotations

import csv
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, TEST_KDF
from uncounted.model import CANONICAL_COLUMNS
from uncounted.simulate import iter_canonical_rows
from uncounted.workspace import Workspace

pytestmark = pytest.mark.slow
ROWS = 30_000
TRIALS = 20


def _write(path: Path, rows: int, seed: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CANONICAL_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(iter_canonical_rows(rows, seed=seed))


def _import_command(workspace: Path, path: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "uncounted",
        "import",
        "--source",
        "big",
        str(path),
        "--workspace",
        str(workspace),
    ]


def test_sigkill_leaves_all_or_nothing(tmp_path):
    base = tmp_path / "base"
    small, big = tmp_path / "small.csv", tmp_path / "big.csv"
    _write(small, 200, seed=1)
    _write(big, ROWS, seed=2)
    with Workspace.create(str(base), PASSPHRASE, actor="tester", kdf=TEST_KDF) as ws:
        ws.import_list("earlier", small)
        before = ws.count_records()
    env = {**os.environ, "UNCOUNTED_PASSPHRASE": PASSPHRASE}

    reference = tmp_path / "reference"
    shutil.copytree(base, reference)
    started = time.perf_counter()
    subprocess.run(_import_command(reference, big), env=env, check=True, capture_output=True)
    full_duration = time.perf_counter() - started
    with Workspace.open(str(reference), PASSPHRASE) as ws:
        whole = ws.count_records() - before
    assert whole > 0.9 * ROWS

    rng = random.Random(20)
    outcomes = []
    for trial in range(TRIALS):
        target = tmp_path / f"trial-{trial}"
        shutil.copytree(base, target)
        process = subprocess.Popen(
            _import_command(target, big),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.05, full_duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        with Workspace.open(str(target), PASSPHRASE) as ws:
            assert ws.verify_audit().ok
            added = ws.count_records() - before
            assert added in (0, whole), f"trial {trial}: {added} records of a batch of {whole}"
            outcomes.append(added)
        shutil.rmtree(target)
    assert 0 in outcomes  # at least some kills landed before the commit
    assert _processes_mentioning(tmp_path, wait=10) == []  # no reader process outlives its import


def _processes_mentioning(folder: Path, wait: float) -> list[int]:
    deadline = time.monotonic() + wait
    while True:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if entry.name.isdigit() and str(folder).encode() in command:
                found.append(int(entry.name))
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)
