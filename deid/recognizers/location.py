"""Towns and places when the text says somebody is there: "living in [Luton]", "moved to [West
Bromwich]", "at Nan's in [Barnsley]". Uses NER GPE/LOC, the GeoNames UK gazetteer and context
phrases. Elsewhere a town is labelled when spaCy calls it GPE/LOC and the GeoNames gazetteer
knows a town of that name ("Wakefield was mentioned"), and, at a lower score, any other place spaCy
names, countries included, as plain Presidio does (`_named_places`), and what the model misses there: a
country in lower case, a place as a hashtag, a US state or Canadian province code after a town, a
river, lake or park by its kind. The engine adds the town written after a street address or before a
postcode."""

from __future__ import annotations

import re
from functools import lru_cache

from deid.lexicons import (
    CONTEXT_LOCATION_WEAK,
    LOCATION_TRIGGERS,
    NOT_NAME,
    SPORT_CONTEXT,
    SPORTS_TEAMS,
    countries,
    first_names,
    is_ordinary,
    ordinary_words,
    surnames,
    uk_places,
    world_places,
)
from deid.textutil import Word, gap, words
from deid.types import Span

_TRIGGERS = frozenset(LOCATION_TRIGGERS)
_TRIGGER_ENDS = frozenset(t.split()[-1] for t in _TRIGGERS)  # a phrase is looked for only before these
_SPACE = re.compile(r"[ \t]{1,2}|-")
_CONNECTORS = {"upon", "on", "le", "super", "under", "in", "de", "the", "st", "st."}


def _free(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """No span found earlier overlaps start..end."""
    return not any(a < end and start < b for a, b in taken)


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
        prev = ws[i - 1].lower + ("'s" if ws[i - 1].possessive else "")
        strong = prev in _TRIGGER_ENDS and any(_phrase_before(text, ws, i, k) in _TRIGGERS for k in (2, 3))
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
    spans.extend(_address_towns(text))
    spans.extend(_named_places(text, ws, spans))
    return spans


# The town of a written address: in a "Town:" field, after a continental postcode ("…, 24766 Bursa",
# "…, 51-572 Mysłowice", "…, 1043 EQ Hoogersmilde"), or before a postcode or a state and ZIP code
# ("…, oldham, w82 7zt", "…, Tulsa, NY 38596", "…, Justinberg, MB X6E 4L1").
_TOWN_WORDS = (r"[^\W\d_][\w'’.-]*(?:[ \t-](?:[^\W\d_][\w'’-]*))" + "{0,3}")
_TOWN_FIELD = re.compile(r"(?im)^[ \t>*•-]*(?:town|city|area|locality|place[ \t]of[ \t]birth|birthplace|county|"
                         r"district|borough|village|home[ \t]town)[ \t]*(?::|=|-|\t)[ \t]*(" + _TOWN_WORDS + r")[ \t]*$")
_AFTER_CODE = re.compile(r"(?:,|^|\n)[ \t]*(?:[A-Z]{1,2}-)?(?:\d{2}-\d{3}|\d{4}-\d{3}|\d{4,6}(?:[ \t][A-Za-z]{2}(?=[ \t]))?)"
                         r"[ \t]+(" + _TOWN_WORDS + r")(?=[ \t]*(?:[,.;()\n/]|$|[ \t]+(?:by|so|and|was|is|on|in)\b))",
                         re.MULTILINE)
_UK_POSTCODE = r"[A-Za-z]{1,2}\d[A-Za-z\d]?[ \t]?\d[A-Za-z]{2}"
_BEFORE_CODE = re.compile(r"(?:,|\n|/)[ \t]*(" + _TOWN_WORDS + r")(?:,[ \t]*|[ \t]+|[ \t]*\n[ \t]*)(?="
                          + _UK_POSTCODE + r"\b|[A-Z]{2}[ \t]+(?:\d{5}(?:-\d{4})?|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|\d{4})\b)")
_NOT_TOWN = frozenset("flat apt apartment unit room suite floor house block rd road street st close avenue lane "
                      "drive way court place gardens terrace crescent grove view".split())


def _town(text: str, start: int, value: str, source: str) -> Span | None:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = value.split()
    for k, w in enumerate(words):
        low = w.lower()
        joins = low in _CONNECTORS and k + 1 < len(words) and words[k + 1][:1].isupper()
        if k > 0 and (low in STOP_WORDS and not joins or (low in ordinary_words() and w.islower() and words[0][:1].isupper())):
            words = words[:k]  # "Gdańsk by mistake", "Bursa was"
            break
    while words and words[-1].lower().strip(".") in _NOT_TOWN:
        words = words[:-1]
    if not words or any(w.lower().strip(".") in _NOT_TOWN for w in words):
        return None  # a street, not a town
    if any(w.lower() in NOT_NAME for w in words) or " ".join(words).lower() in countries():
        return None
    end = start + value.index(words[-1]) + len(words[-1])
    return Span(start, end, "LOCATION", 0.7, source)


def _address_towns(text: str) -> list[Span]:
    out = []
    for pattern, source in ((_TOWN_FIELD, "location_field"), (_AFTER_CODE, "location_after_code"),
                            (_BEFORE_CODE, "location_before_code")):
        for m in pattern.finditer(text):
            span = _town(text, m.start(1), m.group(1), source)
            if span:
                out.append(span)
    return out


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
                and _free(start, end, taken)):
            out.append(Span(start, end, "LOCATION", 0.5, "location_bare_town"))
        i = j + 1
    return out


