"""The import's reader process: errors come back to the importer, and nothing is written."""

from __future__ import annotations

import pytest

from tests.conftest import PASSPHRASE, TEST_KDF
from uncounted import import_reader
from uncounted.errors import InputFileError
from uncounted.workspace import Workspace

LIST = "record_id,name\nA-1,김영희\nA-2,리영숙\n"


def test_an_error_in_the_reader_is_raised_by_the_import_and_leaves_nothing(tmp_path, monkeypatch):
    path = tmp_path / "list.csv"
    path.write_text(LIST, encoding="utf-8")

    def broken(job, keyring):
        yield [], 0
        raise InputFileError(job.file, "the disk went away half-way")

    monkeypatch.setattr(import_reader, "read_batches", broken)  # the forked child inherits it
    with Workspace.create(str(tmp_path / "ws"), PASSPHRASE, actor="t", kdf=TEST_KDF) as ws:
        with pytest.raises(InputFileError, match="half-way"):
            ws.import_list("s", path)
        assert ws.count_records() == 0 and ws.sources() == []
        assert [e.action for e in ws.audit_entries()] == ["init"]


def test_a_reader_that_dies_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "list.csv"
    path.write_text(LIST, encoding="utf-8")

    def dies(job, keyring):
        import os

        os._exit(3)
        yield  # pragma: no cover

    monkeypatch.setattr(import_reader, "read_batches", dies)
    with Workspace.create(str(tmp_path / "ws"), PASSPHRASE, actor="t", kdf=TEST_KDF) as ws:
        with pytest.raises(Exception, match="stopped unexpectedly"):
            ws.import_list("s", path)
        assert ws.count_records() == 0
