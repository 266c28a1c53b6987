"""UK postcodes in every format (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA), any case,
with or without the space."""

from __future__ import annotations

import re

from deid.types import Span

_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(GIR ?0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?))"
    r"[ \t]?([0-9][ABD-HJLNP-UW-Z]{2})"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)$", re.IGNORECASE)


def find(text: str) -> list[Span]:
    spans = []
    for m in _POSTCODE.finditer(text):
        inward = m.group(2)
        if _ORDINAL.match(inward) and not inward.isupper():  # "s47 5th may" (but "B33 8TH" is a postcode)
            continue
        token = m.group(0)
        if token.islower() and " " not in token and len(token) < 5:
            continue  # very short all-lower strings without a space are too ambiguous
        spans.append(Span(m.start(), m.end(), "POSTCODE", 1.0, "postcode"))
    return spans
