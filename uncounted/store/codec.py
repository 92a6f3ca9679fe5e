"""Records and quarantined rows as the JSON that is encrypted into ``payload_enc``.

Dates are written with ``.iso()`` (the precision kept), so decoding gives back equal objects.
JSON goes through orjson: an import serialises every row twice (fields for the content hash,
the whole document for the payload), and the standard library's encoder was the largest cost.
"""

from __future__ import annotations

from typing import Any

import orjson

from uncounted.model import (
    DATE_COLUMNS,
    AmbiguousDate,
    EventType,
    FieldIssue,
    PartialDate,
    RecordFields,
    Sex,
    date_from_iso,
)

_TEXT_FIELDS = ("name", "family_name", "given_name", "home", "event_place", "notes")


def fields_to_json(fields: RecordFields) -> dict[str, Any]:
    """Only the known values, dates as ISO text at their precision, enums as their codes.

    One loop with class identity checks, because imports call it for every row; enums (str
    subclasses) and tuples are left as they are, since both JSON encoders write them as codes
    and arrays.
    """
    data: dict[str, Any] = {}
    for name, value in vars(fields).items():
        if value is None or name[0] == "_":
            continue
        kind = value.__class__
        if kind is PartialDate or kind is AmbiguousDate:
            value = value.iso()
        elif (kind is tuple or kind is dict) and not value:
            continue
        data[name] = value
    return data


def fields_from_json(data: dict[str, Any]) -> RecordFields:
    values: dict[str, Any] = {name: data.get(name) for name in _TEXT_FIELDS}
    for name in DATE_COLUMNS:
        values[name] = date_from_iso(data[name]) if data.get(name) else None
    values["name_alt"] = tuple(data.get("name_alt", ()))
    values["sex"] = Sex(data["sex"]) if data.get("sex") else None
    values["event"] = EventType(data["event"]) if data.get("event") else None
    values["age"] = data.get("age")
    values["extras"] = dict(data.get("extras", {}))
    return RecordFields(**values)


def issues_to_json(issues: tuple[FieldIssue, ...]) -> list[list[Any]]:
    return [[i.file, i.row, i.column, i.reason, i.field] for i in issues]


def issues_from_json(data: list[list[Any]]) -> tuple[FieldIssue, ...]:
    return tuple(FieldIssue(*item) for item in data)


def dumps(value: object, *, sort_keys: bool = False) -> bytes:
    """Compact UTF-8 JSON; ``sort_keys`` gives one fixed form for hashing."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS if sort_keys else 0)


def encode_record_payload(
    fields_json: bytes, raw: dict[str, str], issues: tuple[FieldIssue, ...], file: str
) -> bytes:
    """The document encrypted into ``payload_enc``; ``fields_json`` is the serialised fields.

    Taking the fields already serialised lets an import serialise them once for both the
    payload and the keyed content hash.
    """
    issues_json = dumps(issues_to_json(issues)) if issues else b"[]"
    return b"".join(
        (
            b'{"f":',
            fields_json,
            b',"r":',
            dumps(raw),
            b',"i":',
            issues_json,
            b',"file":',
            dumps(file),
            b"}",
        )
    )


def decode_record_payload(
    blob: bytes,
) -> tuple[RecordFields, dict[str, str], tuple[FieldIssue, ...], str]:
    document = orjson.loads(blob)
    return (
        fields_from_json(document["f"]),
        document["r"],
        issues_from_json(document["i"]),
        document["file"],
    )


def encode_quarantine_payload(raw: dict[str, str], file: str) -> bytes:
    return dumps({"r": raw, "file": file})


def decode_quarantine_payload(blob: bytes) -> tuple[dict[str, str], str]:
    document = orjson.loads(blob)
    return document["r"], document["file"]


def canonical_raw_bytes(raw: dict[str, str]) -> bytes:
    """The raw row in one fixed form, for the keyed hash that detects a re-imported row."""
    return dumps(raw, sort_keys=True)
