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


def whole_url(text: str, start: int, end: int) -> tuple[int, int]:
    """Where a web address found at [start, end) begins and ends: the whole word (Presidio's list of
    top-level domains reads "mckenzie.biz" as "mckenzie.bi", Burundi, and its pattern starts
    "o'sullivan.co.uk" after the apostrophe), without the sentence's quotes, brackets and full stop."""
    found_at = start
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’-_."):
        start -= 1
    while start < end and text[start] in "'’-_.\"([<":
        start += 1
    while end < len(text) and not text[end].isspace() and text[end] not in "<>\"'@":
        end += 1
    while end > found_at and text[end - 1] in ".,;:!?)]'\"":
        end -= 1
    return start, end


def find_urls(text: str) -> list[Span]:
    if "://" not in text:
        return []
    spans = []
    for m in _SCHEME_URL.finditer(text):
        start, end = whole_url(text, m.start(), m.start() + m.group(0).index("://") + 4)
        if end > m.start() + m.group(0).index("://") + 3:
            spans.append(Span(start, end, "URL", 0.9, "url_scheme"))
    return spans
