"""Envelope encryption: per-organisation AES-256-GCM data keys wrapped by a master key from the
environment or a key file, never from the database."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


class SealError(Exception):
    """A sealed record or key could not be decrypted: wrong key, or tampered data."""


@lru_cache(maxsize=16)
def _kek(master_secret: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"goodcatch-kek-v1", info=b"wrap data keys").derive(
        master_secret.encode()
    )


def master_key_id(master_secret: str) -> str:
    return hashlib.sha256(b"goodcatch-key-id:" + master_secret.encode()).hexdigest()[:16]


def master_secrets() -> list[str]:
    """The current master key first, then retired ones that may still wrap keys until rotation."""
    # Read live, not at start-up, so a rotation runs with the variable set for that command only.
    old = [s.strip() for s in os.environ.get("GOODCATCH_OLD_MASTER_KEYS", "").split(",") if s.strip()]
    return [settings.MASTER_KEY, *old]


def wrap(data_key: bytes, aad: bytes, master_secret: str | None = None) -> tuple[bytes, str]:
    secret = master_secret or settings.MASTER_KEY
    nonce = os.urandom(12)
    return nonce + AESGCM(_kek(secret)).encrypt(nonce, data_key, aad), master_key_id(secret)


def unwrap(wrapped: bytes, aad: bytes, key_id: str) -> bytes:
    for secret in master_secrets():
        if master_key_id(secret) == key_id:
            try:
                return AESGCM(_kek(secret)).decrypt(wrapped[:12], wrapped[12:], aad)
            except InvalidTag:
                raise SealError("The data key failed its integrity check: it was altered or wrapped with another key.") from None
    raise SealError(f"No configured master key has id {key_id}. Set GOODCATCH_OLD_MASTER_KEYS to rotate from it.")


def encrypt(data_key: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(12)
    return nonce, AESGCM(data_key).encrypt(nonce, plaintext, aad)


def decrypt(data_key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(data_key).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        raise SealError("The sealed record failed its integrity check: it was altered.") from None