_NER_PLACES = ("GPE", "LOC", "FAC")
_BUILDINGS = frozenset("centre center hall building unit ward station office block wing suite".split())


def _named_places(text: str, ws: list[Word], found: list[Span]) -> list[Span]:
    """Every other place spaCy names (GPE, LOC, FAC), countries and regions included, as plain Presidio does,
    and a country or town the model took for an organisation.

    In a narrative about a family the rules above find the towns that say where somebody is; pasted news,
    e-mails and messages name places that way too ("flew back to Lagos", "a match against Wales"), and
    there a country or a venue is a clue to who the people are. Scored low, so that a name, an
    organisation or an address found by a more specific rule wins where they meet. Words that are
    never places here (role words, agencies) and runs of everyday lower-case words are left out."""
    ordinary, names, places, ctry = ordinary_words(), first_names(), world_places(), countries()
    taken = [(s.start, s.end) for s in found]
    out: list[Span] = []
    i = 0
    groups: list[tuple[list[Word], int]] = []  # (words, index after the run)
    while i < len(ws):
        if ws[i].ent not in _NER_PLACES and ws[i].ent not in ("ORG", "PERSON"):
            i += 1
            continue
        j = i
        while (j + 1 < len(ws) and ws[j + 1].ent == ws[i].ent and j - i < 5
               and re.fullmatch(r"[ \t]{1,2}|-|[ \t]?-[ \t]?", gap(text, ws, j + 1))):
            j += 1
        group = ws[i:j + 1]
        i = j + 1
        while group and group[0].lower in ("the", "a", "an"):
            group = group[1:]
        if group and group[0].ent in _NER_PLACES:
            groups.append((group, i))
        elif group:  # a name or an organisation: only its parts that are places ("Seoul- Incheon")
            groups.extend((part, i) for part in _hyphen_parts(text, group))
    for group, i in groups:
        if any(x.lower in NOT_NAME for x in group):
            continue
        name = " ".join(x.lower for x in group)
        if len(group) > 1 and group[-1].lower in SPORTS_TEAMS and any(
                x.lower in SPORT_CONTEXT for x in ws[max(0, i - len(group) - 3):i + 3]):
            continue  # "a Manchester United shirt", "Bristol Rovers fans": a team
        if group[0].ent in ("ORG", "PERSON") and not (
                (name in ctry and (group[0].ent == "ORG" or name not in names))
                or (name in places and name not in names and all(x.shape in ("title", "upper") for x in group))):
            continue  # an organisation or a person, unless only a place's name ("defeat to Uzbekistan", "# Astana talks")
        if all(x.shape == "lower" for x in group) and all(x.lower in ordinary or x.lower in names for x in group):
            continue  # "home", "bay": everyday words the model took for a place
        if group[0].ent == "FAC" and all(is_ordinary(x.lower) or x.lower in _BUILDINGS for x in group):
            continue  # "the Leisure Centre", "Main Hall": a kind of building, not a named one
        start, end = group[0].start, group[-1].end
        if _free(start, end, taken):
            out.append(Span(start, end, "LOCATION", 0.45, "location_named_place"))
    for more in (_natural_places, _hashtag_places, _countries, _towns_anywhere, _region_codes):
        out += more(text, ws, taken + [(s.start, s.end) for s in out])
    return out


