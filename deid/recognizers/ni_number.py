"""UK National Insurance numbers (HMRC rules: AB 12 34 56 C, spaced or not, any case; in capitals, the
shape alone)."""

from __future__ import annotations

import re

from deid.types import Span

_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z])([A-Za-z])[ -]?(\d{2})[ -]?(\d{2})[ -]?(\d{2})[ -]?([A-Da-d])(?![A-Za-z0-9])"
)
_BAD_FIRST = set("DFIQUV")
_BAD_SECOND = set("DFIQUVO")
_BAD_PREFIX = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}


def is_valid_prefix(prefix: str) -> bool:
    p = prefix.upper()
    return len(p) == 2 and p[0] not in _BAD_FIRST and p[1] not in _BAD_SECOND and p not in _BAD_PREFIX


# The shape alone, in capitals: two letters, six digits, one letter. HMRC never issues some prefixes
# and suffixes (ZZ, QQ, T), but they are what sample, temporary and invented numbers use ("ZZ 14 68 81 T",
# Faker's own), and a number written that way is still meant as somebody's NI number.
_SHAPE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}(?: \d{2} \d{2} \d{2} |\d{6} ?| \d{6} )[A-Z](?![A-Za-z0-9])")


def find(text: str) -> list[Span]:
    spans = []
    for m in _CANDIDATE.finditer(text):
        if is_valid_prefix(m.group(1) + m.group(2)):
            spans.append(Span(m.start(), m.end(), "NI_NUMBER", 1.0, "ni_number"))
    valid_at = {s.start for s in spans}
    for m in _SHAPE.finditer(text):
        if m.start() not in valid_at:
            spans.append(Span(m.start(), m.end(), "NI_NUMBER", 0.8, "ni_number_shape"))
    return spans
