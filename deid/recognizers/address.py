"""Street addresses: "12 Herbert Avenue", "42/142 Mill Rd", "101b Regent Terrace", "Flat 3, 12 Park
Road", "Flat 44, Ashby Court", "23 Barrett St", lower case too ("99 weston way"), and
number-less streets written as names ("Hill Drive", "Brook Street"), and lower-case streets where
someone lives ("flat on elm way")."""

from __future__ import annotations

import re

from deid.lexicons import BUILDING_WORDS, NOT_NAME, STREET_SUFFIXES, WEAK_STREET_SUFFIXES
from deid.types import Span

_STOP = {"the", "a", "an", "of", "and", "to", "at", "in", "on", "for", "by", "with", "from", "or", "is", "was",
         "are", "were", "be", "been", "his", "her", "their", "our", "my", "your", "its", "this", "that", "no",
         "about", "over", "after", "before", "every", "each", "per", "than", "into", "as", "but", "not"}
_SFX = "|".join(sorted((re.escape(s) for s in STREET_SUFFIXES), key=len, reverse=True))
_BLD = "|".join(sorted((re.escape(s) for s in BUILDING_WORDS | STREET_SUFFIXES), key=len, reverse=True))
_WORD = r"[A-Za-z][A-Za-z'’-]*\.?"
_NUM = r"\d{1,4}[A-Za-z]?(?:\s?[/-]\s?\d{1,4}[A-Za-z]?)?"
_FLAT = r"(?:(?:flat|apartment|apt|unit|room|maisonette)\s*\d{1,4}[A-Za-z]?|\d{1,4}[A-Za-z]?\s+floor\s+flat)\s*,?\s+"

_NUMBERED = re.compile(
    r"(?<![\w/.-])(?:" + _FLAT + r")?" + _NUM + r",?\s+((?:" + _WORD + r"\s+){1,3}?)(" + _SFX + r")\.?(?![\w'’])",
    re.IGNORECASE,
)
_FLAT_BUILDING = re.compile(
    r"(?<![\w])" + _FLAT + r"((?:" + _WORD + r"\s+){1,3}?)(" + _BLD + r")(?![\w'’])",
    re.IGNORECASE,
)
_STRONG = sorted(STREET_SUFFIXES - WEAK_STREET_SUFFIXES - {"st", "rd", "dr", "cl", "ct", "ave", "av", "ln", "pl",
                                                           "gr", "gro", "sq", "pde", "tce", "terr", "cres",
                                                           "cresc", "gdns", "blvd"}, key=len, reverse=True)
_NAMED_STREET = re.compile(
    r"(?<![\w'’-])((?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\s+){1,2})("
    + "|".join(s.capitalize() for s in _STRONG)
    + r")(?![\w'’])"
)


# A street without a number, in any case, where the words around it say someone lives there:
# "flat on pennyroyal way", "lives on brackenmoor drive", "moved to a house in elm close".
_LIVES_ON = re.compile(
    r"(?<![\w])(?:flat|house|home|lives|living|lived|moved|moving|staying|stays|address|flat\s+is|house\s+is)"
    r"\s+(?:(?:is|was)\s+)?(?:on|in|at|to)\s+((?:" + _WORD + r"\s+){1,2}?)(" + _SFX + r")\.?(?![\w'’])",
    re.IGNORECASE,
)


def _words_ok(words: str, *, titlecase: bool = False) -> bool:
    parts = [w.strip(".").lower() for w in words.split()]
    if not parts:
        return False
    if any(p in _STOP for p in parts):
        return False
    if titlecase and any(p in NOT_NAME for p in parts):
        return False
    return True


def find(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _NUMBERED.finditer(text):
        if _words_ok(m.group(1)):
            spans.append(Span(m.start(), m.end(), "ADDRESS", 0.9, "address_numbered"))
    for m in _FLAT_BUILDING.finditer(text):
        if _words_ok(m.group(1)):
            spans.append(Span(m.start(), m.end(), "ADDRESS", 0.9, "address_flat"))
    for m in _LIVES_ON.finditer(text):
        if _words_ok(m.group(1)):
            spans.append(Span(m.start(1), m.end(2), "ADDRESS", 0.75, "address_lives_on"))
    for m in _NAMED_STREET.finditer(text):
        if _words_ok(m.group(1), titlecase=True):
            spans.append(Span(m.start(), m.end(), "ADDRESS", 0.7, "address_named_street"))
    return spans
