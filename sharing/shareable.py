"""The sharing pass: from a report's confirmed de-identified text to text that may leave the organisation.

De-identification (protection.redaction) removes what names a person. Text that leaves the
organisation must also not let a reader who knows the area pick the case out, so this second,
stricter pass also generalises the quasi-identifiers: facts that identify in combination.

1. Quasi-identifiers, by the rules below (plain regular expressions, no model):
   - an exact date becomes its month: "on 14 March 2026" -> "in March 2026", "14/03/2026" ->
     "March 2026", "2026-03-14" -> "March 2026", "on Tuesday 3rd March" -> "in March", "on the
     14th" -> "that month"; Christmas Day, Boxing Day and New Year's Day become the period around them;
   - an age becomes a band (AGE_BANDS): "aged 14" -> "aged 12-15", "a 3 year old" -> "a child aged
     0-4", "an 86-year-old woman" -> "a woman aged 85 and over", "[PERSON 1] (7)" -> "[PERSON 1]
     (aged 5-11)", "6/52" (six weeks old) -> "aged 0-4"; a school year becomes the phase ("in Year 9" ->
     "in secondary school"); a date or year of birth becomes "[DATE OF BIRTH]";
   - a time of day becomes the part of the day (DAY_PARTS): "at 17:42" -> "in the evening",
     "between 14:00 and 16:00" -> "in the afternoon"; an ambiguous one ("five o'clock") -> "at some point".
2. The de-identification engine, with every label on and the organisation's own patterns and deny
   terms (but not its allow terms: a word allowed inside the organisation, such as a local building,
   may identify outside it), over the result. Placeholders already there ("[PERSON 1]") and what
   step 1 wrote are left alone; anything else it finds is replaced, numbered after the placeholders
   already in the text.

Everything here is a pure function of the text and the organisation's settings, so it can be
tested hard. What it changed is returned as a list for the reviewer who clears the copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

# -- the bands ---------------------------------------------------------------------------------------

# Children's bands follow the stages services and statistics use (under five, primary school,
# secondary school to 15, 16-17 before adulthood); adults' bands follow care leavers (18-24), then
# broad working-age bands, then the older-people bands adult social care reports in.
AGE_BANDS: tuple[tuple[int, int | None, str], ...] = (
    (0, 4, "0-4"),
    (5, 11, "5-11"),
    (12, 15, "12-15"),
    (16, 17, "16-17"),
    (18, 24, "18-24"),
    (25, 44, "25-44"),
    (45, 64, "45-64"),
    (65, 74, "65-74"),
    (75, 84, "75-84"),
    (85, None, "85 and over"),
)
ADULT_FROM = 18

# A time of day becomes one of these (24-hour clock, from the hour). 17:00 is already evening: the
# end of the working day is when out-of-hours handovers happen, which is what learning needs to see.
DAY_PARTS: tuple[tuple[int, int, str], ...] = (
    (0, 5, "night"),
    (6, 11, "morning"),
    (12, 16, "afternoon"),
    (17, 21, "evening"),
    (22, 23, "night"),
)

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")


def age_band(age: int) -> str:
    """The band an age in whole years falls in."""
    for low, high, label in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    raise ValueError(f"not an age: {age}")


def day_part(hour: int) -> str:
    for low, high, label in DAY_PARTS:
        if low <= hour <= high:
            return label
    raise ValueError(f"not an hour: {hour}")


# -- what the pass returns ------------------------------------------------------------------------------

DATE, AGE, TIME, IDENTIFIER, SERVICE_AREA = "date", "age", "time", "identifier", "service_area"


@dataclass(frozen=True)
class Change:
    """One thing the pass changed: what kind, the words before and after, and in which field."""

    kind: str
    before: str
    after: str
    field: str = ""


@dataclass(frozen=True)
class Shareable:
    """The shareable fields, and what the pass changed to make them."""

    fields: dict[str, str]
    changes: list[Change] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The one field's text, for a single text passed through `shareable_text`."""
        return next(iter(self.fields.values()), "")


# -- step 1: quasi-identifiers ---------------------------------------------------------------------

_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_NUMBER = (r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
                r"|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")")
_NUMBER = r"(?:\d{1,3}|" + _WORD_NUMBER + r")"


def _number(words: str) -> int | None:
    words = words.strip().lower()
    if words.isdigit():
        return int(words)
    if words in _UNITS:
        return _UNITS.index(words)
    parts = re.split(r"[- ]", words)
    if parts[0] in _TENS:
        tens = (_TENS.index(parts[0]) + 2) * 10
        return tens + (_UNITS.index(parts[1]) if len(parts) > 1 else 0)
    return None


