"""Setting up and unlocking a workspace's keys, kept in ``workspace_meta``."""

from __future__ import annotations

import json
import uuid

from sqlalchemy import Connection, insert, select

from uncounted.errors import WorkspaceError
from uncounted.store.crypto import (
    KdfParams,
    Keyring,
    derive_key_encryption_key,
    new_wrapped_data_key,
    unwrap_data_key,
)
from uncounted.store.schema import workspace_meta

STORE_FORMAT = "1"


def initialise_keys(connection: Connection, passphrase: str, kdf: KdfParams) -> Keyring:
    params = kdf.with_fresh_salt()
    data_key, wrapped = new_wrapped_data_key(derive_key_encryption_key(passphrase, params))
    meta = {
        "store_format": STORE_FORMAT,
        "workspace_id": str(uuid.uuid4()),
        "kdf": json.dumps({"algorithm": "argon2id", **params.as_dict()}),
        "wrapped_data_key": wrapped.hex(),
    }
    connection.execute(insert(workspace_meta), [{"key": k, "value": v} for k, v in meta.items()])
    return Keyring(data_key)


def read_meta(connection: Connection) -> dict[str, str]:
    rows = connection.execute(select(workspace_meta.c.key, workspace_meta.c.value)).all()
    return {key: value for key, value in rows}


def unlock_keys(connection: Connection, passphrase: str) -> Keyring:
    meta = read_meta(connection)
    if "wrapped_data_key" not in meta or "kdf" not in meta:
        raise WorkspaceError("this database is not an initialised uncounted workspace")
    if meta.get("store_format") != STORE_FORMAT:
        raise WorkspaceError(f"unknown workspace format {meta.get('store_format')!r}")
    kdf = json.loads(meta["kdf"])
    kdf.pop("algorithm", None)
    kek = derive_key_encryption_key(passphrase, KdfParams(**kdf))
    return Keyring(unwrap_data_key(kek, bytes.fromhex(meta["wrapped_data_key"])))
