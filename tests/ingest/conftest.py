from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a list file: text (encoded) or bytes, under a given name."""

    def write(data: str | bytes, name: str = "list.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
        return path

    return write
