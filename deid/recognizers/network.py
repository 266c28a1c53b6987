"""Crypto-currency wallets Presidio does not know: Ethereum-style addresses (0x and 40 hex digits,
used by Ethereum and the tokens and chains built on it); and web addresses that start with their
scheme, whatever their domain ("http://hrechanyk.укр/": Presidio's list of top-level domains has no
Cyrillic ones).

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


_SCHEME_URL = re.compile(r"(?<![\w])(?:https?|ftp)://[^\s<>\"']+", re.IGNORECASE)


def find_urls(text: str) -> list[Span]:
    if "://" not in text:
        return []
    spans = []
    for m in _SCHEME_URL.finditer(text):
        url = m.group(0).rstrip(".,;:!?)]")  # the sentence's full stop or bracket
        if len(url) > len(m.group(0).split("://")[0]) + 3:
            spans.append(Span(m.start(), m.start() + len(url), "URL", 0.9, "url_scheme"))
    return spans
