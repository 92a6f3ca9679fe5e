"""Import speed and memory: uncounted beside plain ``sqlite3`` ``executemany``, same rows and run.

    python -m benchmarks.import_rows --rows 1000000        (or: make bench-import)

Writes one canonical CSV of simulated rows, then times, each in its own process so that peak
memory (max RSS) is that job's alone:
  * baseline: the stdlib ``csv`` reader + ``sqlite3`` ``executemany`` of every row as text into
    one table, in one transaction (no validation, no encryption);
  * uncounted: ``Workspace.import_list`` — parsing, validation, normalisation, keyed hashes,
    AES-GCM encryption, audit — into a new SQLite workspace (production Argon2id settings).
Prints a table and writes ``benchmarks/results/import.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from uncounted.model import CANONICAL_COLUMNS
from uncounted.simulate import iter_canonical_rows

RESULTS = Path(__file__).parent / "results"


def write_rows(path: Path, n_rows: int, seed: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CANONICAL_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in iter_canonical_rows(n_rows, seed=seed):
            writer.writerow(row)


def run_baseline(csv_path: Path, folder: Path) -> dict[str, float]:
    start = time.perf_counter()
    connection = sqlite3.connect(folder / "baseline.db")
    with csv_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        columns = ", ".join(f'"{c}" TEXT' for c in header)
        connection.execute(f"CREATE TABLE rows ({columns})")
        marks = ", ".join("?" * len(header))
        with connection:
            connection.executemany(f"INSERT INTO rows VALUES ({marks})", reader)
    connection.close()
    return {"seconds": time.perf_counter() - start}


def run_uncounted(csv_path: Path, folder: Path) -> dict[str, float]:
    from uncounted.workspace import Workspace

    ws = Workspace.create(str(folder / "workspace"), "benchmark passphrase", actor="bench")
    start = time.perf_counter()
    report = ws.import_list("bench", csv_path)
    seconds = time.perf_counter() - start
    ws.close()
    return {"seconds": seconds, "stored": report.stored, "read": report.read}


def _child(role: str, csv_path: Path, folder: Path) -> None:
    result = (run_baseline if role == "baseline" else run_uncounted)(csv_path, folder)
    # The import reads in a forked child: count the peaks of both processes (an upper bound).
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["peak_rss_mib"] = (own + children) / 1024
    print(json.dumps(result))


def _measure(role: str, csv_path: Path, folder: Path) -> dict[str, float]:
    command = [
        sys.executable,
        "-m",
        "benchmarks.import_rows",
        "--child",
        role,
        "--csv",
        str(csv_path),
        "--folder",
        str(folder),
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", choices=["baseline", "uncounted"])
    parser.add_argument("--csv", type=Path)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.csv, args.folder)
        return
    with tempfile.TemporaryDirectory(prefix="uncounted-bench-") as tmp:
        folder = Path(tmp)
        csv_path = folder / "rows.csv"
        write_rows(csv_path, args.rows, args.seed)
        baseline = _measure("baseline", csv_path, folder)
        ours = _measure("uncounted", csv_path, folder)
        size_mib = csv_path.stat().st_size / 2**20
    report = {
        "rows": args.rows,
        "csv_mib": round(size_mib, 1),
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "baseline_sqlite3_executemany": _summarise(baseline, args.rows),
        "uncounted_import": _summarise(ours, args.rows),
        "ratio_time": round(ours["seconds"] / baseline["seconds"], 2),
        "target_ratio": 3.0,
        "target_peak_mib": 2048,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "import.json").write_text(json.dumps(report, indent=2) + "\n")
    _print_table(report)


def _summarise(result: dict[str, float], rows: int) -> dict[str, float]:
    return {
        "seconds": round(result["seconds"], 2),
        "rows_per_second": round(rows / result["seconds"]),
        "peak_rss_mib": round(result["peak_rss_mib"], 1),
    }


def _print_table(report: dict) -> None:  # type: ignore[type-arg]
    print(f"import benchmark: {report['rows']:,} rows ({report['csv_mib']} MiB CSV)")
    print(f"{'job':34} {'seconds':>9} {'rows/s':>10} {'peak MiB':>9}")
    for label, key in (
        ("sqlite3 executemany (baseline)", "baseline_sqlite3_executemany"),
        ("uncounted import", "uncounted_import"),
    ):
        r = report[key]
        print(f"{label:34} {r['seconds']:>9} {r['rows_per_second']:>10,} {r['peak_rss_mib']:>9}")
    print(
        f"time ratio {report['ratio_time']} (target <= {report['target_ratio']}); "
        f"peak target < {report['target_peak_mib']} MiB"
    )
    print(f"written to {RESULTS / 'import.json'}")


if __name__ == "__main__":
    main()
