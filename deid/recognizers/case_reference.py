"""Case-management references.

- A system name followed by a number: Mosaic, LCS, Liquidlogic, EHM, Eclipse, CareFirst, Frameworki,
  ICS, Paris, Azeus, SystmOne, RiO, EMIS: only the number is the span ("LCS [448812]").
- "case ref", "case no", "ref:", "client ID", "Case: ..." followed by an ID.
- A bare number a few words after "case", "record", "file" ("the case note on 4267292").
- Self-contained IDs such as CP/1234/23, LAC/7305/22, MASH/23/22242, EH/5954, ASC-703645.
- Organisation-specific regexes from :class:`DeidConfig` (group 1, if any, is the span).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from deid.types import Span

_SYSTEMS = (r"mosaic|lcs|liquid\s?logic|ehm|eclipse|care\s?first|framework-?i|ics|paris|azeus|systm\s?one|rio|"
            r"emis|protocol|capita|servelec|carefirst6?|wcc|ccm|swift")
_ID = r"((?:[A-Za-z]{1,5}[/-]?){0,2}\d[\dA-Za-z/-]{2,18}(?:\d|[/-][A-Za-z])|\d{4,12})"
# After a label, an ID may go on in dotted groups ("Ref: 4471.2093", "no.: 5115.6139"): all of it.
_ID_DOTTED = "((?:" + _ID[1:-1] + r")(?:\.\d+)*)"
_SYSTEM_NUMBER = re.compile(
    r"\b(?:" + _SYSTEMS + r")\b\s*(?:case\s+)?(?:id|ref(?:erence)?|no\.?|number|num|#)?\s*[:#.-]?\s*"
    + _ID + r"(?![\w/])",
    re.IGNORECASE,
)
_LABELLED = re.compile(
    r"\b(?:case|client|person|child|file|record|referral|contact|episode|crime|incident|log|datix|police|ppn)?\s*"
    r"(?:ref(?:erence)?|id|no\.|number|#)\s*(?:no\.?|number)?\s*(?:[:#.]|[-–](?=\s))?\s*" + _ID_DOTTED + r"(?![\w/])"
    r"|\bcase\s*[:#]\s*" + _ID + r"(?![\w/])",
    re.IGNORECASE,
)
# A bare number a few words after a case word: "the case note on 4267292", "record 576-6979",
# "case file for 0270014", or a capitals-and-digits code with four digits or more ("case note on
# UO22C74091"). Five or more digits (or a 3-4 digit and 3-5 digit pair), so "case 2 of 3" and "the
# case on 12 March" are not references.
_NEAR_CASE = re.compile(
    r"\b(?:case|record|file|referral|episode|casefile)s?\b[ \t]*"
    r"(?:(?:notes?|files?|records?|numbers?|no\.?|nos\.?|ref\.?|id|entry|log|on|for|of|is|at|under|re:?|the|"
    r"reference)[ \t]*[:#]?[ \t]*){0,3}"
    r"(\d{5,12}|(?!(?:19|20)\d\d[-/](?:19|20)?\d\d\b)\d{3,4}[-/]\d{3,5}|(?-i:(?=(?:[A-Z]*\d){4})(?=\d*[A-Z])[A-Z\d]{6,16}))(?![\w/]|[.,-]\d)",
    re.IGNORECASE,
)
_SELF_CONTAINED = re.compile(
    r"(?<![\w/-])([A-Za-z]{2,6}|[A-Za-z]{1,3}\d{1,3}(?=/))([/-])(?:[A-Za-z]{2,6}\2)?(\d{2,8})(?:\2([A-Za-z0-9]{2,8}))?(?:\2(\d{2,6}|[A-Za-z]))?"
    r"(?![\w/]|-\d)"
)
_NOT_PREFIX = {"covid", "sars", "ks", "year", "yr", "age", "aged", "mp", "room", "flat", "unit", "ward", "bay",
               "bed", "grade", "level", "tier", "band", "page", "para", "section", "rule", "reg", "art", "s",
               "schedule", "ss", "pt", "part", "no", "tel", "mob", "fax", "ext", "nhs", "ni", "the", "and"}


def _has_digit(s: str) -> bool:
    return any(c.isdigit() for c in s)


def find(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _SYSTEM_NUMBER.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "CASE_REFERENCE", 0.9, "case_ref_system"))
    for m in _LABELLED.finditer(text):
        if re.match(r"contact\s*(?:no\b|number)", m.group(0), re.IGNORECASE):
            continue  # "Contact no. 0788 699 899": a phone number, left to the phone rules
        group = 1 if m.group(1) else 2
        ident = m.group(group)
        if ident and _has_digit(ident) and len(re.sub(r"\W", "", ident)) >= 4:
            spans.append(Span(m.start(group), m.end(group), "CASE_REFERENCE", 0.8, "case_ref_labelled"))
    for m in _NEAR_CASE.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "CASE_REFERENCE", 0.75, "case_ref_near"))
    for m in _SELF_CONTAINED.finditer(text):
        prefix, sep = m.group(1), m.group(2)
        if prefix.lower() in _NOT_PREFIX:
            continue
        digits = sum(c.isdigit() for c in m.group(0))
        if sep == "-" and (digits < 4 or not m.group(1).isupper()):
            continue
        if sep == "/" and digits < 3:
            continue
        spans.append(Span(m.start(), m.end(), "CASE_REFERENCE", 0.85, "case_ref_id"))
    return spans


def compile_patterns(patterns: Iterable[str]) -> list[re.Pattern[str]]:
    # Case-insensitive: tired fingers type "db1234567" for "DB1234567".
    return [re.compile(p, re.IGNORECASE) for p in patterns]


def find_configured(text: str, patterns: list[re.Pattern[str]]) -> list[Span]:
    spans = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            if pattern.groups >= 1 and m.group(1) is not None:
                s, e = m.start(1), m.end(1)
            else:
                s, e = m.start(), m.end()
            if e > s:
                spans.append(Span(s, e, "CASE_REFERENCE", 1.0, "case_ref_config"))
    return spans
