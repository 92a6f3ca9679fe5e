"""The import's reader: a list file turned into rows ready to insert, in a second process.

An import's work splits in two. Reading — decoding, cleaning and parsing cells, serialising the
fields, the keyed content hash and the encryption of each row — needs nothing from the database.
Deciding — duplicates, quarantine — and writing need the transaction. The reader runs in a forked
child and streams batches over a pipe, so the two halves use both cores; the parent alone holds
the database connection, so the transaction (all of the import or none of it) is unchanged. Where
``fork`` is not available the same reader runs in the parent.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection as Pipe
from pathlib import Path
from typing import NamedTuple

from uncounted.errors import UncountedError
from uncounted.ingest import ListMapping, ParsedRow, UnreadableRow, open_list
from uncounted.store import records
from uncounted.store.crypto import Keyring

NO_RECORD_ID = "no record_id: a row without the source's id cannot be a record"
_BATCH_ROWS = 2000


class ReadyRecord(NamedTuple):
    record_id: str
    row: int
    content_mac: str
    values: records.RecordRow
    issues: tuple[str, ...]


class ReadyQuarantine(NamedTuple):
    row: int
    raw: dict[str, str]
    reason: str


Batch = list[ReadyRecord | ReadyQuarantine]


@dataclass(frozen=True)
class ReaderJob:
    path: Path
    mapping: ListMapping | None
    encoding: str | None
    content: bytes | None
    source_id: int
    batch_id: int
    file: str


def read_batches(job: ReaderJob, keyring: Keyring) -> Iterator[tuple[Batch, int]]:
    """Batches of ready rows, each with how many bytes of the file were read so far."""
    with open_list(
        job.path, mapping=job.mapping, encoding=job.encoding, content=job.content
    ) as lst:
        batch: Batch = []
        for item in lst.rows():
            batch.append(_ready(job, keyring, item))
            if len(batch) >= _BATCH_ROWS:
                yield batch, lst.tell()
                batch = []
        yield batch, lst.tell()


def _ready(
    job: ReaderJob, keyring: Keyring, item: ParsedRow | UnreadableRow
) -> ReadyRecord | ReadyQuarantine:
    if isinstance(item, UnreadableRow):
        return ReadyQuarantine(item.row, item.raw, item.reason)
    if item.record_id is None:
        return ReadyQuarantine(item.row, item.raw, NO_RECORD_ID)
    prepared = records.prepare_record(
        keyring, item.record_id, item.row, item.fields, item.raw, item.issues
    )
    values = records.record_row(
        keyring, source_id=job.source_id, batch_id=job.batch_id, file=job.file, prepared=prepared
    )
    issues = tuple(str(issue) for issue in prepared.issues)
    return ReadyRecord(prepared.record_id, prepared.row, prepared.content_mac, values, issues)


def stream_batches(job: ReaderJob, keyring: Keyring) -> Iterator[tuple[Batch, int]]:
    """``read_batches`` in a forked child when the platform forks; in this process otherwise."""
    if "fork" not in multiprocessing.get_all_start_methods():
        yield from read_batches(job, keyring)
        return
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(job, keyring, sending, receiving), daemon=True)
    child.start()
    sending.close()
    try:
        yield from _receive(receiving)
    finally:
        receiving.close()
        child.join(timeout=5)
        if child.is_alive():
            child.terminate()


def _receive(receiving: Pipe) -> Iterator[tuple[Batch, int]]:
    while True:
        try:
            kind, payload = receiving.recv()
        except EOFError:
            raise UncountedError("the import's reader process stopped unexpectedly") from None
        if kind == "done":
            return
        if kind == "error":
            raise payload
        yield payload


def _child(job: ReaderJob, keyring: Keyring, sending: Pipe, inherited: Pipe) -> None:
    """Runs in the forked reader: stream batches, then one last message ('done' or 'error').

    The reading end inherited from the fork is closed first: if the importer dies, the pipe then
    has no reader left, the next send fails, and this process ends instead of waiting forever.
    """
    inherited.close()
    try:
        for message in read_batches(job, keyring):
            sending.send(("batch", message))
        sending.send(("done", None))
    except (BrokenPipeError, KeyboardInterrupt):
        pass  # the parent went away or was interrupted: nothing to report to
    except Exception as error:  # the parent re-raises it, as if the reader ran there
        sending.send(("error", _picklable(error)))
    finally:
        sending.close()


def _picklable(error: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"import reader failed: {type(error).__name__}: {error}")
    return error
