"""Keys and field encryption: the only module that sees key material.

A workspace has one random 256-bit data key. It is stored only wrapped (AES-256-GCM) under a key
derived from the passphrase with Argon2id, so changing the passphrase re-wraps one key and
re-encrypts nothing. From the data key, HKDF derives separate sub-keys for field encryption, for
keyed hashes (re-import detection without storing guessable plain hashes of rows) and for the
audit chain. Every ciphertext is bound to where it lives through AES-GCM's associated data, so a
value copied into another row or column fails to decrypt instead of being read as the wrong thing.
See docs/security.md for the threat model.
"""

from __future__ import annotations

import hmac
import os
from dataclasses import asdict, dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from uncounted.errors import IntegrityError, WrongPassphraseError

FORMAT_VERSION = 1
_NONCE_BYTES = 12
_WRAP_AAD = b"uncounted/data-key/v1"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id settings; stored beside the wrapped key so they can be raised later.

    The defaults follow RFC 9106's second recommended option (64 MiB, 3 passes).
    """

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4
    salt_hex: str = ""

    def with_fresh_salt(self) -> KdfParams:
        return KdfParams(self.time_cost, self.memory_kib, self.parallelism, os.urandom(16).hex())

    def as_dict(self) -> dict[str, int | str]:
        return asdict(self)


def derive_key_encryption_key(passphrase: str, params: KdfParams) -> bytes:
    if not passphrase:
        raise WrongPassphraseError("an empty passphrase cannot protect a workspace")
    return hash_secret_raw(
        secret=passphrase.encode("utf-8"),
        salt=bytes.fromhex(params.salt_hex),
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def new_wrapped_data_key(kek: bytes) -> tuple[bytes, bytes]:
    """A fresh data key and its wrapped form (nonce + AES-GCM ciphertext under the KEK)."""
    data_key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(_NONCE_BYTES)
    return data_key, nonce + AESGCM(kek).encrypt(nonce, data_key, _WRAP_AAD)


def unwrap_data_key(kek: bytes, wrapped: bytes) -> bytes:
    try:
        return AESGCM(kek).decrypt(wrapped[:_NONCE_BYTES], wrapped[_NONCE_BYTES:], _WRAP_AAD)
    except InvalidTag:
        raise WrongPassphraseError() from None


def _subkey(data_key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(data_key)


class Keyring:
    """Sub-keys derived from the data key, and the operations that use them."""

    def __init__(self, data_key: bytes):
        self._aead = AESGCM(_subkey(data_key, b"uncounted/fields/v1"))
        self._mac_key = _subkey(data_key, b"uncounted/mac/v1")
        self._audit_key = _subkey(data_key, b"uncounted/audit/v1")

    def encrypt(self, plaintext: bytes, context: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return bytes([FORMAT_VERSION]) + nonce + self._aead.encrypt(nonce, plaintext, context)

    def decrypt(self, blob: bytes, context: bytes) -> bytes:
        if not blob or blob[0] != FORMAT_VERSION:
            raise IntegrityError("stored value has an unknown format (corrupted or altered)")
        try:
            return self._aead.decrypt(blob[1 : 1 + _NONCE_BYTES], blob[1 + _NONCE_BYTES :], context)
        except InvalidTag:
            raise IntegrityError(
                "stored value failed authentication (altered, moved, or another key)"
            ) from None

    def mac(self, data: bytes) -> str:
        """Keyed hash: equal inputs give equal tags, but a tag reveals nothing without the key."""
        return hmac.digest(self._mac_key, data, "sha256").hex()

    def audit_mac(self, data: bytes) -> str:
        return hmac.digest(self._audit_key, data, "sha256").hex()
