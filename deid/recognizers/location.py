"""Towns and places when the text says somebody is there: "living in [Luton]", "moved to [West
Bromwich]", "at Nan's in [Barnsley]". Uses NER GPE/LOC, the GeoNames UK gazetteer and context
phrases. Elsewhere a place is labelled only when spaCy calls it GPE/LOC and the GeoNames gazetteer
knows a town of that name ("Wakefield was mentioned"); countries are never labelled. The engine adds
the town written after a street address or before a postcode."""

from __future__ import annotations

import re

from deid.lexicons import (
    CONTEXT_LOCATION_WEAK,
    LOCATION_TRIGGERS,
    NOT_NAME,
    countries,
    first_names,
    is_ordinary,
    ordinary_words,
    uk_places,
    world_places,
)
from deid.textutil import Word, gap, words
from deid.types import Span

_TRIGGERS = frozenset(LOCATION_TRIGGERS)
_SPACE = re.compile(r"[ \t]{1,2}|-")
_CONNECTORS = {"upon", "on", "le", "super", "under", "in", "de", "the", "st", "st."}


def _phrase_before(text: str, ws: list[Word], i: int, k: int) -> str | None:
    if i - k < 0:
        return None
    for j in range(i - k + 1, i + 1):
        if j < i and not _SPACE.fullmatch(gap(text, ws, j)):
            return None
    return " ".join(ws[j].text.lower() + ("'s" if ws[j].possessive else "") for j in range(i - k, i))


def find(text: str, doc=None) -> list[Span]:  # noqa: ANN001
    ws = words(text, doc)
    places, ctry, ordinary, names = uk_places(), countries(), ordinary_words(), first_names()
    spans: list[Span] = []
    i = 0
    while i < len(ws):
        w = ws[i]
        if i == 0 or not re.fullmatch(r"[ \t]{1,2}", gap(text, ws, i)):
            i += 1
            continue
        strong = any(_phrase_before(text, ws, i, k) in _TRIGGERS for k in (2, 3))
        weak = ws[i - 1].lower in CONTEXT_LOCATION_WEAK and not ws[i - 1].possessive
        if not (strong or weak) or w.lower in NOT_NAME:
            i += 1
            continue
        found = None
        # Longest gazetteer match of up to four words ("Stoke on Trent", "Weston-super-Mare").
        for k in (4, 3, 2, 1):
            if i + k > len(ws):
                continue
            if any(not _SPACE.fullmatch(gap(text, ws, j)) for j in range(i + 1, i + k)):
                continue
            group = ws[i:i + k]
            name = " ".join(x.text.lower() for x in group)
            if name in places and name not in ctry:
                if group[0].shape == "lower" and (is_ordinary(name) or name in names):
                    continue
                found = (i, i + k - 1, 0.8, "location_gazetteer")
                break
        if (found is None and w.lower in ("st", "st.") and i + 1 < len(ws) and ws[i + 1].shape == "title"
                and _SPACE.fullmatch(gap(text, ws, i + 1)) and ws[i + 1].lower not in NOT_NAME):
            found = (i, i + 1, 0.6, "location_saint")  # "in St Ann's", "to St Helens"
        if found is None and w.shape in ("title", "upper") and w.ent in ("GPE", "LOC"):
            j = i
            while j + 1 < len(ws) and ws[j + 1].ent == w.ent and _SPACE.fullmatch(gap(text, ws, j + 1)):
                j += 1
            name = " ".join(x.text.lower() for x in ws[i:j + 1])
            if name not in ctry and not any(x.lower in NOT_NAME for x in ws[i:j + 1]):
                found = (i, j, 0.7, "location_ner")
        if (found is None and not strong and ws[i - 1].lower in ("in", "from", "near") and w.shape == "title"
                and w.pos == "PROPN" and not is_ordinary(w.lower) and w.lower not in names
                and w.lower not in ctry and not w.possessive):
            j = i
            if (j + 1 < len(ws) and ws[j + 1].shape == "title" and _SPACE.fullmatch(gap(text, ws, j + 1))
                    and ws[j + 1].lower not in NOT_NAME):
                j = -1  # "in Westfield High ..." - part of a longer proper name, leave it to others
            if j >= 0:
                found = (i, i, 0.5, "location_propn")
        if found is None and strong:
            if w.shape in ("title", "upper") and w.lower not in ordinary and w.lower not in ctry:
                j = i
                while (j + 1 < len(ws) and j - i < 2 and _SPACE.fullmatch(gap(text, ws, j + 1))
                       and (ws[j + 1].shape == "title" or ws[j + 1].lower in _CONNECTORS)
                       and ws[j + 1].lower not in NOT_NAME and not ws[j].possessive):
                    j += 1
                while j > i and ws[j].lower in _CONNECTORS:
                    j -= 1
                found = (i, j, 0.6, "location_context")
            elif w.shape == "lower" and w.lower not in ordinary and w.lower not in names and len(w.text) >= 4:
                found = (i, i, 0.5, "location_context_lower")
        if found:
            a, b, score, source = found
            spans.append(Span(ws[a].start, ws[b].end if not ws[b].possessive else ws[b].end, "LOCATION", score, source))
            i = b + 1
        else:
            i += 1
    spans.extend(_bare_towns(text, ws, spans))
    return spans


def _bare_towns(text: str, ws: list[Word], found: list[Span]) -> list[Span]:
    """A town named without a "where" phrase ("Bradford police said", "the Leeds flat") when spaCy calls it a
    place (GPE/LOC) and the gazetteer confirms a town of that name. Countries, ordinary words and first names
    are left out."""
    places, ctry, names = world_places(), countries(), first_names()
    taken = [(s.start, s.end) for s in found]
    out: list[Span] = []
    i = 0
    while i < len(ws):
        w = ws[i]
        if w.ent not in ("GPE", "LOC") or w.shape != "title":
            i += 1
            continue
        j = i
        while j + 1 < len(ws) and ws[j + 1].ent == w.ent and ws[j + 1].shape == "title" and _SPACE.fullmatch(
                gap(text, ws, j + 1)) and j - i < 3:
            j += 1
        name = " ".join(x.text.lower() for x in ws[i:j + 1])
        start, end = ws[i].start, ws[j].end
        if (name in places and name not in ctry and not is_ordinary(name) and name not in names
                and not any(x.lower in NOT_NAME for x in ws[i:j + 1])
                and not any(a < end and start < b for a, b in taken)):
            out.append(Span(start, end, "LOCATION", 0.5, "location_bare_town"))
        i = j + 1
    return out