def _hyphen_parts(text: str, group: list[Word]) -> list[list[Word]]:
    """A run of words split at spaced hyphens ("Seoul- Incheon")."""
    parts: list[list[Word]] = [[group[0]]]
    for prev, w in zip(group, group[1:], strict=False):
        if "-" in text[prev.end:w.start]:
            parts.append([w])
        else:
            parts[-1].append(w)
    return parts


# Countries whose lower-case name is an everyday word ("a turkey", "the china cups").
_COUNTRY_WORDS = frozenset("turkey guinea china chad jordan georgia jersey chile niger".split())


def _countries(text: str, ws: list[Word], taken: list[tuple[int, int]]) -> list[Span]:
    """A country's name wherever the model missed it: with capitals ("Mauritius put on cyclone alert") or
    in lower case ("moved here from poland", "# uganda business"). Countries that are also first names
    (Chad, Jordan, India) need the model's word; a lower-case one that is an everyday word is left."""
    ctry, names, firsts = countries(), first_names(), _country_first_words()
    out: list[Span] = []
    i = 0
    while i < len(ws):
        found = None
        for k in (6, 5, 4, 3, 2, 1) if ws[i].lower in firsts else ():
            group = ws[i:i + k]
            if len(group) < k or group[-1].lower in ("and", "of", "the"):
                continue
            shapes = {x.shape for x in group if x.lower not in ("and", "of", "the")}
            if not (shapes <= {"title", "upper"} and group[0].shape in ("title", "upper")) and shapes != {"lower"}:
                continue
            if any(not _SPACE.fullmatch(gap(text, ws, j)) for j in range(i + 1, i + k)):
                continue
            name = " ".join(x.lower for x in group)
            if name in ctry and name not in names and (shapes != {"lower"} or name not in _COUNTRY_WORDS):
                found = group
                break
        if found:
            start, end = found[0].start, found[-1].end
            if _free(start, end, taken):
                out.append(Span(start, end, "LOCATION", 0.45, "location_country"))
            i += len(found)
        else:
            i += 1
    return out


def _towns_anywhere(text: str, ws: list[Word], taken: list[tuple[int, int]]) -> list[Span]:
    """A town of the gazetteer written with capitals that is no everyday word, first name or surname,
    wherever the model missed it ("Rostock 2 Bremen 0", "Augsburg 0", "the Rostock-Dresden coach"): the
    name rules leave such a word to the place rules."""
    places, names, surn = world_places(), first_names(), surnames()

    def town(low: str, everyday: bool = False) -> bool:
        return len(low) >= 4 and low in places and low not in names and low not in surn and low not in NOT_NAME and (
            everyday or not is_ordinary(low))

    out: list[Span] = []
    for i, w in enumerate(ws):
        joined = "-" in w.lower and all(town(part, everyday=True) for part in w.lower.split("-"))
        if (w.shape in ("title", "upper") and (town(w.lower) or joined)
                and not (i + 1 < len(ws) and ws[i + 1].lower in SPORTS_TEAMS and ws[i + 1].shape != "lower"
                         and _SPACE.fullmatch(gap(text, ws, i + 1)))  # "Manchester United", "Bristol Rovers"
                and _free(w.start, w.end, taken)):
            out.append(Span(w.start, w.end, "LOCATION", 0.4, "location_town"))
    return out


