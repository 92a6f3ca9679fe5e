"""Sealed export files: round trip, wrong passphrase, tampering."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import TEST_KDF
from uncounted.errors import IntegrityError, WrongPassphraseError
from uncounted.store.sealed import CHUNK, SealedWriter, is_sealed, open_sealed


def _seal(data: bytes, passphrase: str = "pw") -> bytes:
    target = io.BytesIO()
    writer = SealedWriter(target, passphrase, TEST_KDF)
    writer.write(data)
    writer.close()
    return target.getvalue()


@settings(max_examples=25, deadline=None)
@given(st.binary(max_size=3 * CHUNK + 17))
def test_round_trip(data):
    sealed = _seal(data)
    assert is_sealed(sealed) and open_sealed(sealed, "pw") == data


def test_wrong_passphrase():
    with pytest.raises(WrongPassphraseError):
        open_sealed(_seal(b"secret"), "other")


def test_truncation_and_flipped_bytes_are_detected():
    sealed = _seal(b"x" * (2 * CHUNK + 5))
    with pytest.raises(IntegrityError):
        open_sealed(sealed[: len(sealed) - 30], "pw")
    flipped = bytearray(sealed)
    flipped[-1] ^= 1
    with pytest.raises(IntegrityError):
        open_sealed(bytes(flipped), "pw")


def test_plaintext_is_absent():
    assert b"confidential name" not in _seal(b"confidential name" * 100)
