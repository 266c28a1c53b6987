"""Long numbers and codes whose kind the text does not say: "noted 4692469973653", "WPBE92961112422623",
"M239233212", "V-11123316", "LA2681136". Nine digits or more, in one run or in groups joined by hyphens, eight
digits or more among letters, or up to three letters and seven digits or more (a passport's shape).
No count, amount or year is written that long, and whatever else it is (an account, a membership,
another country's ID, a number no phone plan has), it points at somebody. Every other recogniser
outranks it, so a number they know keeps their label."""

from __future__ import annotations

import re

from deid.types import Span

# A word of letters and digits (single hyphens inside), not part of an address, amount, decimal,
# path or e-mail. Dates and times never reach nine digits without separators.
_CODE = re.compile(r"(?<![\w@./:#£$€+-])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w@/]|[.,:]\d|-\w)")


def _points_at_somebody(code: str, digits: int, letters: int) -> bool:
    if not letters:  # nine digits or more, in a row or in groups ("101072-17197", "000-15-6297")
        return digits >= 9
    # Eight digits among letters ("WPBE92961112422623"), or a passport's letters then seven digits ("LA2681136").
    return digits >= 8 or (letters <= 3 and code[0].isalpha() and re.fullmatch(r"[A-Za-z]+-?\d+", code) is not None)


def find(text: str) -> list[Span]:
    spans = []
    for m in _CODE.finditer(text):
        code = m.group(0)
        digits = sum(c.isdigit() for c in code)
        if digits < 7:
            continue
        if _points_at_somebody(code, digits, sum(c.isalpha() for c in code)):
            spans.append(Span(m.start(), m.end(), "ID_NUMBER", 0.5, "long_number"))
    return spans
