"""Receipt codes: 80 bits of randomness, shown once, stored only as a slow, salted argon2 hash."""

from __future__ import annotations

import secrets

from argon2.low_level import Type, hash_secret_raw
from django.conf import settings

# Crockford's base32: no I, L, O or U, so nothing on a phone screen is mistaken for something else.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 4
GROUP_SIZE = 4  # 16 symbols x 5 bits = 80 bits
_READ_AS = {"O": "0", "I": "1", "L": "1"}


def new_receipt_code() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_SIZE))
    return "-".join(symbols[i : i + GROUP_SIZE] for i in range(0, len(symbols), GROUP_SIZE))


def normalise(entered: str) -> str | None:
    """Accept any case, spaces and hyphens; return the canonical code, or None if it cannot be one."""
    cleaned = "".join(ch for ch in entered.upper() if ch not in " -\t\n")
    cleaned = "".join(_READ_AS.get(ch, ch) for ch in cleaned)
    if len(cleaned) != GROUPS * GROUP_SIZE or any(ch not in ALPHABET for ch in cleaned):
        return None
    return "-".join(cleaned[i : i + GROUP_SIZE] for i in range(0, len(cleaned), GROUP_SIZE))


def receipt_hash(code: str) -> str:
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
