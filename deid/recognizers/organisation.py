"""Named schools, nurseries, academies, colleges, hospitals, hospices, clinics, GP practices/surgeries,
medical and health centres, children's homes and care homes: "<Capitalised words> Primary School",
"St Anne's RC High School", "St Mary's Hospital", "The Elms Surgery", "Ashfield GP practice",
"Dr Patel's practice", and named homes ("Maple Lodge") after placement words.

Found by their head noun (School, Hospital, Care Home...) after a name, never from lists of names."""

from __future__ import annotations

import re

from deid.lexicons import NAMED_HOME_WORDS, NOT_NAME, ORG_PREFIX_GENERIC, ORG_TAILS, is_ordinary
from deid.types import Span

# Health and care services, on top of the schools, practices and homes of ORG_TAILS.
HEALTH_AND_CARE_HEADS = (
    "hospital", "infirmary", "hospice", "clinic", "gp practice", "gp surgery", "gp centre", "dental practice",
    "dental surgery", "walk-in centre", "urgent care centre", "health centre", "medical centre",
    "medical practice", "surgery", "care home", "nursing home", "residential home", "respite centre",
    "kindergarten", "medical group", "family practice", "health group", "care centre", "community trust",
    "refugee support", "women's aid", "foodbank", "food bank", "family support", "youth club", "day centre",
)
# Named places where people meet, work or worship ("the Red Lion pub", "Al-Noor Mosque", "Fly Community
# Theater", "Living Computer Museum"): where a family is seen or works, a clue to who they are.
VENUE_HEADS = (
    "museum", "theatre", "theater", "cinema", "pub", "bar", "cafe", "café", "restaurant", "hotel", "hostel",
    "garage", "stadium", "library", "church", "chapel", "mosque", "masjid", "temple", "gurdwara", "mandir",
    "synagogue", "leisure centre", "community centre", "sports centre", "youth centre", "shopping centre",
    "observatory", "gym", "supermarket", "takeaway", "barbershop", "salon",
)
_HEALTH_HEADS = {"hospital", "infirmary", "hospice", "clinic"}
# Words that make "<word> Hospital" or "<word> Clinic" a kind of service, not a named one.
_SERVICE_KINDS = frozenset((
    "general district university teaching community cottage maternity psychiatric mental acute specialist "
    "memory fracture baby antenatal postnatal sexual eating disorder disorders pain gender fertility asthma "
    "diabetes diabetic eye outpatient outpatients walk-in drop-in planning child development paediatric weight "
    "dementia stroke cardiac cancer sleep allergy chest skin foot methadone drug drugs alcohol addiction "
    "substance misuse contraception vaccination immunisation flu blood nhs a&e day night children childrens"
).split())
_CAP = r"(?:St\.?|Saint|The|[A-Z][A-Za-z'’&-]*|of|and|&|de|la|le)"
_TAIL = "|".join(
    r"\s+".join(re.escape(w).replace("'", "['’]") for w in t.split())
    for t in sorted(set(ORG_TAILS) | set(HEALTH_AND_CARE_HEADS) | set(VENUE_HEADS), key=len, reverse=True)
)
# The tail starts with a capital ("School", "C of E"); the rest is matched case-insensitively.
# An organisation may be followed by a possessive ("Parkside High School's DSL").
_END = r"(?![\w-]|['’](?![sS]\b))"
_ORG = re.compile(r"(?<![\w'’-])((?:" + _CAP + r"\s+){1,5}?)((?=[A-Z])(?i:" + _TAIL + r"))" + _END)
_WEAK_TAILS = {"practice", "college", "academy", "school", "group practice", "surgery", "nursery", "primary"}
_GENERIC_ADJ = ORG_PREFIX_GENERIC | {"good", "best", "general", "private", "driving", "dance", "sunday", "art", "music",
                                     "medical", "dental", "clinical", "social", "work", "professional", "reflective",
                                     "safe", "poor", "bad", "knee", "eye", "hip", "heart", "back", "minor", "major",
                                     "day", "summer", "holiday", "forest", "language", "swimming", "football"}
_STRONG_LOWER_TAILS = ("kindergarten", "care centre", "medical group", "family practice", "grammar school",
                       "community college", "primary school", "high school", "junior school", "infant school", "community school",
                       "primary academy", "medical centre", "medical practice", "health centre", "c of e primary",
                       "rc high school", "rc primary", "catholic primary", "day nursery", "children's home",
                       "care home", "nursing home", "residential home", "surgery", "academy", "nursery", "school",
                       "primary", "practice", "college", "hospital", "infirmary", "hospice", "gp practice",
                       "gp surgery")
