"""Named schools, nurseries, academies, colleges, GP practices/surgeries/medical and health centres,
children's homes and care homes: "<Capitalised words> Primary School", "St Anne's RC High School",
"The Elms Surgery", "Oak Tree Day Nursery", and named homes ("Maple Lodge") after placement words."""

from __future__ import annotations

import re

from protection.deid.lexicons import NAMED_HOME_WORDS, NOT_NAME, ORG_PREFIX_GENERIC, ORG_TAILS, is_ordinary
from protection.deid.types import Span

_CAP = r"(?:St\.?|Saint|The|[A-Z][A-Za-z'’&-]*|of|and|&|de|la|le)"
_TAIL = "|".join(
    r"\s+".join(re.escape(w).replace("'", "['’]") for w in t.split())
    for t in sorted(ORG_TAILS, key=len, reverse=True)
)
# The tail starts with a capital ("School", "C of E"); the rest is matched case-insensitively.
_ORG = re.compile(r"(?<![\w'’-])((?:" + _CAP + r"\s+){1,5}?)((?=[A-Z])(?i:" + _TAIL + r"))(?![\w'’-])")
_WEAK_TAILS = {"practice", "college", "academy", "school", "group practice", "surgery", "nursery", "primary"}
_GENERIC_ADJ = ORG_PREFIX_GENERIC | {"good", "best", "general", "private", "driving", "dance", "sunday", "art", "music",
                                     "medical", "dental", "clinical", "social", "work", "professional", "reflective",
                                     "safe", "poor", "bad", "knee", "eye", "hip", "heart", "back", "minor", "major",
                                     "day", "summer", "holiday", "forest", "language", "swimming", "football"}
_STRONG_LOWER_TAILS = ("primary school", "high school", "junior school", "infant school", "community school",
                       "primary academy", "medical centre", "medical practice", "health centre", "c of e primary",
                       "rc high school", "rc primary", "catholic primary", "day nursery", "children's home",
                       "care home", "nursing home", "residential home", "surgery", "academy", "nursery", "school",
                       "primary", "practice", "college")
_LOWER_ORG = re.compile(
    r"(?<![\w'’-])((?:st\.?\s+[a-z]+['’]s\s+|[a-z][a-z'’-]+\s+){1,3}?)("
    + "|".join(r"\s+".join(map(re.escape, t.split())).replace("'", "['’]")
               for t in sorted(set(_STRONG_LOWER_TAILS) | {"rc high school", "c of e primary school",
                                                            "catholic primary school"}, key=len, reverse=True))
    + r")(?![\w'’-])"
)
_HOME_AFTER = re.compile(r"^\s*(?:['’]s\s+)?(?:manager|staff|residents?|home|unit|team|key\s*worker|deputy)\b",
                         re.IGNORECASE)
_HOME = re.compile(
    r"(?<![\w'’-])((?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\s+){1,2})(" + "|".join(w.capitalize() for w in NAMED_HOME_WORDS)
    + r")(?![\w'’-])"
)
_HOME_CONTEXT = re.compile(
    r"(?:placed|placement|resident|residents|living|lives|staying|stays|moved|move|returned|went|go|missing|"
    r"manager|staff|home|unit|at|from|to)\W{1,3}(?:(?:at|in|to|from|of)\W{1,3})?$",
    re.IGNORECASE,
)
_LEAD_STRIP = {"at", "from", "to", "in", "on", "by", "for", "with", "and", "of", "re", "dear", "attends", "attend"}


def _trim_prefix(text: str, start: int, prefix: str) -> int:
    """Drop leading words that are not part of a name (prepositions, role words, acronyms like DSL)."""
    offset = start
    for word in prefix.split():
        low = word.lower().strip(".")
        if low in _LEAD_STRIP or (low in NOT_NAME and low not in ("the", "st", "saint")) or (
            word.isupper() and len(word) > 1 and low not in ("rc", "ce")
        ):
            offset = text.index(word, offset) + len(word)
            while offset < len(text) and text[offset].isspace():
                offset += 1
            continue
        break
    return offset


def find(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _ORG.finditer(text):
        start = _trim_prefix(text, m.start(1), m.group(1))
        prefix_words = [w.lower().strip(".'’s") for w in text[start:m.start(2)].split()]
        meaningful = [w for w in prefix_words if w not in ORG_PREFIX_GENERIC and w not in ("st", "saint", "the")]
        if not meaningful:
            continue
        first = text[start:start + 4]
        if (" ".join(m.group(2).lower().split()) in _WEAK_TAILS and not first.startswith("The ")
                and all(w in _GENERIC_ADJ for w in meaningful)):
            continue  # "Good Practice", "Driving School"
        spans.append(Span(start, m.end(), "ORGANISATION", 0.85, "organisation"))
    for m in _HOME.finditer(text):
        words = [w.lower() for w in m.group(1).split()]
        if any(w in NOT_NAME for w in words):
            continue
        before = text[max(0, m.start() - 30): m.start()]
        if re.search(r"\d[A-Za-z]?,?\s*$|\bflat\s*\d+\w?,?\s*$", before, re.IGNORECASE):
            continue  # "12 Maple Court" is an address
        if not _HOME_CONTEXT.search(before) and not _HOME_AFTER.match(text[m.end():m.end() + 20]):
            continue
        spans.append(Span(m.start(), m.end(), "ORGANISATION", 0.6, "named_home"))
    for m in _LOWER_ORG.finditer(text):
        prefix = m.group(1).split()
        while prefix and (prefix[0] in _GENERIC_ADJ or prefix[0] in _LEAD_STRIP or is_ordinary(prefix[0])
                          and prefix[0] not in ("st", "st.")):
            prefix = prefix[1:]
        if not prefix:
            continue
        tail = " ".join(m.group(2).split())
        unknown = [w for w in prefix if not is_ordinary(w.strip("'’s")) and w not in ("st", "st.")]
        if not unknown:
            continue  # "knee surgery", "the local school"
        if tail in _WEAK_TAILS and len(unknown) < len([w for w in prefix if w not in ("st", "st.")]):
            continue
        start = text.rfind(prefix[0], m.start(1), m.end(1))
        spans.append(Span(start, m.end(), "ORGANISATION", 0.6, "organisation_lower"))
    return spans
