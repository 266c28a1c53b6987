"""Receipt codes: 80 bits of randomness, shown once, stored only as a keyed hash (ADR 0009).

A code is looked up by HMAC-SHA-256 under a key derived from the GOODCATCH_RECEIPT_SALT secret.
Nobody chooses a code, so a slow password hash adds nothing against guessing 80 random bits; it
only cost every submission and every follow-up about 30 ms. Codes issued before ADR 0009 are kept
as salted Argon2 hashes (`legacy_receipt_hash`) until each is next used.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import lru_cache

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

# Crockford's base32: no I, L, O or U, so nothing on a phone screen is mistaken for something else.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 4
GROUP_SIZE = 4  # 16 symbols x 5 bits = 80 bits
_READ_AS = {"O": "0", "I": "1", "L": "1"}


def new_receipt_code() -> str:
    # 80 random bits, five to a symbol: every code equally likely, from one call for randomness.
    bits = secrets.randbits(5 * GROUPS * GROUP_SIZE)
    symbols = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(GROUPS * GROUP_SIZE))
    return "-".join(symbols[i : i + GROUP_SIZE] for i in range(0, len(symbols), GROUP_SIZE))


def normalise(entered: str) -> str | None:
    """Accept any case, spaces and hyphens; return the canonical code, or None if it cannot be one."""
    cleaned = "".join(ch for ch in entered.upper() if ch not in " -\t\n")
    cleaned = "".join(_READ_AS.get(ch, ch) for ch in cleaned)
    if len(cleaned) != GROUPS * GROUP_SIZE or any(ch not in ALPHABET for ch in cleaned):
        return None
    return "-".join(cleaned[i : i + GROUP_SIZE] for i in range(0, len(cleaned), GROUP_SIZE))


@lru_cache(maxsize=16)
def _derived(secret: str, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"goodcatch-receipts-v2", info=purpose.encode()).derive(
        secret.encode())


def secret_for(purpose: str) -> bytes:
    """A 32-byte key for one use (receipt codes, idempotency keys ...), derived from the receipt secret.

    One configured secret serves every use, and no use shares a key with another or with the legacy
    Argon2 salt: HKDF with a different label gives an independent key (ADR 0009)."""
    return _derived(settings.RECEIPT_SALT, purpose)


def keyed_hash(purpose: str, message: bytes) -> str:
    """HMAC-SHA-256 of `message` under the key for `purpose`, as 64 hex digits."""
    return hmac.new(secret_for(purpose), message, hashlib.sha256).hexdigest()


def receipt_hash(code: str) -> str:
    """What is stored for a normalised code and looked up by: fast, and useless without the secret."""
    return keyed_hash("receipt codes", code.encode())


def legacy_receipt_hash(code: str) -> str:
    """The Argon2id hash that codes issued before ADR 0009 are stored under; for their lookup only."""
    raw = hash_secret_raw(
        secret=code.encode(),
        salt=("goodcatch-receipt:" + settings.RECEIPT_SALT).encode(),
        time_cost=2,
        memory_cost=19456,
        parallelism=1,
        hash_len=32,
        type=Type.ID,
    )
    return raw.hex()
