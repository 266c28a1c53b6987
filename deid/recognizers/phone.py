"""UK landline and mobile numbers: 07xxx xxxxxx, 01xxx / 02x / 03xx, +44 and +44 (0) forms, (020) ...,
spaces or hyphens anywhere."""

from __future__ import annotations

import re

from deid.types import Span

_CANDIDATE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?44[\s-]?(?:\(0\)[\s-]?)?|\(0|0)\d(?:[\s-]?\)?[\s-]?\d){7,11}(?!\w)"
)
_GROUP_SPLIT = re.compile(r"[\s-]+")


def _national(digits: str, raw: str) -> str | None:
    if raw.startswith("+") or raw.startswith("00"):
        digits = digits[2:] if raw.startswith("+") else digits[4:]
        if digits.startswith("0"):
            digits = digits[1:]
    elif digits.startswith("0"):
        digits = digits[1:]
    else:
        return None
    return digits


def is_plausible_uk_number(raw: str) -> bool:
    nsn = _national(re.sub(r"\D", "", raw), raw.strip())
    if nsn is None or nsn[:1] not in "123578":
        return False
    if nsn[0] == "7":
        return len(nsn) == 10
    return len(nsn) in (9, 10)


def find(text: str) -> list[Span]:
    spans = []
    for m in _CANDIDATE.finditer(text):
        raw = m.group(0)
        start, end = m.start(), m.end()
        # The greedy match can swallow a following number group: drop groups from the right.
        while raw and not is_plausible_uk_number(raw):
            parts = list(_GROUP_SPLIT.finditer(raw))
            if not parts:
                raw = ""
                break
            raw = raw[: parts[-1].start()]
        if not raw:
            continue
        end = start + len(raw)
        if raw.startswith("(") and ")" not in raw:
            start += 1
        spans.append(Span(start, end, "PHONE", 1.0, "phone"))
    return spans
