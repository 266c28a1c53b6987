"""Ages tied to a person: "aged 7", "age: 7", "7 year old", "7-year-old", "7yo", "7 y/o", "7 yrs old",
"aged five", "11 months old". The span is the number only. "(7)" / ", 86," straight after a name are
handled by the engine, which knows where the names are."""

from __future__ import annotations

import re

from deid.lexicons import AGE_WORDS
from deid.types import Span

_NUM = r"(\d{1,3}|" + "|".join(sorted(AGE_WORDS, key=len, reverse=True)) + r")"
_PATTERNS = [
    re.compile(r"\bage[ds]?\b\s*(?:of\s+|[:=]\s*|-\s*)?(?:about\s+|approx\.?\s+|around\s+|just\s+)?" + _NUM + r"\b",
               re.IGNORECASE),
    re.compile(r"\b" + _NUM + r"[\s-]*(?:years?|yrs?|months?|mths?|weeks?)[\s-]*old\b", re.IGNORECASE),
    re.compile(r"\b" + _NUM + r"\s*(?:yo|y/o|y\.o\.?|yr\s*old|yrs)(?![\w/])", re.IGNORECASE),
    re.compile(r"\b" + _NUM + r"\s+(?:years?|yrs?)\s+of\s+age\b", re.IGNORECASE),
    # an export's field: "Age at referral: 84", "Age on admission\t79"
    re.compile(r"\bage\s+(?:at|on)\s+[a-z]+(?:\s+[a-z]+)?\s*(?::|=|-|\t)\s*(\d{1,3})\b", re.IGNORECASE),
]


def _value(token: str) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return AGE_WORDS.get(token)


def find(text: str) -> list[Span]:
    spans: list[Span] = []
    seen: set[tuple[int, int]] = set()
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            value = _value(m.group(1))
            if value is None or value > 120:
                continue
            key = (m.start(1), m.end(1))
            if key not in seen:
                seen.add(key)
                spans.append(Span(m.start(1), m.end(1), "AGE", 0.9, "age"))
    spans.sort()
    return spans


_AFTER_NAME = re.compile(
    r"\s*\(\s*" + _NUM + r"\s*(?:yrs?|years?|y/?o)?\s*\)|,\s*" + _NUM + r",(?=\s)|,?\s+(?:who\s+is|who's|who\s+was|is|was|now)\s+"
    + _NUM + r"\b(?!\s*(?:%|am|pm|minutes|hours|days|weeks|months|cases|times|:|\.\d|/))"
    # in notes, the age straight after the name: "heather 78 lives alone", "eamon 3 in nursery"
    r"|[ \t]+(\d{1,3})(?=[ \t]+(?:lives|lived|in|at|attends|is|was|has|yo|yrs|years)\b)",
    re.IGNORECASE,
)


def find_after_name(text: str, name_end: int) -> Span | None:
    """An age written straight after a name: "Jo Bloggs (7)", "Jo Bloggs, 86, lives ..."."""
    m = _AFTER_NAME.match(text, name_end)
    if not m:
        return None
    group = next(g for g in (1, 2, 3, 4) if m.group(g))
    value = _value(m.group(group))
    if value is None or value > 120:
        return None
    return Span(m.start(group), m.end(group), "AGE", 0.85, "age_after_name")
