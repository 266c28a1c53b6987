"""An independent check that no exact date, age or time of day is left in a text.

Written apart from sharing.shareable's rules, with its own patterns, so that a test does not only
ask the rules whether they agree with themselves. A band ("aged 12-15", "85 and over") is fine."""

from __future__ import annotations

import re

MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
WORD_AGES = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
             r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-[a-z]+)?")
BAND = r"\d{1,2}\s*-\s*\d{1,2}|85 and over"

EXACT = {
    "day and month": re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+" + MONTHS + r"(?![a-z])", re.I),
    "month and day": re.compile(r"\b" + MONTHS + r"\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b(?!\d)(?!\s*\d{2})", re.I),
    "numeric date": re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"),
    "day of the month": re.compile(r"\bthe\s+\d{1,2}(?:st|nd|rd|th)\b(?!\s+(?:floor|time|call|visit|attempt|week))", re.I),
    "clock time": re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|hrs|h)?(?![\d])(?!\s*%)|\b\d{1,2}\s*[ap]\.?m\b|"
                             r"\b\d{4}\s*hrs\b|o'clock|half past|quarter (?:past|to)", re.I),
    "age in years": re.compile(r"(?:\b\d{1,3}|" + WORD_AGES + r")[\s-]*(?:years?|yrs?|months?|weeks?)[\s-]*old|"
                               r"\b\d{1,3}\s*(?:yo|y/o)\b", re.I),
    "day in words": re.compile(r"\b(?:first|second|third|[a-z]+th|twenty-first|thirty-first)\s+of\s+" + MONTHS
                               + r"(?![a-z])", re.I),
    "weekday and day": re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+\d{1,2}/\d{1,2}\b", re.I),
    "short age": re.compile(r"\b\d{1,3}[\s-]*(?:y\.o\.?|y-o|yo|y/o)(?![a-z])", re.I),
    "time without a colon": re.compile(r"\b(?:at|@)\s*(?:[01]\d|2[0-3])[0-5]\d\b|\b\d{1,2}h[0-5]\d\b", re.I),
    "age after a word": re.compile(r"[A-Za-z\]]['’]s\s+\d{1,3}\b(?!\s*(?:minutes|mins|hours|days|weeks))|"
                                   r"\b[A-Za-z]+,\s*\d{1,3}\s*(?:months?|weeks?|years?|yrs?)?\s*[,;)]"),
    "age range in words": re.compile(r"\baged?\s+between\s+\d{1,3}\s+and\s+\d{1,3}\b", re.I),
    "short date": re.compile(r"\b(?:on|dated|from|since)\s+\d{1,2}[/.]\d{1,2}\b(?![/.]\d)|\b\d{1,2}-" + MONTHS
                             + r"(?:-\d{2})?\b|\b(?:logged|received|seen|visited)\s+\d{1,2}/\d{1,2}\b", re.I),
    "weekday and ordinal": re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?:the\s+)?\d{1,2}"
                                      r"(?:st|nd|rd|th)\b", re.I),
    "half year old": re.compile(r"\b\d{1,2}\s+and\s+a\s+half\s+years?\s+old", re.I),
    "of an age": re.compile(r"\b(?:girl|boy|man|woman|child|baby)\s+of\s+\d{1,3}\b", re.I),
    "age range": re.compile(r"\baged?\s+(?!12-15|16-17|18-24|25-44|45-64|65-74|75-84|0-4|5-11)\d{1,3}\s*-\s*\d{1,3}", re.I),
    "year of birth": re.compile(r"\bborn\s+(?:in\s+)?(?:19|20)\d{2}\b", re.I),
    "clinical age": re.compile(r"\b\d{1,2}/52\b"),
    "hour": re.compile(r"\bat\s+(?:[1-9]|1[0-2])(?=\s*[.,;]|\s*$)|\bhalf\s+(?:one|two|three|four|five|six|seven|"
                       r"eight|nine|ten|eleven|twelve)\b", re.I),
    "years and months": re.compile(r"\b\d{1,3}\s*(?:years?|yrs?),?\s*(?:and\s+)?\d{1,2}\s*(?:months?|mths?)", re.I),
    "bracketed age": re.compile(r"(?:\]|\b[a-z]+)\s*\(\d{1,3}\)", re.I),
    "turned an age": re.compile(r"\b(?:turned|turns|turning)\s+(?:\d{1,3}|" + WORD_AGES + r")\b", re.I),
    "is an age": re.compile(r"\b(?:he|she|who)\s+(?:is|was)\s+(?:\d{1,3}|" + WORD_AGES + r")\b"
                            r"(?!\s*(?:%|minutes|mins|hours|days|weeks|months|years|times))", re.I),
    "school year": re.compile(r"\bYear\s+(?:[1-9]|1[0-3])\b"),
}


# "aged" and what follows it, a list included ("aged 4, 7 and 11"): every number in it must be in a band.
AGED_LIST = re.compile(r"\bage[sd]?\s*:?\s*(?:(?:85 and over|\d{1,3}(?:\s*-\s*\d{1,3})?|" + WORD_AGES
                       + r")(?:\s*(?:,|and|&)\s*)?)+", re.I)


def exact_quasi_identifiers(text: str) -> list[tuple[str, str]]:
    """Each exact date, age or time of day found, with what kind it is."""
    found = [(kind, match.group(0)) for kind, pattern in EXACT.items() for match in pattern.finditer(text)]
    for match in AGED_LIST.finditer(text):
        rest = re.sub(BAND, "", match.group(0))
        if re.search(r"\d|\b" + WORD_AGES + r"\b", rest, re.I):
            found.append(("aged", match.group(0)))
    return found