_MONTH = (r"(?P<month>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))(?:\.(?=\s*\d))?(?![a-zA-Z])")
_WEEKDAY = (r"(?:(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
            r"|(?:Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)\.?)")
_ORDINAL = r"(?:st|nd|rd|th)"
_DAY_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
              "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
              "nineteenth", "twentieth", "thirtieth")
_DAY_WORD = (r"(?i:(?:twenty|thirty)-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
             + "|".join(_DAY_WORDS) + r")")
_DAYS = (r"(?P<day>[0-3]?\d|" + _DAY_WORD + r"(?=\s+(?i:of)\s))" + _ORDINAL
         + r"?(?:\s*(?:-|–|to|and|&)\s*[0-3]?\d" + _ORDINAL + r"?)?(?!\d)")
_YEAR = r"(?P<year>(?:19|20)\d{2}(?!\d)|'\d{2}(?!\d)|\d{2}(?=\s*(?:[.,;:!?)]|$)))"
# What may stand before a date, kept as it is, except "on", which a month takes as "in".
_DATE_PREP_ONLY = (r"(?:(?P<prep>(?i:on|dated|from|since|by|until|till|before|after|of|between))\s+)?"
                   r"(?:" + _WEEKDAY + r",?\s+)?")
_DATE_PREP = _DATE_PREP_ONLY + r"(?:(?i:the)\s+)?"
_MONTH_INDEX = {name[:3].lower(): i for i, name in enumerate(MONTH_NAMES)}

_PERSON_NOUNS = ("boy", "girl", "child", "son", "daughter", "baby", "infant", "toddler", "brother", "sister",
                 "sibling", "half-brother", "half-sister", "stepbrother", "stepsister", "cousin", "nephew",
                 "niece", "grandson", "granddaughter", "grandchild", "pupil", "student", "teenager", "young person",
                 "man", "woman", "lady", "gentleman", "person", "adult", "mother", "father", "mum", "dad",
                 "parent", "grandmother", "grandfather", "grandparent", "resident", "patient", "tenant",
                 "service user", "carer", "care leaver", "partner", "husband", "wife", "friend", "neighbour",
                 "uncle", "aunt", "auntie", "foster child", "twin", "twins", "grandad", "granddad", "grandma",
                 "grandpa", "gran", "granny", "nan", "nana", "stepdad", "stepmum", "stepfather", "stepmother",
                 "foster carer", "foster mum", "foster dad", "boys", "girls", "children", "sons",
                 "daughters", "babies", "siblings", "brothers", "sisters", "men", "women", "people", "residents")
_NOUNS = "|".join(sorted((re.escape(n) for n in _PERSON_NOUNS), key=len, reverse=True))
_PLACEHOLDER = r"\[[A-Z][A-Z_]*(?: [A-Z_]+)*(?: \d+)?\]"
_AGE_UNIT = r"(?:\s*(?P<unit>(?i:months?|mths?|weeks?|wks?|years?|yrs?))(?:\s+(?i:old))?)?"