_LOWER_ORG = re.compile(
    r"(?<![\w'’-])((?:st\.?\s+[a-z]+['’]s\s+|[a-z][a-z'’-]+\s+){1,3}?)("
    + "|".join(r"\s+".join(map(re.escape, t.split())).replace("'", "['’]")
               for t in sorted(set(_STRONG_LOWER_TAILS) | {"rc high school", "c of e primary school",
                                                            "catholic primary school"}, key=len, reverse=True))
    + r")(?![\w'’-])"
)
_HOME_AFTER = re.compile(r"^\s*(?:['’]s\s+)?(?:manager|staff|residents?|home|unit|team|key\s*worker|deputy)\b",
                         re.IGNORECASE)
_HOME = re.compile(
    r"(?<![\w'’-])((?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\s+){1,2})(" + "|".join(w.capitalize() for w in NAMED_HOME_WORDS)
    + r")(?![\w'’-])"
)
_HOME_CONTEXT = re.compile(
    r"(?:placed|placement|resident|residents|living|lives|staying|stays|moved|move|returned|went|go|missing|"
    r"manager|staff|home|unit|at|from|to|provider|@)\W{0,3}(?:(?:at|in|to|from|of)\W{1,3})?$",
    re.IGNORECASE,
)
# "Dr Patel's practice", "dr okafor's surgery": a doctor's practice is named after the doctor.
_DOCTORS_PRACTICE = re.compile(
    r"(?<![\w'’-])(?i:dr\.?|doctor)\s+([A-Za-z][\w’-]*?)['’]s\s+(?i:(?:gp\s+)?(?:practice|surgery|clinic))(?![\w'’-])")
_LEAD_STRIP = {"at", "from", "to", "in", "on", "by", "for", "with", "and", "of", "re", "dear", "attends", "attend"}


def _trim_prefix(text: str, start: int, prefix: str) -> int:
    """Drop leading words that are not part of a name (prepositions, role words, acronyms like DSL)."""
    offset = start
    for word in prefix.split():
        low = word.lower().strip(".")
        if low in _LEAD_STRIP or (low in NOT_NAME and low not in ("the", "st", "saint")) or (
            word.isupper() and len(word) > 1 and low not in ("rc", "ce")
        ):
            offset = text.index(word, offset) + len(word)
            while offset < len(text) and text[offset].isspace():
                offset += 1
            continue
        break
    return offset


# Companies: capitalised words and a legal form ("Madu and Sons", "Gonzalez LLC", "Kominiak-Turlej Sp.j.",
# "Fundacja Roszko Sp. z o.o."), and the value of an "Employer" field.
_COMPANY = re.compile(
    r"(?<![\w'’-])((?:[A-Z][\w'’&.-]*,?[ \t]+(?:(?:and|&|y|e|und|et)[ \t]+)?){1,4}"
    r"(?:Ltd\.?|Limited|PLC|plc|LLC|LLP|Inc\.?|Group|Holdings|(?:and|&)[ \t]+Sons|GmbH|AG|S\.?L\.?|S\.?A\.?|a\.s\.|"
    r"s\.r\.o\.|Sp\.[ \t]?z[ \t]o\.o\.|Sp\.[ \t]?[jkp]\.|S\.?R\.?L\.?|SARL|B\.?V\.?|N\.?V\.?|Lda\.?|Oy|e[ \t]Filhos|"
    r"e[ \t]Hijos|y[ \t]Asociados|Associates|Partners))(?![\w])")
_EMPLOYER = re.compile(r"(?im)^[ \t>*•-]*(?:employer|employed[ \t]by|workplace|company|works[ \t]at)[ \t]*(?::|=|-|\t)[ \t]*"
                       r"([^\n]{2,60}?)[ \t]*$")
_WORKS_AT = re.compile(r"(?i)\b(?:works[ \t]at|working[ \t]at|shift[ \t]at|job[ \t]at|employed[ \t]by)[ \t]+"
                       r"([^\W\d_][\w'’&-]*(?:[ \t,]+[^\W\d_][\w'’&-]*){0,4}?)"
                       r"(?=[ \t]+(?:and|but|changed|so|since|as|on|in|for|until|today|tomorrow|tonight)\b|[ \t]*[.;,\n]|[ \t]*$)")


