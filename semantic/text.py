"""Small text helpers: how much a narrative says, and the phrases it is made of."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]{2,}")
# A phrase ends at a sentence end, a semicolon, a line break or a dash between spaces.
_BREAK = re.compile(r"(?<=[.!?;])\s+|\n+|\s+[-–—]\s+|(?<=[.!?])(?=[A-Z])")
MAX_PHRASE_CHARS = 200


def content_words(text: str) -> int:
    """Words of two letters or more: "see email" has two, so it gets no confident suggestion."""
    return len(_WORD.findall(text))


def evidence(text: str, enough: int = 8) -> float:
    """0..1: how far a text's length supports a confident suggestion (1 from ``enough`` words on)."""
    return min(1.0, content_words(text) / enough)


def phrases(text: str) -> list[str]:
    """The narrative cut into sentences and clauses a reviewer can read as evidence (long ones cut at commas)."""
    out: list[str] = []
    for part in _BREAK.split(text):
        part = part.strip(" \t\r\n\"'")
        if content_words(part) < 2:
            continue
        while len(part) > MAX_PHRASE_CHARS:
            cut = part.rfind(", ", 40, MAX_PHRASE_CHARS)
            if cut < 0:
                cut = part.rfind(" ", 40, MAX_PHRASE_CHARS)
            if cut < 0:
                cut = MAX_PHRASE_CHARS
            out.append(part[:cut].strip(" ,"))
            part = part[cut:].strip(" ,")
        if content_words(part) >= 2:
            out.append(part)
    return out