def _capitalised_like(original: str, replacement: str) -> str:
    if original[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement


def _year(text: str | None) -> str:
    if not text:
        return ""
    digits = text.lstrip("'")
    return f"20{digits}" if len(digits) == 2 else digits


def _month_phrase(match: re.Match, month: int, year: str) -> str:
    said = f"{MONTH_NAMES[month]} {year}".strip()
    prep = match.group("prep")
    if not prep:
        return said
    word = "in" if prep.lower() in ("on", "of", "between") else prep.lower()
    return _capitalised_like(prep, f"{word} {said}")


def _text_date(match: re.Match) -> str | None:
    month = _MONTH_INDEX[match.group("month")[:3].lower()]
    day = match.group("day")
    if day and day.isdigit() and not 1 <= int(day) <= 31:
        return None
    return _month_phrase(match, month, _year(match.group("year")))


def _numeric_date(match: re.Match) -> str | None:
    first, second = int(match.group("a")), int(match.group("b"))
    year = match.groupdict().get("y") or ""
    if year and len(year) == 2:
        year = f"20{year}"
    if 1 <= second <= 12 and 1 <= first <= 31:  # day first, as written in the UK
        month = second
    elif 1 <= first <= 12 and 1 <= second <= 31:  # month first, as in the US
        month = first
    else:
        return None
    return _month_phrase(match, month - 1, year)


def _iso_date(match: re.Match) -> str | None:
    month, day = int(match.group("m")), int(match.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _month_phrase(match, month - 1, match.group("y"))


def _clinical_age(match: re.Match) -> str | None:
    number = int(match.group("n"))
    months = number if match.group("unit") == "12" else number / 4.3
    band = age_band(int(months // 12))
    return f"(aged {band})" if match.group("open") else f"aged {band}"


def _day_of_month(match: re.Match) -> str:
    return _capitalised_like(match.group(0), "that month")


def _holiday(match: re.Match) -> str:
    name = match.group("holiday").lower()
    period = "the New Year" if name.startswith("new year") else "the Christmas period"
    prep = match.group("prep")
    return _capitalised_like(prep or match.group(0), f"over {period}")


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _band_of(value: str, unit: str | None) -> str | None:
    number = _number(value)
    if number is None or number > 120:
        return None
    if unit and unit.lower()[:1] in ("m", "w", "d") and not unit.lower().startswith("min"):
        return age_band(0)  # months, weeks or days old
    return age_band(number)


def _aged(match: re.Match) -> str | None:
    band = _band_of(match.group("n"), match.group("unit"))
    if band is None:
        return None
    keyword = (match.groupdict().get("kw") or "aged").lower()
    said = f"{'ages' if keyword == 'ages' else 'aged'} {band}"
    more = match.groupdict().get("more")
    if more:  # "aged 4, 7 and 11": each of them
        for joiner, number in re.findall(r"(\s*(?:,|and|&)\s*)(" + _NUMBER + r")", more, flags=re.IGNORECASE):
            later = _band_of(number, None)
            if later is None:
                return None
            said += joiner + later
    return _capitalised_like(match.group(0), said)


def _noun_of_age(match: re.Match) -> str | None:
    band = _band_of(match.group("n"), match.group("unit"))
    return None if band is None else f"{match.group('noun')} aged {band}"


def _aged_between(match: re.Match) -> str | None:
    low, high = match.group("n") or match.group("n_"), match.group("n2") or match.group("n2_")
    first, second = _band_of(low, None), _band_of(high, None)
    if first is None or second is None:
        return None
    said = f"aged {first}" if first == second else f"aged between {first} and {second}"
    return _capitalised_like(match.group(0), said)


def _year_old(match: re.Match) -> str | None:
    number = _number(match.group("n"))
    band = _band_of(match.group("n"), match.group("unit"))
    if band is None or number is None:
        return None
    det, noun, plural = match.group("det"), match.group("noun"), match.group("plural")
    possessive = match.group("poss") or ""
    child = number < ADULT_FROM or (match.group("unit") or "y").lower()[:1] in "mwd"
    if noun:
        who = noun
    elif plural:
        who = "children" if child else "people"
    elif det:
        who = "child" if child else "person"
    else:
        return _capitalised_like(match.group(0), f"aged {band}")
    if det and det.lower() in ("a", "an"):
        det = _capitalised_like(det, _article(who))
    said = f"{det} {who} aged {band}" if det else f"{who} aged {band}"
    return _capitalised_like(match.group(0), said + possessive)


def _after_person(match: re.Match) -> str | None:
    band = _band_of(match.group("n"), match.groupdict().get("unit"))
    if band is None or int(match.group("n")) > 110:
        return None
    if match.group(0).rstrip().endswith(")"):
        return f"{match.group('who')} (aged {band})"
    return f"{match.group('who')}, aged {band}"


def _is_age(match: re.Match) -> str | None:
    band = _band_of(match.group("n"), None)
    if band is None:
        return None
    verb = match.group("verb")
    verb = {"turned": "was", "turns": "is", "had just turned": "was", "has just turned": "is"}.get(verb.lower(), verb)
    space = "" if verb[:1] in "'’" else " "
    return f"{match.group('who')}{space}{verb} aged {band}"


def _school_year(match: re.Match) -> str:
    year = int(match.group("y"))
    phase = "primary school" if year <= 6 else "secondary school" if year <= 11 else "sixth form"
    return _capitalised_like(match.group(0), f"in {phase}" if match.group("in_") else phase)


_TIME_PREP = (r"(?:(?P<prep>(?i:at (?:approx\.?|approximately|about|around|roughly)|at|around|about|approximately|"
              r"approx\.?|circa|roughly|by|before|after|from|since|until|till|for|just after|just before|"
              r"shortly after|shortly before|between)|@)\s*)?")
_AMPM_WORDS = r"(?i:[ap]\.\s?m\.|[ap]\s?m\b)"  # "pm", "p.m.": a full stop after "pm" ends the sentence
_AMPM = r"(?P<ampm>" + _AMPM_WORDS + r")"
_CLOCK = (r"(?<![\d£$€.,:])(?:"
          r"(?P<h>[01]?\d|2[0-3])[:](?P<m>[0-5]\d)(?:[:][0-5]\d)?(?:\s*" + _AMPM + r")?(?:\s*(?i:hrs|hours|h)\b)?"
          r"|(?P<h2>[01]?\d|2[0-3])\.(?P<m2>[0-5]\d)(?:\s*(?P<ampm2>" + _AMPM_WORDS + r")|\s*(?i:hrs|hours)\b)"
          r"|(?P<h3>1[0-2]|0?[1-9])\s*(?P<ampm3>" + _AMPM_WORDS + r")"
          r"|(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)\s*(?i:hrs|hours|h)\b"
          r")(?![\d:])")
_TAIL = (r"(?P<tail>\s+(?i:(?:in the|that|this|on (?:that|the))\s+(?:morning|afternoon|evening|night)"
         r"|(?:at|last|that|this|to)\s?night|overnight))?")


def _hour(match: re.Match, suffix: str = "") -> int:
    groups = match.groupdict()
    for h, ampm in (("h", "ampm"), ("h2", "ampm2"), ("h3", "ampm3"), ("h4", "")):
        if groups.get(h + suffix) is not None:
            hour = int(groups[h + suffix])
            said = (groups.get(ampm + suffix) or "").lower()
            if said.startswith("p") and hour < 12:
                hour += 12
            elif said.startswith("a") and hour == 12:
                hour = 0
            return hour
    raise ValueError("no hour in the match")


def _the_part(part: str) -> str:
    return "the night" if part == "night" else f"the {part}"


def _in_the_part(part: str) -> str:
    return "during the night" if part == "night" else f"in the {part}"


_NEAR = ("at", "around", "about", "approximately", "approx", "approx.", "circa", "roughly", "just after",
         "just before", "shortly after", "shortly before", "@", "at approx", "at approx.", "at approximately",
         "at about", "at around", "at roughly")


def _time(match: re.Match) -> str | None:
    tail = match.group("tail")
    if tail:  # "at 9am in the morning": the part of the day is said already
        return _capitalised_like(match.group(0), tail.strip())
    part = day_part(_hour(match))
    prep = (match.group("prep") or "").lower()
    said = _in_the_part(part) if not prep or prep in _NEAR else f"{prep} {_the_part(part)}"
    return _capitalised_like(match.group(0), said)


def _time_range(match: re.Match) -> str | None:
    first, second = day_part(_hour(match, "")), day_part(_hour(match, "_b"))
    said = _in_the_part(first) if first == second else f"between {_the_part(first)} and {_the_part(second)}"
    return _capitalised_like(match.group(0), said)


def _vague_time(match: re.Match) -> str:
    tail = match.group("tail")
    return _capitalised_like(match.group(0), f"at some point{tail or ''}")


def _midnight(match: re.Match) -> str:
    word = match.group("word").lower()
    said = "at night" if word == "midnight" else "in the middle of the day"
    return _capitalised_like(match.group(0), said)


def _clock(suffix: str) -> str:
    """The clock pattern with its groups renamed, for the second time in a range."""
    return re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}{suffix}>", _CLOCK)


_Rule = tuple[str, re.Pattern, Callable[[re.Match], str | None]]

_RULES: tuple[_Rule, ...] = (
    # Dates -------------------------------------------------------------------------------------------
    (DATE, re.compile(r"(?<![\w/.-])" + _DATE_PREP_ONLY
                      + r"(?P<y>(?:19|20)\d{2})(?P<isep>[-/.])(?P<m>\d{1,2})(?P=isep)(?P<d>\d{1,2})"
                      r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w/-])"), _iso_date),
    (DATE, re.compile(r"(?<![\w/.-])" + _DATE_PREP_ONLY
                      + r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)?\d{2})(?![\w/-]|\.\d)"),
     _numeric_date),
    # An age as clinicians write it: "6/52" six weeks old, "(3/12)" three months old.
    (AGE, re.compile(r"(?<![\w/.-])(?P<open>\(\s*)?(?P<n>\d{1,2})/(?P<unit>52|12)(?![\w/]|\.\d)(?(open)\s*\)|(?=\s*(?:"
                     r"[.,;:)]|$|\s+(?i:old|baby|infant)\b)))"), _clinical_age),
    # A day and month alone ("14/03") after a word for a date or a weekday, or with a day above 4 and
    # no "of" after it ("logged 16/2"): "3/4 of the team", "24/7 cover" and "scored 7/10" are not dates.
    (DATE, re.compile(r"(?<![\w/.-])(?:(?P<prep>(?i:on|dated|from|since|by|until|till|before|after))\s+"
                      r"(?:" + _WEEKDAY + r",?\s+)?|" + _WEEKDAY + r",?\s+)(?P<a>\d{1,2})/(?P<b>\d{1,2})"
                      r"(?![\w/%]|\.\d)"), _numeric_date),
    # With a full stop ("seen on 1.3") only after "on" or "dated": "by 10.5%" and "from 1.5 hours" are amounts.
    (DATE, re.compile(r"(?<![\w/.-])(?P<prep>(?i:on|dated))\s+(?P<a>\d{1,2})\.(?P<b>\d{1,2})"
                      r"(?![\w/%]|\.\d)(?!\s*(?:%|(?i:hours|miles|km|per)\b))"), _numeric_date),
    (DATE, re.compile(r"(?<![\w/.-])(?<!(?i:scored) )(?<!(?i:rated) )(?<!(?i:score) )(?P<prep>)(?P<a>[5-9]|[12]\d|3[01])/"
                      r"(?P<b>[1-9]|1[0-2]|0[1-9])(?![\w/]|\.\d)(?!\s*(?i:of|ths?)\b)(?<!24/7)"), _numeric_date),
    (DATE, re.compile(r"(?<![\w])" + _DATE_PREP + _DAYS + r"(?:\s+(?i:of))?\s+" + _MONTH
                      + r"(?:,?\s+" + _YEAR + r")?"), _text_date),
    (DATE, re.compile(r"(?<![\w-])" + _DATE_PREP_ONLY + r"(?P<day>[0-3]?\d)-" + _MONTH + r"(?:-" + _YEAR.replace(
        r"|\d{2}(?=\s*(?:[.,;:!?)]|$))", r"|\d{2}(?![\w-])") + r")?"), _text_date),
    # "March 14th", "March 14, 2026"; a bare "March 14" only after "on" (below): "in March 12 were seen".
    (DATE, re.compile(r"(?<![\w])" + _DATE_PREP + _MONTH + r"\s+(?:the\s+)?(?P<day>[0-3]?\d)(?!\d)"
                      r"(?=" + _ORDINAL + r"|,?\s+(?:19|20)\d{2}(?!\d))" + _ORDINAL + r"?(?:,?\s+" + _YEAR + r")?"),
     _text_date),
    (DATE, re.compile(r"(?<![\w])(?P<prep>(?i:on))\s+" + _WEEKDAY + r",?\s+" + _MONTH
                      + r"\s+(?P<day>[0-3]?\d)" + _ORDINAL + r"?(?:,?\s+" + _YEAR + r")?(?!\d)"), _text_date),
    (DATE, re.compile(r"(?<![\w])(?P<prep>(?i:on))\s+" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?![\d:.])"
                      r"(?:,?\s+" + _YEAR + r")?"), _text_date),
    (DATE, re.compile(r"(?<![\w])(?:(?i:on\s+)(?:" + _WEEKDAY + r",?\s+)?(?:(?i:the)\s+)?|" + _WEEKDAY
                      + r",?\s+(?:(?i:the)\s+)?)[0-3]?\d" + _ORDINAL
                      + r"(?=\s*(?:[.,;:!?)]|$|\s+(?:at|when|and|but|in|around|after|before)\b))"), _day_of_month),
    (DATE, re.compile(r"(?<![\w])(?:(?P<prep>(?i:on|over|during|at))\s+)?(?P<holiday>(?i:christmas day|christmas eve|"
                      r"boxing day|new year's day|new year's eve|new years day|new years eve))(?:,?\s+"
                      + _YEAR + r")?"), _holiday),
    # What the first de-identification left ("on March 2026") reads as a month.
    (DATE, re.compile(r"(?<![\w])(?P<prep>(?i:on))\s+" + _MONTH + r",?\s+" + _YEAR + r"(?P<day>)"), _text_date),
    (DATE, re.compile(r"(?<=[Bb]orn )(?:(?i:in)\s+)?(?:19|20)\d{2}(?!\d)"), lambda match: "[DATE OF BIRTH]"),
    (DATE, re.compile(r"(?<=[Bb]orn )(?P<prep>(?i:in))\s+" + _MONTH + r",?\s+" + _YEAR + r"(?P<day>)"), _text_date),
    # Times (before ages: "aged 14 at 17:42" keeps both) ------------------------------------------------
    (TIME, re.compile(r"(?<![\w])(?:(?i:between|from)\s+)?" + _CLOCK + r"\s*(?:-|–|to|until|till|and)\s*"
                      + _clock("_b")), _time_range),
    (TIME, re.compile(r"(?<![\w])" + _TIME_PREP + _CLOCK + _TAIL), _time),
    # "at 10.15": with a word for a time before it, a number with a full stop is a time, not an amount.
    (TIME, re.compile(r"(?<![\w])(?P<prep>(?i:at|around|about|approximately|by|before|after|until|till|from|since))\s+"
                      r"(?<![£$€])(?P<h>[01]?\d|2[0-3])[.h](?P<m>[0-5]\d)(?![\d.]\d)" + _TAIL), _time),
    # "at 0930": the 24-hour clock without a colon, only straight after "at".
    (TIME, re.compile(r"(?<![\w])(?P<prep>(?i:at)|@)\s*(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)(?!\d|[.,:]\d|%)" + _TAIL), _time),
    (TIME, re.compile(r"(?<![\w])(?:(?i:at|around|about|approximately|by|before|after|until|just after|just before)\s+)?"
                      r"(?:(?i:half past|quarter past|quarter to|ten past|ten to|twenty past|twenty to|five past|"
                      r"five to|half)\s+" + _NUMBER + r"(?:\s+(?i:o'clock))?|" + _NUMBER + r"\s+(?i:o'clock))" + _TAIL),
     _vague_time),
    # "visit at 11." or "at 4 on Friday": an hour alone, where nothing after it makes it an age or an amount.
    (TIME, re.compile(r"(?<![\w])(?i:at about|at around|at|around|about)\s+(?:[1-9]|1[0-2])(?![\w:/%-]|[.,]\d)(?P<tail>)"
                      r"(?=\s*(?:[.,;]|$)|\s+(?i:on|that|this|last|tonight|today|yesterday|in the)\b)"), _vague_time),
    (TIME, re.compile(r"(?<![\w])(?i:at|around|about|after|before|until|by|just after|just before)\s+"
                      r"(?P<word>(?i:midnight|midday|noon))(?![\w])"), _midnight),
    # Ages ----------------------------------------------------------------------------------------------
    # "15 years and 9 months old": the years decide the band.
    (AGE, re.compile(r"(?<![\w])(?P<n>" + _NUMBER + r")\s*(?i:years?|yrs?),?\s*(?:(?i:and)\s+)?\d{1,2}\s*"
                     r"(?i:months?|mths?)(?:[\s-]*(?i:old))?(?P<unit>)(?![\w])"), _aged),
    (AGE, re.compile(r"(?<![\w])(?:(?P<det>(?i:a|an|the|his|her|their|my|our|your))\s+)?(?P<n>" + _NUMBER
                     + r")(?:\s*½|[\s-]+(?i:and)[\s-]+(?i:a)[\s-]+(?i:half))?"
                     r"(?:\s*|-)(?P<unit>(?i:years?|yrs?|months?|mths?|weeks?|wks?|days?))(?:\s*|-)(?i:old)"
                     r"(?P<plural>s)?(?P<poss>'s)?(?:\s+(?P<noun>(?i:" + _NOUNS + r"))(?![\w]))?"), _year_old),
    (AGE, re.compile(r"(?<![\w])(?:(?P<det>(?i:a|an|the|his|her|their|my|our|your))\s+)?(?P<n>\d{1,3})[\s-]*"
                     r"(?i:yo|y/o|y-o|y\.o\.?)(?P<unit>)(?P<plural>)(?P<poss>)(?![\w/])(?:\s+(?P<noun>(?i:" + _NOUNS
                     + r"))(?![\w]))?"), _year_old),
    (AGE, re.compile(r"(?<![\w])(?P<kw>(?i:aged?)|(?i:age)s?)\s+(?:(?i:between)\s+(?P<n>" + _NUMBER + r")\s+(?i:and)\s+"
                     r"(?P<n2>" + _NUMBER + r")|(?P<n_>\d{1,3})\s*(?:-|–|to)\s*(?P<n2_>\d{1,3}))(?![\d])"), _aged_between),
    (AGE, re.compile(r"(?<![\w])(?P<kw>(?i:aged?|ages|age:))\s*:?\s*(?:(?i:of)\s+)?(?P<n>" + _NUMBER + r")(?![\d])"
                     r"(?!\s*(?:-|–|to)\s*\d)(?!\s+and\s+over)"
                     r"\+?(?P<more>(?:\s*(?:,|and|&)\s*(?:" + _NUMBER + r")(?![\d])(?!\s*(?:-|–|to)\s*\d))+)?"
                     r"(?:\s*(?P<unit>(?i:years?|yrs?|months?|mths?|weeks?|days?))(?:\s+(?i:old))?)?"
                     r"(?:,?\s*(?:(?i:and)\s+)?\d{1,2}\s*(?i:months?|mths?|weeks?|wks?|days?)(?![\w]))?"
                     r"(?:\s*½|\s+(?i:and a half))?"), _aged),
    (AGE, re.compile(r"(?<![\w])(?P<n>" + _NUMBER + r")\s+(?P<unit>(?i:years?|months?))\s+(?i:of age)"), _aged),
    # "a girl of 15", "a man of 70 years".
    (AGE, re.compile(r"(?<![\w])(?P<noun>(?i:" + _NOUNS + r"))\s+(?i:of)\s+(?P<n>" + _NUMBER + r")"
                     r"(?:\s*(?P<unit>(?i:years?|yrs?|months?|weeks?)))?(?![\w]|[.,]\d)(?!\s*(?:%|(?i:minutes|hours|days|"
                     r"weeks|months|years|people|children|workers|referrals|cases|families|staff|them|us)\b))"), _noun_of_age),
    # "Grandad (79)", "[PERSON 1] (7)", "Jo (7)": a number in brackets after a person or a name.
    (AGE, re.compile(r"(?P<who>" + _PLACEHOLDER + r"|(?<![\w])(?:(?i:" + _NOUNS + r")|[A-Z][a-z]+))"
                     r"\s*\((?P<n>\d{1,3})" + _AGE_UNIT + r"\)"), _after_person),
    (AGE, re.compile(r"(?P<who>" + _PLACEHOLDER + r"|(?<![\w])(?:(?i:" + _NOUNS + r")|[A-Z][a-z]*))(?P<comma>,)\s*"
                     r"(?P<n>\d{1,3})" + _AGE_UNIT + r"(?=\s*[,;)])"), _after_person),
    (AGE, re.compile(r"(?P<who>" + _PLACEHOLDER + r"|(?<![\w])(?i:he|she|they|who|" + _NOUNS + r"))(?:\s+|(?=['’]))"
                     r"(?P<verb>(?i:['’]s|is|was|were|are|turned|turns|had just turned|has just turned|is now|was only|"
                     r"is only|was just|is just))\s+(?P<n>" + _NUMBER + r")"
                     r"(?![\w]|[.,:/]\d)(?!\s*(?:%|-|–|(?i:per|percent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|"
                     r"years?|times|miles|km|metres|meters|pounds|referrals|calls|visits|children|people|cases|"
                     r"of|or|to|out|in a row|on a scale)\b))"), _is_age),
    (AGE, re.compile(r"(?<![\w])(?P<in_>(?i:in)\s+)?Year\s+(?P<y>1[0-3]|[1-9])(?![\d\w])(?!\s*(?:-|–)\s*\d)"),
     _school_year),
)


# A replacement is held as one private-use character until every rule has run, so that no later rule
# reads what an earlier one wrote ("aged 12-15" is not an age to band again).
_TOKEN_BASE = 0xF0000
_BIRTH = re.compile(r"(?i:\bdob|\bd\.o\.b\.?|date of birth|\bborn)\W{0,3}(?:(?i:on|in)\s+)?$")
_TOKEN = re.compile("[\U000F0000-\U000FFFFD]")


def _starts_sentence(match: re.Match) -> bool:
    before = match.string[:match.start()].rstrip()
    return not before or before[-1] in ".!?:;\n("


def generalise(text: str) -> tuple[str, list[Change], list[tuple[int, int]]]:
    """Step 1 alone: the text with its exact dates, ages and times generalised; what changed, in the
    order of the text; and where in the result the generalised words are (for step 2 to leave alone)."""
    written: list[Change] = []

    def hold(kind: str, rule: Callable[[re.Match], str | None]):
        def replace(match: re.Match) -> str:
            if _TOKEN.search(match.group(0)):  # never swallow what an earlier rule wrote
                return match.group(0)
            said = rule(match)
            if said is not None and kind == DATE and _BIRTH.search(match.string, 0, match.start()):
                said = "[DATE OF BIRTH]"  # a month and year of birth, beside a band, still singles a child out
            if said and said[:1].isupper() and not said.startswith(("[", *MONTH_NAMES)) and not _starts_sentence(match):
                said = said[0].lower() + said[1:]  # "Fri 13th" mid-sentence is "that month", not "That month"
            if said is None or said == match.group(0):
                return match.group(0)
            written.append(Change(kind, match.group(0), said))
            return chr(_TOKEN_BASE + len(written) - 1)
        return replace

    held = _TOKEN.sub("", text)  # a stray private-use character cannot pass for one of ours
    for kind, pattern, rule in _RULES:
        held = pattern.sub(hold(kind, rule), held)
    out: list[str] = []
    in_order: list[Change] = []
    where: list[tuple[int, int]] = []
    length = 0
    for piece in re.split(f"({_TOKEN.pattern})", held):
        if _TOKEN.fullmatch(piece or "x"):
            change = written[ord(piece) - _TOKEN_BASE]
            in_order.append(change)
            where.append((length, length + len(change.after)))
            piece = change.after
        out.append(piece)
        length += len(piece)
    return "".join(out), in_order, where


# -- step 2: the engine, every label on ------------------------------------------------------------------

@lru_cache(maxsize=1)
def _deid():
    import deid  # the engine loads Presidio and spaCy: only when first needed, not at start-up

    return deid


def strict_config(config=None, *, deny_terms: Mapping[str, str] | None = None):
    """The organisation's de-identification settings made stricter for sharing: the same case
    patterns and deny terms (plus `deny_terms`, such as the report's own reference), no allow terms,
    and dates as a month."""
    deid = _deid()
    config = config or deid.DeidConfig()
    deny = dict(config.deny_labels)
    deny.update(deny_terms or {})
    return deid.DeidConfig(case_reference_patterns=list(config.case_reference_patterns), allow_terms=frozenset(),
                           deny_terms=deny, date_mode="month_year")


_BANDS = "|".join(re.escape(label) for _low, _high, label in AGE_BANDS)
_BANDED = re.compile(r"(?i:aged)\s+(?:" + _BANDS + r")(?![\d-])")


def _placeholders(text: str) -> list[tuple[int, int]]:
    """Placeholders, and bands already in the text (a reviewer's correction of a cleared copy holds
    the bands an earlier pass wrote): the engine would take the numbers in a band for an age."""
    found = [(m.start(), m.end()) for m in re.finditer(_PLACEHOLDER, text)]
    return found + [(m.start(), m.end()) for m in _BANDED.finditer(text)]


def _inside(span, kept: list[tuple[int, int]]) -> bool:
    return any(span.start < end and start < span.end for start, end in kept)


def shareable_fields(fields: Mapping[str, str], config=None) -> Shareable:
    """The sharing pass over a report's narrative fields, read together (a name found in one field is
    looked for in all), with one numbering so that new placeholders follow the ones already there."""
    deid = _deid()
    engine = deid.Deidentifier(strict_config(config))
    changes: list[tuple[int, int, Change]] = []  # (field, where in the generalised text, what)
    generalised: dict[str, str] = {}
    protected: dict[str, list[tuple[int, int]]] = {}
    for index, (name, text) in enumerate(fields.items()):
        generalised[name], written, where = generalise(text or "")
        changes.extend((index, start, Change(c.kind, c.before, c.after, name))
                       for c, (start, _end) in zip(written, where, strict=True))
        protected[name] = where + _placeholders(generalised[name])
    found = engine.analyse_together({name: text for name, text in generalised.items() if text.strip()})
    numbering = deid.Numbering()
    for text in generalised.values():
        numbering.see_existing(text)
    shared: dict[str, str] = {}
    for index, (name, text) in enumerate(generalised.items()):
        spans = [span for span in found.get(name, []) if not _inside(span, protected[name])]
        out, position = [], 0
        for span in spans:
            alone = engine.redact(text, [span], numbering)  # in its place, so a date of birth is seen as one
            after = alone[span.start:len(alone) - (len(text) - span.end)]
            before = text[span.start:span.end]
            out.append(text[position:span.start])
            out.append(after)
            position = span.end
            if after != before:
                kind = span.label.lower() if span.label in ("DATE", "AGE") else IDENTIFIER
                changes.append((index, span.start, Change(kind, before, after, name)))
        out.append(text[position:])
        shared[name] = "".join(out)
    return Shareable(fields=shared, changes=[change for *_where, change in sorted(changes, key=lambda c: c[:2])])


def shareable_text(text: str, config=None) -> Shareable:
    """The sharing pass over one text (`.text` is the result)."""
    return shareable_fields({"text": text}, config)


# -- service areas ----------------------------------------------------------------------------------------

# The broader area a specialised one is shared as, when it is rare. Children's and adult social care,
# and "other", are broad already and never generalised. Mental health goes to "other", not to adults,
# because it covers children's services (CAMHS) too.
BROADER_AREA: dict[str, str] = {
    "early_help": "children",
    "fostering_adoption": "children",
    "residential": "children",
    "leaving_care": "children",
    "mental_health": "other",
}


def generalise_service_area(area: str, cleared: Mapping[str, int], *, k: int) -> tuple[str, Change | None]:
    """A specialised service area is shared as it is only when at least `k` of the organisation's
    cleared reports (counting this one) have it; otherwise as its broader area. Rare by definition:
    every specialised area starts out generalised, until k reports share it."""
    broader = BROADER_AREA.get(area)
    if broader is None or cleared.get(area, 0) >= k:
        return area, None
    return broader, Change(SERVICE_AREA, area, broader)
