"""Placeholder redaction: typed, numbered placeholders, consistent within a text or across a report's texts."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from deid.lexicons import MONTH_NAMES
from deid.recognizers import dates as dates_rec
from deid.types import Span

UNNUMBERED = {"DATE", "AGE"}
_EXISTING = re.compile(r"\[([A-Z][A-Z_]*) (\d+)\]")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _norm(label: str, surface: str) -> str:
    if label in ("PHONE", "NHS_NUMBER", "CASE_REFERENCE", "CARD", "IBAN", "BANK_ACCOUNT", "NATIONAL_ID", "ID_NUMBER"):
        return re.sub(r"[^0-9A-Za-z]", "", surface).lower()
    if label in ("POSTCODE", "NI_NUMBER", "USERNAME"):  # "@ Dee _ Quill" is @dee_quill
        return re.sub(r"\s", "", surface).lower()
    return " ".join(surface.lower().split())


def _name_parts(surface: str) -> list[str]:
    parts = [re.sub(r"['’]s$", "", p.lower()) for p in _NAME_WORD.findall(surface)]
    return parts or [" ".join(surface.lower().split())]


class Numbering:
    """Which number each placeholder gets: the same person, place or number always the same one.

    A new numbering serves one text. A caller that keeps `entries` and `highest` between texts (all
    the fields and replies of one report) gets one set of placeholders across them; `key` turns each
    entry into what the caller stores, e.g. a keyed hash, so that it need never keep the words.

    People: a full name is one person. A first name or surname alone is the person whose full name
    it belongs to, unless two people share it ("Jago Polglase", "Kerensa Polglase": "Polglase"
    alone is neither); a first name met alone first is the person whose full name follows it
    ("Jago", later "Jago Polglase"), once.
    """

    AMBIGUOUS = 0  # a name part shared by two people: it alone names neither

    def __init__(self, entries: Mapping[str, int] | None = None, highest: Mapping[str, int] | None = None,
                 key: Callable[[str], str] | None = None):
        self.entries: dict[str, int] = dict(entries or {})
        self.highest: dict[str, int] = dict(highest or {})
        self.used: dict[str, tuple[str, int]] = {}  # key -> (label, number): every entry this text met
        self._key = key or (lambda entry: entry)

    def see_existing(self, text: str) -> None:
        """Placeholders already in a text ("[PERSON 2]" typed back by a reporter) are never reused."""
        for m in _EXISTING.finditer(text):
            self.highest[m.group(1)] = max(self.highest.get(m.group(1), 0), int(m.group(2)))

    def number(self, label: str, surface: str) -> int:
        if label == "PERSON":
            parts = _name_parts(surface)
            return self._alone(parts[0]) if len(parts) == 1 else self._full(parts)
        entry = f"{label} {_norm(label, surface)}"
        n = self._get(label, entry)
        if n is None:
            n = self._new(label)
            self._set(label, entry, n)
        return n

    def _alone(self, word: str) -> int:
        n = self._get("PERSON", f"PERSON name {word}")
        if n is None:
            n = self._get("PERSON", f"PERSON part {word}")
            if n is None:
                n = self._new("PERSON")
            else:
                self._set("PERSON", f"PERSON taken {word}", n)  # it is that full name's person now
            self._set("PERSON", f"PERSON name {word}", n)
        return n

    def _full(self, parts: list[str]) -> int:
        full = f"PERSON name {' '.join(parts)}"
        n = self._get("PERSON", full)
        if n is None:
            alone = self._get("PERSON", f"PERSON name {parts[0]}")
            if alone is not None and self._get("PERSON", f"PERSON taken {parts[0]}") is None:
                n = alone
                self._set("PERSON", f"PERSON taken {parts[0]}", n)
            else:
                n = self._new("PERSON")
            self._set("PERSON", full, n)
        for part in {parts[0], parts[-1]}:
            entry = f"PERSON part {part}"
            known = self._get("PERSON", entry, ambiguous=True)
            if known is None:
                self._set("PERSON", entry, n)
            elif known not in (n, self.AMBIGUOUS):
                self._set("PERSON", entry, self.AMBIGUOUS)
        return n

    def _new(self, label: str) -> int:
        self.highest[label] = self.highest.get(label, 0) + 1
        return self.highest[label]

    def _get(self, label: str, entry: str, *, ambiguous: bool = False) -> int | None:
        key = self._key(entry)
        n = self.entries.get(key)
        if n is None:
            return None
        self.used[key] = (label, n)
        return n if ambiguous or n != self.AMBIGUOUS else None

    def _set(self, label: str, entry: str, n: int) -> None:
        key = self._key(entry)
        self.entries[key] = n
        self.used[key] = (label, n)


def _month_year(surface: str) -> str | None:
    year, month, _day = dates_rec.parse(surface)
    if year is None or month is None:
        return None
    return f"{MONTH_NAMES[month - 1]} {year}"


def is_dob(text: str, span: Span) -> bool:
    return span.source == "dob" or dates_rec.is_dob_context(text, span.start)


def redact_text(text: str, spans: list[Span], date_mode: str = "month_year", numbering: Numbering | None = None) -> str:
    """Replace each span by its placeholder. Pass a kept `numbering` to number across several texts."""
    if not spans:
        return text
    numbering = numbering if numbering is not None else Numbering()
    numbering.see_existing(text)
    clean: list[Span] = []
    for s in sorted(spans, key=lambda x: (x.start, -(x.end - x.start))):
        if s.start < 0 or s.end > len(text) or s.end <= s.start:
            continue
        if clean and s.start < clean[-1].end:
            continue
        clean.append(s)
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
        else:
            rep = f"[{s.label} {numbering.number(s.label, surface)}]"
        out.append(text[pos:s.start])
        out.append(rep)
        pos = s.end
    out.append(text[pos:])
    return "".join(out)