_HASHTAG = re.compile(r"#[ \t]?$")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _hashtag_places(text: str, ws: list[Word], taken: list[tuple[int, int]]) -> list[Span]:
    """A town, state or country written as a hashtag ("#Glasgow", "#RhodeIsland", "#lagos"): a pasted post
    says where somebody is or was. Lower-case everyday words and first names are not places here."""
    places, ctry, names = world_places(), countries(), first_names()
    out: list[Span] = []
    for w in ws:
        if not _HASHTAG.search(text[max(0, w.start - 2):w.start]) or text[w.end:w.end + 1].isdigit():
            continue
        name = _CAMEL.sub(" ", w.text).lower()
        if (name not in places and name not in ctry) or name in names:
            continue
        if w.shape == "lower" and (is_ordinary(name) or name in _COUNTRY_WORDS):
            continue
        if _free(w.start, w.end, taken):
            out.append(Span(w.start, w.end, "LOCATION", 0.45, "location_hashtag"))
    return out


# A state or province written as its postal code after a town ("Spring, TX", "Halifax, NS"). Codes that
# are also everyday words in capitals (OK, IN, OR, ME, HI, ON) are left out.
_REGION_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA ID IL IA KS KY LA MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH PA RI SC "
    "SD TN TX UT VT VA WA WV WI WY DC AB BC MB NB NL NS NT NU PE QC SK YT".split())


def _region_codes(text: str, ws: list[Word], taken: list[tuple[int, int]]) -> list[Span]:
    places = world_places()
    out: list[Span] = []
    for i, w in enumerate(ws[1:], start=1):
        if w.text not in _REGION_CODES or not re.fullmatch(r"[ \t]?,[ \t]?", gap(text, ws, i)):
            continue
        prev = ws[i - 1]
        if prev.shape != "title" or not (prev.lower in places or prev.ent == "GPE"):
            continue
        if re.match(r"[ \t]*(?:\d|[A-Z]\d)", text[w.end:w.end + 3]):
            continue  # "TX 75001", "NS B3H 4R2": the address recogniser takes state and code together
        if _free(w.start, w.end, taken):
            out.append(Span(w.start, w.end, "LOCATION", 0.45, "location_region_code"))
    return out


# Rivers, lakes, mountains and parks by their kind: "the River Rom", "Lake Malawi", "Badlands National Park".
_NATURAL_BEFORE = frozenset("river lake loch lough mount mt".split())
_NATURAL_AFTER = ("river", "lake", "mountains", "hills", "valley", "national park", "estuary")
_NATURAL_AFTER_FIRST = frozenset(kind.split()[0] for kind in _NATURAL_AFTER)


def _natural_places(text: str, ws: list[Word], taken: list[tuple[int, int]]) -> list[Span]:
    out: list[Span] = []
    for i, w in enumerate(ws):
        if w.shape != "title" or (w.lower not in _NATURAL_BEFORE and (
                i + 1 >= len(ws) or ws[i + 1].lower not in _NATURAL_AFTER_FIRST)):
            continue
        group: list[Word] = []
        if (w.lower in _NATURAL_BEFORE and w.shape == "title" and i + 1 < len(ws) and ws[i + 1].shape == "title"
                and _SPACE.fullmatch(gap(text, ws, i + 1)) and ws[i + 1].lower not in NOT_NAME):
            group = ws[i:i + 2]
        for kind in _NATURAL_AFTER:
            k = len(kind.split())
            tail = ws[i + 1:i + 1 + k]
            if (w.shape == "title" and w.lower not in NOT_NAME and w.lower not in ("the", "a", "an")
                    and len(tail) == k and " ".join(x.lower for x in tail) == kind
                    and all(x.shape == "title" for x in tail)
                    and all(_SPACE.fullmatch(gap(text, ws, j)) for j in range(i + 1, i + 1 + k))):
                group = [w, *tail]
                break
        if group and _free(group[0].start, group[-1].end, taken):
            out.append(Span(group[0].start, group[-1].end, "LOCATION", 0.85, "location_natural"))
    return out


@lru_cache(maxsize=1)
def _country_first_words() -> frozenset[str]:
    return frozenset(name.split()[0] for name in countries())
