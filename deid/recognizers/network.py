"""Crypto-currency wallets Presidio does not know: Ethereum-style addresses (0x and 40 hex digits,
used by Ethereum and the tokens and chains built on it).

Presidio's own recognisers (`composed.py`) find IP addresses, web addresses and Bitcoin wallets
(checked against their checksums); this module only adds what they lack.
"""

from __future__ import annotations

import re

from deid.types import Span

_ETHEREUM = re.compile(r"(?<![\w])0x[0-9a-fA-F]{40}(?![\w])")


def find(text: str) -> list[Span]:
    if "0x" not in text:
        return []
    return [Span(m.start(), m.end(), "CRYPTO_WALLET", 1.0, "crypto_wallet") for m in _ETHEREUM.finditer(text)]
