"""Sealed files: exports that leave the database but must stay unreadable without a passphrase.

Layout: ``MAGIC``, a length-prefixed JSON header (format, Argon2id parameters and salt), then
chunks of at most 64 KiB, each ``length(4) | nonce(12) | AES-GCM(ciphertext+tag)``. A chunk's
associated data binds it to the header, its index and whether it is the last one, so a reordered,
dropped or truncated chunk fails authentication. The key comes from a passphrase (not the
workspace's data key), so a partner can open the file with the passphrase alone.
"""

from __future__ import annotations

import io
import json
import os
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from uncounted.errors import IntegrityError, WrongPassphraseError
from uncounted.store.crypto import KdfParams, derive_key_encryption_key

MAGIC = b"UNCOUNTED-SEALED\x00\x01"
CHUNK = 64 * 1024
_NONCE = 12


def is_sealed(head: bytes) -> bool:
    return head.startswith(MAGIC)


def _chunk_aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">Q?", index, last)


class SealedWriter(io.RawIOBase):
    """A write-only binary stream that encrypts into ``target`` as data arrives."""

    def __init__(self, target: BinaryIO, passphrase: str, kdf: KdfParams | None = None):
        super().__init__()
        params = (kdf or KdfParams()).with_fresh_salt()
        self._aead = AESGCM(derive_key_encryption_key(passphrase, params))
        self._header = json.dumps({"format": 1, "kdf": params.as_dict()}).encode()
        self._target = target
        self._buffer = bytearray()
        self._index = 0
        target.write(MAGIC + struct.pack(">I", len(self._header)) + self._header)

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self._buffer.extend(data)
        while len(self._buffer) > CHUNK:
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _emit(self, chunk: bytes, *, last: bool) -> None:
        nonce = os.urandom(_NONCE)
        sealed = self._aead.encrypt(nonce, chunk, _chunk_aad(self._header, self._index, last))
        self._target.write(struct.pack(">I", len(sealed)) + nonce + sealed)
        self._index += 1

    def close(self) -> None:
        if not self.closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._target.flush()
        super().close()


def open_sealed(data: bytes, passphrase: str) -> bytes:
    """Decrypt a whole sealed file held in memory; never writes plaintext to disk."""
    if not is_sealed(data):
        raise IntegrityError("not a sealed uncounted file")
    offset = len(MAGIC)
    try:
        (header_length,) = struct.unpack_from(">I", data, offset)
        header = data[offset + 4 : offset + 4 + header_length]
        params = KdfParams(**json.loads(header)["kdf"])
    except (struct.error, ValueError, KeyError, TypeError) as error:
        raise IntegrityError("sealed file header is damaged") from error
    aead = AESGCM(derive_key_encryption_key(passphrase, params))
    return b"".join(_decrypt_chunks(aead, header, data, offset + 4 + header_length))


def _decrypt_chunks(aead: AESGCM, header: bytes, data: bytes, offset: int) -> Iterator[bytes]:
    index = 0
    while offset < len(data):
        if offset + 4 + _NONCE > len(data):
            raise IntegrityError(f"sealed file is truncated at chunk {index}")
        (length,) = struct.unpack_from(">I", data, offset)
        if offset + 4 + _NONCE + length > len(data):
            raise IntegrityError(f"sealed file is truncated at chunk {index}")
        nonce = data[offset + 4 : offset + 4 + _NONCE]
        body = data[offset + 4 + _NONCE : offset + 4 + _NONCE + length]
        offset += 4 + _NONCE + length
        last = offset >= len(data)
        try:
            yield aead.decrypt(nonce, body, _chunk_aad(header, index, last))
        except InvalidTag:
            if index == 0:
                raise WrongPassphraseError(
                    "wrong passphrase for this sealed file (or its first chunk is damaged)"
                ) from None
            raise IntegrityError(f"sealed file damaged or truncated at chunk {index}") from None
        index += 1
    if index == 0:
        raise IntegrityError("sealed file is truncated")
