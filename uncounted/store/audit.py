"""The append-only audit log: a keyed hash chain over every import, change, delete and export.

Entry *n* carries ``mac_n = HMAC(audit_key, mac_{n-1} || entry_n)``. Editing an entry breaks its
MAC; deleting or reordering one breaks the next entry's link; deleting the newest ones is caught
by the chain head kept (with its own MAC) in ``workspace_meta``. Without the key nobody can
recompute a consistent chain. Entries name ids, counts and column names, never identifying values.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, update

from uncounted.store.crypto import Keyring
from uncounted.store.schema import audit_log, workspace_meta

GENESIS = "0" * 64
_HEAD_KEY = "audit_head"


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    target: str
    details: dict[str, Any]


@dataclass(frozen=True)
class AuditVerification:
    entries: int
    ok: bool
    problems: tuple[str, ...]


def _entry_bytes(seq: int, at: str, actor: str, action: str, target: str, details: str) -> bytes:
    return json.dumps([seq, at, actor, action, target, details], ensure_ascii=False).encode()


def _head_mac(keyring: Keyring, seq: int, mac: str) -> str:
    return keyring.audit_mac(f"head|{seq}|{mac}".encode())


def write_head(connection: Connection, keyring: Keyring, seq: int, mac: str) -> None:
    value = json.dumps({"seq": seq, "mac": mac, "check": _head_mac(keyring, seq, mac)})
    changed = connection.execute(
        update(workspace_meta).where(workspace_meta.c.key == _HEAD_KEY).values(value=value)
    ).rowcount
    if not changed:
        connection.execute(insert(workspace_meta).values(key=_HEAD_KEY, value=value))


def _read_head(connection: Connection, *, lock: bool = False) -> dict[str, Any] | None:
    query = select(workspace_meta.c.value).where(workspace_meta.c.key == _HEAD_KEY)
    if lock and connection.dialect.name == "postgresql":
        query = query.with_for_update()
    value = connection.execute(query).scalar_one_or_none()
    return json.loads(value) if value is not None else None


def append_entry(
    connection: Connection,
    keyring: Keyring,
    *,
    actor: str,
    action: str,
    target: str,
    details: dict[str, Any],
) -> AuditEntry:
    """Append one entry inside the caller's transaction (which also holds the write lock)."""
    head = _read_head(connection, lock=True) or {"seq": 0, "mac": GENESIS}
    seq = head["seq"] + 1
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    details_text = json.dumps(details, ensure_ascii=False, sort_keys=True)
    mac = keyring.audit_mac(
        head["mac"].encode() + _entry_bytes(seq, at, actor, action, target, details_text)
    )
    connection.execute(
        insert(audit_log).values(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            target=target,
            details=details_text,
            prev_mac=head["mac"],
            mac=mac,
        )
    )
    write_head(connection, keyring, seq, mac)
    return AuditEntry(seq, at, actor, action, target, details)


def verify_chain(connection: Connection, keyring: Keyring) -> AuditVerification:
    problems: list[str] = []
    expected_prev, expected_seq, count = GENESIS, 1, 0
    for row in connection.execute(select(audit_log).order_by(audit_log.c.seq)):
        count += 1
        if row.seq != expected_seq:
            problems.append(f"entry {expected_seq} is missing (next entry found is {row.seq})")
        if row.prev_mac != expected_prev:
            problems.append(f"entry {row.seq} does not link to the entry before it")
        entry = _entry_bytes(row.seq, row.at, row.actor, row.action, row.target, row.details)
        if keyring.audit_mac(row.prev_mac.encode() + entry) != row.mac:
            problems.append(f"entry {row.seq} was altered after it was written")
        expected_prev, expected_seq = row.mac, row.seq + 1
    problems.extend(_check_head(connection, keyring, expected_seq - 1, expected_prev))
    return AuditVerification(entries=count, ok=not problems, problems=tuple(problems))


def _check_head(
    connection: Connection, keyring: Keyring, last_seq: int, last_mac: str
) -> list[str]:
    head = _read_head(connection)
    if head is None:
        return [] if last_seq == 0 else ["the chain head is missing"]
    if head.get("check") != _head_mac(keyring, head["seq"], head["mac"]):
        return ["the chain head was altered"]
    if head["seq"] != last_seq or head["mac"] != last_mac:
        return [f"the log ends at entry {last_seq} but the head records entry {head['seq']}"]
    return []


def read_entries(connection: Connection, limit: int | None = None) -> list[AuditEntry]:
    query = select(audit_log).order_by(audit_log.c.seq.desc())
    if limit is not None:
        query = query.limit(limit)
    rows = connection.execute(query).all()
    return [
        AuditEntry(r.seq, r.at, r.actor, r.action, r.target, json.loads(r.details))
        for r in reversed(rows)
    ]
