"""NHS numbers: ten digits (3-3-4 spaced or hyphenated), valid mod-11 check digit AND NHS context.

A checksum-valid bare ten-digit number is not enough on its own (one in eleven random numbers pass).
"""

from __future__ import annotations

import re

from deid.types import Span

_CANDIDATE = re.compile(r"(?<![\w/+.-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\w/-]|\.\d)")
_CONTEXT = re.compile(r"\bnhs\b|\bnhs(?:no|num)|health\s+(?:service\s+)?(?:no|number)\b|\bchi\s+(?:no|number)\b",
                      re.IGNORECASE)
_BEFORE, _AFTER = 60, 25


def is_valid_nhs_number(value: str) -> bool:
    digits = [int(c) for c in re.sub(r"\D", "", value)]
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    total = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=False))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == digits[9]


# "+44(0)7490964865", "+44 (0) 7490964865": a phone number after its country code, never an NHS number.
_COUNTRY_CODE_BEFORE = re.compile(r"\+\d{1,3}[ \t]?(?:\([ \t]?0[ \t]?\)[ \t]?)?$")


def find(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _CANDIDATE.finditer(text):
        if not is_valid_nhs_number(m.group(0)) or _COUNTRY_CODE_BEFORE.search(text, 0, m.start()):
            continue
        window = text[max(0, m.start() - _BEFORE): m.start()] + " " + text[m.end(): m.end() + _AFTER]
        if _CONTEXT.search(window):
            spans.append(Span(m.start(), m.end(), "NHS_NUMBER", 1.0, "nhs_number"))
    return spans
