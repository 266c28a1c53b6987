"""Placeholder redaction: typed, numbered placeholders consistent within one text."""

from __future__ import annotations

import re

from protection.deid.lexicons import MONTH_NAMES
from protection.deid.recognizers import dates as dates_rec
from protection.deid.types import Span

UNNUMBERED = {"DATE", "AGE"}
_EXISTING = re.compile(r"\[([A-Z][A-Z_]*) (\d+)\]")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _norm(label: str, surface: str) -> str:
    if label in ("PHONE", "NHS_NUMBER", "CASE_REFERENCE"):
        return re.sub(r"[^0-9A-Za-z]", "", surface).lower()
    if label in ("POSTCODE", "NI_NUMBER"):
        return re.sub(r"\s", "", surface).lower()
    return " ".join(surface.lower().split())


class _PersonNumbers:
    """Same person, same number: full names, and first names / surnames of a full name met in the text."""

    def __init__(self, start: int = 0):
        self.next = start
        self.index: dict[str, int] = {}

    def number(self, surface: str) -> int:
        parts = [p.lower() for p in _NAME_WORD.findall(surface)]
        parts = [re.sub(r"['’]s$", "", p) for p in parts] or [surface.lower()]
        full = " ".join(parts)
        if full in self.index:
            return self.index[full]
        if len(parts) > 1:
            n = self.index.get(parts[0]) if parts[0] in self.index and self.index.get("__single__" + parts[0]) else None
            if n is None:
                self.next += 1
                n = self.next
            self.index[full] = n
            for p in (parts[0], parts[-1]):
                self.index.setdefault(p, n)
            return n
        self.next += 1
        n = self.next
        self.index[full] = n
        self.index["__single__" + full] = n
        return n


def _month_year(surface: str) -> str | None:
    year, month, _day = dates_rec.parse(surface)
    if year is None or month is None:
        return None
    return f"{MONTH_NAMES[month - 1]} {year}"


def is_dob(text: str, span: Span) -> bool:
    return span.source == "dob" or dates_rec.is_dob_context(text, span.start)


def redact_text(text: str, spans: list[Span], date_mode: str = "month_year") -> str:
    if not spans:
        return text
    existing: dict[str, int] = {}
    for m in _EXISTING.finditer(text):
        existing[m.group(1)] = max(existing.get(m.group(1), 0), int(m.group(2)))
    clean: list[Span] = []
    for s in sorted(spans, key=lambda x: (x.start, -(x.end - x.start))):
        if s.start < 0 or s.end > len(text) or s.end <= s.start:
            continue
        if clean and s.start < clean[-1].end:
            continue
        clean.append(s)
    people = _PersonNumbers(existing.get("PERSON", 0))
    counters: dict[str, dict[str, int]] = {}
    out: list[str] = []
    pos = 0
    for s in clean:
        surface = text[s.start:s.end]
        if s.label == "DATE":
            if is_dob(text, s):
                rep = "[DATE OF BIRTH]"
            elif date_mode == "month_year":
                rep = _month_year(surface) or "[DATE]"
            else:
                rep = "[DATE]"
        elif s.label in UNNUMBERED:
            rep = f"[{s.label}]"
        elif s.label == "PERSON":
            rep = f"[PERSON {people.number(surface)}]"
        else:
            table = counters.setdefault(s.label, {})
            key = _norm(s.label, surface)
            if key not in table:
                table[key] = existing.get(s.label, 0) + len(table) + 1
            rep = f"[{s.label} {table[key]}]"
        out.append(text[pos:s.start])
        out.append(rep)
        pos = s.end
    out.append(text[pos:])
    return "".join(out)
