from __future__ import annotations

from pathlib import Path

from uncounted.ingest import ParsedRow, UnreadableRow, open_list


def read_all(path: Path, **options: object) -> list[ParsedRow | UnreadableRow]:
    with open_list(path, **options) as listfile:
        return list(listfile.rows())
