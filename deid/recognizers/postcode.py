"""UK postcodes in every format (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA), any case,
with or without the space; other countries' postcodes where their format or the address shows them."""

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
_DATE_AFTER = re.compile(r"[ \t]*(?:of[ \t]+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)


def find(text: str) -> list[Span]:
    spans = []
    for m in _POSTCODE.finditer(text):
        inward = m.group(2)
        if (_ORDINAL.match(inward) and not inward.isupper()
                and _DATE_AFTER.match(text, m.end())):  # "s47 5th may" (but "B33 8TH", "b18 4nd" are postcodes)
            continue
        token = m.group(0)
        if token.islower() and " " not in token and len(token) < 5:
            continue  # very short all-lower strings without a space are too ambiguous
        spans.append(Span(m.start(), m.end(), "POSTCODE", 1.0, "postcode"))
    return spans + find_foreign(text)


# Other countries' postcodes. The distinctive formats stand alone (Irish Eircodes, Canadian
# postcodes); the all-digit ones ("62704", "00-950", "1012 AB") only where the text shows they are
# part of an address: after a US state or Australian state, before the town after a comma, after a
# town and a dash (India), or after the word postcode / ZIP.
_EIRCODE = re.compile(r"(?<![A-Za-z0-9])(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[ \t]?[0-9AC-FHKNPRTV-Y]{4}(?![A-Za-z0-9])",
                      re.IGNORECASE)
_CANADA = re.compile(r"(?<![A-Za-z0-9])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ \t]?\d[ABCEGHJ-NPRSTV-Z]\d"
                     r"(?![A-Za-z0-9])", re.IGNORECASE)
_US_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|"
              "ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR")
# A ZIP is not followed by more digits: "ring me 01576 8986083" is a phone number, not Maine.
_AFTER_STATE = re.compile(r"\b(?:" + _US_STATES + r")\.?[ \t]+(\d{5}(?:-\d{4})?)(?!\w|[ \t]?\d)"
                          r"|\b(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)[ \t]+(\d{4})(?!\w|[ \t]?\d)", re.IGNORECASE)
_POSTAL_NUMBER = r"\d{4}-\d{3}|(?:[A-Za-z]{1,2}-)?\d{2}-\d{3}|\d{3}[ \t]?\d{3}|\d{4}[ \t]?[A-Za-z]{2}|\d{4,6}|[A-Za-z]{1,2}-\d{4,5}"
# ", 70-467 Mińsk", ", 9263 gd leeuwarden", ", 11031 İstanbul": a postal number between a comma and a town.
_BEFORE_TOWN = re.compile(r"(?:,|\bnr\.?\s*\d+[a-z]?(?![\d])|\bno:?\s*\d+[a-z]?(?![\d]))[ \t]*(" + _POSTAL_NUMBER
                          + r")[ \t]+(?=(?:['’]s-|['’]t[ \t])?[^\W\d_]{2,})", re.IGNORECASE)  # "5007 ZU 's-Graveland", "'t Zand"
# "Nagpur - 815274", "Bhatpara - 796 138": an Indian PIN after the town.
_AFTER_TOWN = re.compile(r"[^\W\d_]{3,}[ \t]+[-–][ \t]+([1-9]\d{2}[ \t]?\d{3})(?![\w-]|[ \t]\d)")  # not a phone number's start
_LABELLED = re.compile(r"\b(?:post\s*code|postal\s*code|zip(?:\s*code)?|plz|cap|pin(?:\s*code)?|cp|code postal)"
                       r"\b\s*[:\t-]?\s*(" + _POSTAL_NUMBER + r")(?![\w-])", re.IGNORECASE)
# "nr. 34, bl. 6, ap. 12, Baciu 209722": a postal number after the town, in an address that has a
# house number before the comma; the town's county or district may stand in brackets between them
# ("nr. 14, Sannicolau Mare (Timis) 305600").
_AFTER_TOWN_NUMBERED = re.compile(r"\d[^,\n]{0,30},[ \t]*(?:[^\W\d_][\w'’-]*[ \t]+){1,3}(?:\([^()\n]{1,25}\)[ \t]+)?"
                                  r"(\d{5,6})(?![\w-])")
# "ap. 27 Sovata 981009", "nr. 143 Dragu-Brad 368250": the same without the comma, after a flat,
# block or house number written with its abbreviation.
_AFTER_TOWN_UNIT = re.compile(r"\b(?:ap|apt|bl|sc|et|nr|no)\.?[ \t]*\d{1,4}[a-z]?,?[ \t]+"
                              r"(?:[A-ZÀ-ÖØ-Þ][\w'’-]*[ \t]+){1,3}(\d{5,6})(?![\w-])", re.IGNORECASE)
# "92-774 Knurów": the Polish form, two digits, a hyphen and three, before a capitalised town.
_POLISH = re.compile(r"(?<![\w-])(\d{2}-\d{3})(?=[ \t]+[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+)")
_YEAR = re.compile(r"(?:19|20)\d{2}$")


def find_foreign(text: str) -> list[Span]:
    spans = []
    for pattern in (_EIRCODE, _CANADA):
        for m in pattern.finditer(text):
            token = m.group(0)
            if any(c.isalpha() for c in token[3:]) or token[:3].upper() == "D6W" or token.isupper():
                spans.append(Span(m.start(), m.end(), "POSTCODE", 0.9, "postcode_foreign"))
    for m in _AFTER_STATE.finditer(text):
        g = 1 if m.group(1) else 2
        spans.append(Span(m.start(g), m.end(g), "POSTCODE", 0.9, "postcode_foreign"))
    for pattern in (_BEFORE_TOWN, _AFTER_TOWN, _LABELLED, _AFTER_TOWN_NUMBERED, _AFTER_TOWN_UNIT, _POLISH):
        for m in pattern.finditer(text):
            value = m.group(1)
            if pattern is _BEFORE_TOWN and _YEAR.match(value):
                continue  # ", 2019 was..." is a year
            spans.append(Span(m.start(1), m.end(1), "POSTCODE", 0.8, "postcode_foreign"))
    return spans
