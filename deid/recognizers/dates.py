"""Dates in the common UK forms: 12/03/2024, 12.3.24, 12-03-2024, 2024-03-12, 12/3, 12th March 2024,
12th of March, 12 Mar, March 12th, 06-Jul-2024, Mar 2024, "DOB 01/02/2015".

Not dates: weekdays on their own, times (12.15, 9:30), durations ("3 weeks"), "24/7", fractions
followed by "of". Dates of birth are marked with source ``"dob"`` so redaction removes them fully.
"""

from __future__ import annotations

import re
from datetime import date

from deid.lexicons import MONTHS
from deid.types import Span

_MON = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
        r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)"
_YEAR = r"(?:(?:19|20)\d{2}|'\d{2})"
_B = r"(?<![\w/.:-])"   # left boundary
_E = r"(?![\w/]|[.:-]\d)"  # right boundary

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(_B + r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?:T\d{1,2}:\d{2}(?::\d{2})?)?" + _E)),
    ("dmy", re.compile(_B + r"(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)?\d{2})" + _E)),
    ("dm", re.compile(_B + r"(\d{1,2})/(\d{1,2})(?![\w/]|[.:-]\d|\s+of\b)")),
    ("d_mon_y", re.compile(
        _B + r"(" + _DAY + r")" + _ORD + r"?(?:\s+of)?[\s-]+(" + _MON
        + r")\.?(?:,?[\s-]+(\d{4}|'\d{2}|\d{2}(?![\d:]))\b)?(?![\w])",
        re.IGNORECASE)),
    ("mon_d_y", re.compile(
        _B + r"(" + _MON + r")\.?\s+(?:the\s+)?(" + _DAY + r")" + _ORD + r"?(?:,?\s+(\d{4}))?(?![\w:/.]|\.\d)",
        re.IGNORECASE)),
    ("mon_y", re.compile(_B + r"(" + _MON + r")\.?[\s-]+(" + _YEAR + r")(?![\w])", re.IGNORECASE)),
]
# A weekday with a day of the month ("Thurs 25th", "Monday the 3rd") pins down a date even without a
# month; a weekday alone does not, and stays.
_WEEKDAY = (r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|"
            r"sun(?:day)?)")
_WEEKDAY_DAY = re.compile(_B + _WEEKDAY + r"\.?\s+(?:the\s+)?" + _DAY + _ORD + r"(?!\w)", re.IGNORECASE)
_DOB_CONTEXT = re.compile(
    r"(?:\bdob|\bd\.o\.b\.?|\bdate\s+of\s+birth|\bborn(?:\s+on)?|\bbirthday|\bbirth\s+date|\bb\.)\W{0,4}$",
    re.IGNORECASE,
)


def _year(value: str | None) -> int | None:
    if not value:
        return None
    value = value.lstrip("'")
    y = int(value)
    if len(value) == 2:
        pivot = date.today().year % 100 + 1
        y += 2000 if y <= pivot else 1900
    return y if 1900 <= y <= 2100 else None


def _valid(day: int | None, month: int | None) -> bool:
    return month is not None and 1 <= month <= 12 and (day is None or 1 <= day <= 31)


def parse(text: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a date string in any supported form; None where unknown/unparseable."""
    s = text.strip()
    for kind, pattern in _PATTERNS:
        m = pattern.fullmatch(s) if kind != "dm" else re.fullmatch(r"(\d{1,2})/(\d{1,2})", s)
        if not m:
            continue
        if kind == "iso":
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif kind == "dmy":
            d, mo, y = int(m.group(1)), int(m.group(3)), _year(m.group(4))
        elif kind == "dm":
            d, mo, y = int(m.group(1)), int(m.group(2)), None
        elif kind == "d_mon_y":
            d, mo, y = int(m.group(1)), MONTHS[m.group(2).lower()], _year(m.group(3))
        elif kind == "mon_d_y":
            mo, d, y = MONTHS[m.group(1).lower()], int(m.group(2)), _year(m.group(3))
        else:
            mo, d, y = MONTHS[m.group(1).lower()], None, _year(m.group(2))
        if _valid(d, mo):
            return y, mo, d
    return None, None, None


def is_dob_context(text: str, start: int) -> bool:
    return bool(_DOB_CONTEXT.search(text[max(0, start - 24): start]))


def find(text: str) -> list[Span]:
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            token = m.group(0)
            if kind == "dm" and token in ("24/7", "365/24"):
                continue
            if kind in ("mon_d_y", "mon_y") and m.group(1).lower() == "may" and m.group(1) == "may":
                continue  # lower-case "may 3 ..." is usually the verb
            if kind == "mon_d_y" and m.group(1).lower() in ("mar", "march") and m.group(1).islower():
                continue  # "march 2 miles"
            if kind == "d_mon_y" and m.group(2).lower() == "may" and m.group(2) == "may" and not m.group(3):
                # "5th may" is a date but "3 may" is usually "3 may be ..."
                if not re.search(_ORD + r"(?:\s+of)?\s+may$", token, re.IGNORECASE):
                    continue
            y, mo, d = parse(token)
            if mo is None:
                continue
            if kind == "dm" and (d is None or d > 31):
                continue
            source = "dob" if is_dob_context(text, s) else "date"
            spans.append(Span(s, e, "DATE", 0.95 if kind != "dm" else 0.7, source))
            taken.append((s, e))
    for m in _WEEKDAY_DAY.finditer(text):
        if not any(m.start() < te and ts < m.end() for ts, te in taken):
            spans.append(Span(m.start(), m.end(), "DATE", 0.85, "date"))
    spans.sort()
    return spans