def _companies(text: str) -> list[Span]:
    out = []
    for m in _COMPANY.finditer(text):
        start = _trim_prefix(text, m.start(1), m.group(1))
        words = [w.lower().strip(",.") for w in text[start:m.end(1)].split()]
        if len(words) < 2 or all(w in NOT_NAME or w in _GENERIC_ADJ for w in words[:-1]):
            continue
        out.append(Span(start, m.end(1), "ORGANISATION", 0.7, "organisation_company"))
    for pattern in (_EMPLOYER, _WORKS_AT):
        for m in pattern.finditer(text):
            value = m.group(1).strip(" ,")
            low = value.lower()
            if not value or low in ("none", "n/a", "unknown", "not known", "unemployed", "self-employed", "retired"):
                continue
            if pattern is _WORKS_AT and not (value[0].isupper() or any(not is_ordinary(w) for w in low.split())):
                continue  # "works at night"
            start = m.start(1) + m.group(1).index(value)
            out.append(Span(start, start + len(value), "ORGANISATION", 0.65, "organisation_employer"))
    return out


def find(text: str) -> list[Span]:
    spans: list[Span] = _companies(text)
    for m in _ORG.finditer(text):
        if "\n" in m.group(1) and re.match(r"[ \t]*[:\t=]|[ \t]+-[ \t]", text[m.end():m.end() + 3]):
            continue  # "FLEMING, Kim\nSchool: ...": a field label on the next line, not a school's name
        start = _trim_prefix(text, m.start(1), m.group(1))
        prefix_words = [re.sub(r"['’]s$", "", w.lower()).strip(".'’") for w in text[start:m.start(2)].split()]
        meaningful = [w for w in prefix_words if w not in ORG_PREFIX_GENERIC and w not in ("st", "saint", "the")]
        if not meaningful:
            continue
        first = text[start:start + 4]
        tail = " ".join(m.group(2).lower().split())
        if (tail in _WEAK_TAILS and not first.startswith("The ")
                and all(w in _GENERIC_ADJ for w in meaningful)):
            continue  # "Good Practice", "Driving School"
        if tail in _HEALTH_HEADS and all(w in _SERVICE_KINDS or w in _GENERIC_ADJ for w in meaningful):
            continue  # "the Memory Clinic", "District General Hospital"
        spans.append(Span(start, m.end(), "ORGANISATION", 0.85, "organisation"))
    for m in _DOCTORS_PRACTICE.finditer(text):
        if m.group(1).lower() in NOT_NAME:
            continue  # "Dr GP's surgery"
        spans.append(Span(m.start(), m.end(), "ORGANISATION", 0.85, "doctors_practice"))
    for m in _HOME.finditer(text):
        words = [w.lower() for w in m.group(1).split()]
        if any(w in NOT_NAME for w in words):
            continue
        before = text[max(0, m.start() - 30): m.start()]
        if re.search(r"\d[A-Za-z]?,?\s*$|\bflat\s*\d+\w?,?\s*$", before, re.IGNORECASE):
            continue  # "12 Maple Court" is an address
        if not _HOME_CONTEXT.search(before) and not _HOME_AFTER.match(text[m.end():m.end() + 20]):
            continue
        spans.append(Span(m.start(), m.end(), "ORGANISATION", 0.6, "named_home"))
    for m in _LOWER_ORG.finditer(text):
        prefix = m.group(1).split()
        while prefix and (prefix[0] in _GENERIC_ADJ or prefix[0] in _LEAD_STRIP or is_ordinary(prefix[0])
                          and prefix[0] not in ("st", "st.")):
            prefix = prefix[1:]
        if not prefix:
            continue
        tail = " ".join(m.group(2).split())
        unknown = [w for w in prefix if not is_ordinary(w.strip("'’s")) and w not in ("st", "st.")
                   and w not in NOT_NAME and w not in _SERVICE_KINDS]
        if not unknown:
            continue  # "knee surgery", "the local school"
        if tail in _WEAK_TAILS and len(unknown) < len([w for w in prefix if w not in ("st", "st.")]):
            continue
        start = text.rfind(prefix[0], m.start(1), m.end(1))
        spans.append(Span(start, m.end(), "ORGANISATION", 0.6, "organisation_lower"))
    return spans
