"""The store on SQLite and PostgreSQL: create, open, keys, schema, records, audit chain."""

from __future__ import annotations

import pytest
from sqlalchemy import text, update

from tests.conftest import PASSPHRASE, TEST_KDF
from uncounted.errors import (
    IntegrityError,
    WorkspaceError,
    WorkspaceExistsError,
    WrongPassphraseError,
)
from uncounted.model import (
    AmbiguousDate,
    EventType,
    FieldIssue,
    PartialDate,
    QuarantinedRow,
    Record,
    RecordFields,
    Sex,
    Source,
)
from uncounted.store import Store, audit, records, sources
from uncounted.store.migrate import schema_differences
from uncounted.store.records import RecordFilter
from uncounted.store.schema import audit_log, record


@pytest.fixture
def store(workspace_location: str):
    created = Store.create(workspace_location, PASSPHRASE, actor="tester", kdf=TEST_KDF)
    yield created
    created.close()


def _fields() -> RecordFields:
    return RecordFields(
        name="김영희",
        name_alt=("金英姬", "Jin Yingji"),
        sex=Sex.FEMALE,
        birth_date=PartialDate(1987, 3),
        reported_on=AmbiguousDate((PartialDate(2023, 10, 9), PartialDate(2023, 9, 10))),
        home="혜산시",
        event=EventType.REPATRIATION,
        event_date=PartialDate(2023, 10, 9),
        extras={"broker": "yes"},
    )


def _store_one(store: Store, record_id: str = "A-1") -> None:
    with store.transaction() as connection:
        source_id, _ = sources.ensure_source(connection, store.keyring, Source("list_a"))
        batch = sources.start_batch(
            connection,
            store.keyring,
            source_id=source_id,
            file_name="a.csv",
            file_mac="m",
            file_format="csv",
            encoding="utf-8",
            mapping_text=None,
            actor="tester",
        )
        issue = FieldIssue("a.csv", 2, "age", "not an age", "age")
        rec = Record(
            "list_a", record_id, _fields(), {"record_id": record_id, "age": "?"}, 2, None, (issue,)
        )
        records.insert_records(
            connection,
            store.keyring,
            source_id=source_id,
            batch_id=batch,
            file="a.csv",
            rows=[
                records.prepare_record(
                    store.keyring, record_id, 2, rec.fields, dict(rec.raw), rec.issues
                )
            ],
        )
        records.insert_quarantined(
            connection,
            store.keyring,
            source_id=source_id,
            batch_id=batch,
            rows=[(QuarantinedRow(None, "list_a", "a.csv", 3, "no record_id", {"name": "x"}), "q")],
        )


def test_open_with_the_passphrase_reads_back_what_was_stored(store, workspace_location):
    _store_one(store)
    reopened = Store.open(workspace_location, PASSPHRASE)
    with reopened.reading() as connection:
        rec = records.load_record(connection, reopened.keyring, "list_a", "A-1")
        (quarantined,) = records.list_quarantined(
            connection, reopened.keyring, source_name="list_a", status="open"
        )
    assert rec.fields == _fields()
    assert rec.raw == {"record_id": "A-1", "age": "?"}
    assert rec.issues[0].field == "age"
    assert quarantined.raw == {"name": "x"} and quarantined.reason == "no record_id"
    reopened.close()


def test_wrong_passphrase_is_a_clear_error(store, workspace_location):
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        Store.open(workspace_location, "not the passphrase")


def test_creating_twice_is_refused(store, workspace_location):
    with pytest.raises(WorkspaceExistsError):
        Store.create(workspace_location, PASSPHRASE, actor="tester", kdf=TEST_KDF)


def test_opening_where_there_is_no_workspace_says_so(tmp_path):
    with pytest.raises(WorkspaceError, match="no workspace"):
        Store.open(str(tmp_path / "nothing"), PASSPHRASE)


def test_migrations_match_the_table_definitions(store):
    with store.reading() as connection:
        assert schema_differences(connection) == []


def test_failed_transaction_leaves_nothing(store):
    with pytest.raises(RuntimeError), store.transaction() as connection:
        sources.ensure_source(connection, store.keyring, Source("half"))
        raise RuntimeError("killed half-way")
    with store.reading() as connection:
        assert sources.find_source_id(connection, "half") is None


def test_identifying_columns_hold_only_ciphertext(store):
    _store_one(store)
    with store.reading() as connection:
        blob = connection.execute(text("SELECT payload_enc FROM record")).scalar_one()
    assert "김영희".encode() not in bytes(blob) and b"Jin Yingji" not in bytes(blob)


def test_ciphertext_moved_to_another_row_fails_authentication(store):
    _store_one(store, "A-1")
    with store.transaction() as connection:
        source_id = records.source_id_of(connection, "list_a")
        records.insert_records(
            connection,
            store.keyring,
            source_id=source_id,
            batch_id=1,
            file="b.csv",
            rows=[records.prepare_record(store.keyring, "A-2", 5, RecordFields(), {}, ())],
        )
        stolen = connection.execute(
            text("SELECT payload_enc FROM record WHERE record_id = 'A-1'")
        ).scalar_one()
        connection.execute(
            update(record).where(record.c.record_id == "A-2").values(payload_enc=stolen)
        )
    with store.reading() as connection, pytest.raises(IntegrityError):
        records.load_record(connection, store.keyring, "list_a", "A-2")


def test_filters_and_counts(store):
    _store_one(store, "A-1")
    with store.reading() as connection:
        assert records.count_records(connection, RecordFilter(source="list_a")) == 1
        assert records.count_records(connection, RecordFilter(sex=Sex.MALE)) == 0
        assert records.count_records(connection, RecordFilter(with_issues=True)) == 1
        found = list(
            records.iter_records(connection, store.keyring, RecordFilter(event="repatriation"))
        )
    assert [r.record_id for r in found] == ["A-1"]


def _append(store: Store, n: int) -> None:
    with store.transaction() as connection:
        for i in range(n):
            audit.append_entry(
                connection,
                store.keyring,
                actor="tester",
                action="change",
                target=f"t:{i}",
                details={"i": i},
            )


def test_intact_audit_chain_verifies(store):
    _append(store, 5)
    with store.reading() as connection:
        result = audit.verify_chain(connection, store.keyring)
    assert result.ok and result.entries == 6  # 'init' plus five


def test_edited_audit_entry_is_detected(store):
    _append(store, 5)
    with store.transaction() as connection:
        connection.execute(update(audit_log).where(audit_log.c.seq == 3).values(actor="someone"))
    with store.reading() as connection:
        result = audit.verify_chain(connection, store.keyring)
    assert not result.ok
    assert any("entry 3 was altered" in p for p in result.problems)


def test_deleted_audit_entry_is_detected(store):
    _append(store, 5)
    with store.transaction() as connection:
        connection.execute(audit_log.delete().where(audit_log.c.seq == 4))
    with store.reading() as connection:
        result = audit.verify_chain(connection, store.keyring)
    assert not result.ok and any("entry 4 is missing" in p for p in result.problems)


def test_deleting_the_newest_entries_is_detected(store):
    _append(store, 5)
    with store.transaction() as connection:
        connection.execute(audit_log.delete().where(audit_log.c.seq >= 5))
    with store.reading() as connection:
        result = audit.verify_chain(connection, store.keyring)
    assert not result.ok and any("head records entry 6" in p for p in result.problems)
