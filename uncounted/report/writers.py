"""Table writers, one per export format, in a registry (``EXPORT_WRITERS``).

Every CSV writer neutralises values a spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from uncounted.report.formula import neutralise_formula

TableWriter = Callable[[BinaryIO, tuple[str, ...], Iterable[dict[str, str]]], int]
_PARQUET_BATCH = 10_000


def write_csv(stream: BinaryIO, columns: tuple[str, ...], rows: Iterable[dict[str, str]]) -> int:
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([neutralise_formula(row.get(c, "")) for c in columns])
        count += 1
    text.flush()
    text.detach()
    return count


def write_parquet(
    stream: BinaryIO, columns: tuple[str, ...], rows: Iterable[dict[str, str]]
) -> int:
    schema = pa.schema([(c, pa.string()) for c in columns])
    count = 0
    with pq.ParquetWriter(pa.PythonFile(stream, mode="w"), schema) as writer:
        batch: list[dict[str, str]] = []
        for row in rows:
            batch.append(row)
            count += 1
            if len(batch) >= _PARQUET_BATCH:
                writer.write_table(_to_table(schema, columns, batch))
                batch = []
        writer.write_table(_to_table(schema, columns, batch))
    return count


def _to_table(schema: pa.Schema, columns: tuple[str, ...], batch: list[dict[str, str]]) -> pa.Table:
    data = {c: [row.get(c, "") for row in batch] for c in columns}
    return pa.Table.from_pydict(data, schema=schema)


EXPORT_WRITERS: dict[str, TableWriter] = {"csv": write_csv, "parquet": write_parquet}
