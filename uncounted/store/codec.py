"""Records and quarantined rows as the JSON that is encrypted into ``payload_enc``.

Dates are written with ``.iso()`` (the precision kept), so decoding gives back equal objects.
"""

from __future__ import annotations

import json
from typing import Any

from uncounted.model import (
    DATE_COLUMNS,
    EventType,
    FieldIssue,
    RecordFields,
    Sex,
    date_from_iso,
)

_TEXT_FIELDS = ("name", "family_name", "given_name", "home", "event_place", "notes")
_DATE_FIELDS = frozenset(DATE_COLUMNS)
_ENUM_FIELDS = frozenset({"sex", "event"})


def fields_to_json(fields: RecordFields) -> dict[str, Any]:
    """Only the known values, dates as ISO text at their precision, enums as their codes.

    Written as one loop over the instance's values because imports call it for every row.
    """
    data: dict[str, Any] = {}
    for name, value in vars(fields).items():
        if value is None or value == () or value == {} or name.startswith("_"):
            continue
        if name in _DATE_FIELDS:
            data[name] = value.iso()
        elif name in _ENUM_FIELDS:
            data[name] = value.value
        elif name == "name_alt":
            data[name] = list(value)
        elif name == "extras":
            data[name] = dict(value)
        else:
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


def dumps(value: object, *, sort_keys: bool = False) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)


def encode_record_payload(
    fields_json: str, raw: dict[str, str], issues: tuple[FieldIssue, ...], file: str
) -> bytes:
    """The document encrypted into ``payload_enc``; ``fields_json`` is the serialised fields.

    Taking the fields already serialised lets an import serialise them once for both the
    payload and the keyed content hash.
    """
    issues_json = dumps(issues_to_json(issues)) if issues else "[]"
    text = f'{{"f":{fields_json},"r":{dumps(raw)},"i":{issues_json},"file":{dumps(file)}}}'
    return text.encode("utf-8")


def decode_record_payload(
    blob: bytes,
) -> tuple[RecordFields, dict[str, str], tuple[FieldIssue, ...], str]:
    document = json.loads(blob)
    return (
        fields_from_json(document["f"]),
        document["r"],
        issues_from_json(document["i"]),
        document["file"],
    )


def encode_quarantine_payload(raw: dict[str, str], file: str) -> bytes:
    return json.dumps({"r": raw, "file": file}, ensure_ascii=False).encode("utf-8")


def decode_quarantine_payload(blob: bytes) -> tuple[dict[str, str], str]:
    document = json.loads(blob)
    return document["r"], document["file"]


def canonical_raw_bytes(raw: dict[str, str]) -> bytes:
    """The raw row in one fixed form, for the keyed hash that detects a re-imported row."""
    return json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
