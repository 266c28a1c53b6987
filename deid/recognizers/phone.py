"""Phone numbers.

- UK landlines and mobiles by our own rule: 07xxx xxxxxx, 01xxx / 02x / 03xx, +44 and +44 (0) forms,
  (020) ..., spaces or hyphens anywhere.
- Every other country's through the `phonenumbers` library (Google's libphonenumber metadata):
  its matcher, with GB as the default region, finds any number written in international form
  (+370 37 750682, 0048 22 123 45 67) and UK numbers in dotted or other spellings; numbers written
  the national way of another country ("(207) 558-8390", "622 07 28 75") are kept when they are a
  valid number of one of the countries most of Good Catch's families come from.
"""

from __future__ import annotations

import bisect
import functools
import re

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from deid.types import Span

_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9_+])(?:(?:\+|00)\s?44[\s-]?(?:\(0\)[\s-]?)?|\(0|0)\d(?:[\s-]?\)?[\s-]?\d){7,11}(?![A-Za-z0-9_])"
)
_GROUP_SPLIT = re.compile(r"[\s-]+")

# Something that may be a phone number written any way: an optional +/00 prefix, then 7 to 15 digits
# with single spaces, dots, hyphens or brackets between them (not slashes: those are dates and
# references).
# Letters of other scripts may touch a number ("电话+44.7796.402215"): only Latin letters and digits
# around it make it part of a word.
_ANY_NUMBER = re.compile(r"(?<![A-Za-z0-9_+./-])(?:\+|\(\+?)?\d(?:[ .\-()]{0,2}\d){6,16}\)?(?![A-Za-z0-9_/]|[.-]\d)")
# Countries whose national spelling we accept without a +: the UK's neighbours and the countries
# most families in UK social care were born in (ONS), plus North America.
REGIONS = ("US", "IE", "PL", "RO", "IN", "PK", "NG", "LT", "PT", "IT", "ES", "FR", "DE", "NL", "BE", "BG",
           "LV", "SO", "BD", "CN", "ZA", "GH", "ZW", "PH", "AU", "TR", "UA", "RU", "MX", "BR", "SK", "CZ",
           "HU", "GR", "AT", "CH", "SE", "DK")
_DATE_LIKE = re.compile(r"^\(?\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\)?$|^\(?\d{4}[./-]\d{2}[./-]\d{2}"
                        r"|^(?:19|20)\d\d ?[-/] ?(?:19|20)\d\d$")  # a year range, "2019-2020"


def _national(digits: str, raw: str) -> str | None:
    if raw.startswith("+") or raw.startswith("00"):
        digits = digits[2:] if raw.startswith("+") else digits[4:]
        if digits.startswith("0"):
            digits = digits[1:]
    elif digits.startswith("0"):
        digits = digits[1:]
    else:
        return None
    return digits


def is_plausible_uk_number(raw: str) -> bool:
    nsn = _national(re.sub(r"\D", "", raw), raw.strip())
    if not nsn or nsn[0] not in "123578":  # "+44" or "0" alone has no national number
        return False
    if nsn[0] == "7":
        return len(nsn) == 10
    return len(nsn) in (9, 10)


def find_uk(text: str) -> list[Span]:
    spans = []
    for m in _CANDIDATE.finditer(text):
        raw = m.group(0)
        start, end = m.start(), m.end()
        # The greedy match can swallow a following number group: drop groups from the right.
        while raw and not is_plausible_uk_number(raw):
            parts = list(_GROUP_SPLIT.finditer(raw))
            if not parts:
                raw = ""
                break
            raw = raw[: parts[-1].start()]
        if not raw:
            continue
        end = start + len(raw)
        if raw.startswith("(") and ")" not in raw:
            start += 1
        spans.append(Span(start, end, "PHONE", 1.0, "phone"))
    return spans


def find_international(text: str) -> list[Span]:
    """Numbers of any country: libphonenumber's matcher (GB default) and, for a number written the
    national way of another country, a check that it is valid there."""
    if sum(c.isdigit() for c in text) < 7:
        return []
    candidates = list(_ANY_NUMBER.finditer(text))
    if not candidates:
        return []
    spans = []
    covered: list[tuple[int, int]] = []
    # The matcher is slow on long text: run it on the stretches around candidate numbers only.
    for lo, hi in _windows([(m.start(), m.end()) for m in candidates], len(text)):
        for pm in PhoneNumberMatcher(text[lo:hi], "GB", leniency=Leniency.VALID):
            spans.append(Span(lo + pm.start, lo + pm.end, "PHONE", 0.9, "phone_intl"))
            covered.append((lo + pm.start, lo + pm.end))
    covered.sort()
    covered_starts = [b for b, _ in covered]
    for m in candidates:
        i = bisect.bisect_right(covered_starts, m.start()) - 1  # matches never overlap: the last one before
        if i >= 0 and m.start() < covered[i][1]:
            continue
        raw = m.group(0)
        if sum(c.isdigit() for c in raw) < 8:  # seven-digit local numbers are too like everything else
            continue
        if _DATE_LIKE.match(raw) or not _looks_spelled_as_phone(raw, text[max(0, m.start() - 30):m.start()]):
            continue
        if valid_in_some_region(raw):
            start = m.start() + (1 if raw.startswith("(") and ")" not in raw else 0)
            spans.append(Span(start, m.end(), "PHONE", 0.8, "phone_national"))
    return spans


def _windows(ranges: list[tuple[int, int]], n: int, margin: int = 12) -> list[tuple[int, int]]:
    """Candidate ranges widened by `margin` (room for a "+" or "(0)" the candidate left out), merged
    where they touch."""
    out: list[list[int]] = []
    for s, e in ranges:
        lo, hi = max(0, s - margin), min(n, e + margin)
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def _looks_spelled_as_phone(raw: str, before: str = "") -> bool:
    """A bare run of digits is more often an account or reference number: a number written the
    national way is only a phone number when it has groups, a bracketed area code or a +, or
    when the words just before it say it is one ("mi numero es 669529110")."""
    if raw.startswith(("+", "(")) or re.search(r"\d[ .\-()]+\d", raw):
        return True
    if raw.startswith("0") and 10 <= len(raw) <= 11:  # a mobile typed without spaces (0799330003)
        return True
    return _PHONE_WORDS.search(before) is not None


_PHONE_WORDS = re.compile(
    r"\b(?:phone|tel|telephone|mob|mobile|cell|number|no|num|numero|número|nummer|numer|telefon|teléfono|"
    r"telefone|call|called|calling|ring|rang|rung|dial|dialled|reached|text|txt|sms|whatsapp|contact)\b\W*"
    r"(?:\w+\W+){0,2}$", re.IGNORECASE)


@functools.lru_cache(maxsize=8192)
def valid_in_some_region(number: str, regions: tuple[str, ...] = REGIONS) -> bool:
    """A valid number of one of `regions`, read the national way. Cached: each region costs a parse
    (about 0.1 ms), and a long paste repeats its numbers."""
    for region in regions:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return True
    return False


# Numbers shaped like a phone number that no numbering plan has (invented, mistyped, or a range not yet
# issued): a + or 00 and digit groups ("+54 15 2932 1468", "+389(0)97 369 935"), or North America's
# 3-3-4 with its separators ("(399)935-6327", "556.904.8063", "1-356-327-2951"). The shape says phone
# number; the plan only says whether it can be dialled, and a reporter's typo is still somebody's number.
_EXTENSION_WORDS = r"[ \t]?(?:[xX]|[eE]xt\.?|[eE]xtn\.?|[eE]xtension)[ \t]?\d{1,6}"
_EXT = f"(?:{_EXTENSION_WORDS})?"
_INTL_SHAPE = re.compile(r"(?<![\w+./-])(?:\(\+\d{1,3}\)|(?:\+|00)\d{1,3})(?:[ .\-]?\(\d{1,5}\)|[ .\-/]?\d{1,6}){1,7}" + _EXT
                         + r"(?![\w/]|[.-]\d)")
_NANP_SHAPE = re.compile(r"(?<![\w+./-])(?:(?:\+?1|001)[ .\-])?(?:\(\d{3}\)[ .\-]?|\d{3}[.\-])\d{3}[.\-]\d{4}" + _EXT
                         + r"(?![\w/]|[.-]\d)")
# An extension after a number ("956-048-0635 x817", "020 7946 0958 ext 214") belongs to it.
_EXTENSION = re.compile(_EXTENSION_WORDS + r"(?![\w/])")


def _overlapping(starts: list[int], ends: list[int], start: int, end: int) -> range:
    """Indexes of the spans that overlap [start, end), in a list of spans that never overlap each other
    (sorted by start, so by end too): a bisect, not a scan, for a pasted list of thousands of numbers."""
    return range(bisect.bisect_right(ends, start), bisect.bisect_left(starts, end))


def _shaped(pattern: re.Pattern[str], text: str) -> list[Span]:
    spans = []
    for m in pattern.finditer(text):
        number = _EXTENSION.split(m.group(0))[0]
        if 8 <= sum(c.isdigit() for c in number) <= 15 and not _DATE_LIKE.match(number):
            spans.append(Span(m.start(), m.end(), "PHONE", 0.6, "phone_shape"))
    return spans


def find_shaped(text: str) -> list[Span]:
    spans = _shaped(_INTL_SHAPE, text)
    starts, ends = [s.start for s in spans], [s.end for s in spans]
    # "001-714-868-8197" has both shapes: the first is kept.
    spans += [s for s in _shaped(_NANP_SHAPE, text) if not _overlapping(starts, ends, s.start, s.end)]
    return sorted(spans)


def _with_extension(text: str, span: Span) -> Span:
    m = _EXTENSION.match(text, span.end)
    return span._replace(end=m.end()) if m else span


def find(text: str) -> list[Span]:
    """All three rules; where they overlap, the longer reading ("+39 02 1234 5678", not "02 1234 5678"),
    a number a plan knows before one only shaped like it; an extension after a number is part of it."""
    kept: list[Span] = []
    for span in sorted(find_uk(text) + find_international(text), key=lambda s: (s.start - s.end, s.start)):
        if not any(span.start < k.end and k.start < span.end for k in kept):
            kept.append(span)
    kept.sort()
    starts, ends = [k.start for k in kept], [k.end for k in kept]
    dropped: set[int] = set()
    for span in find_shaped(text):
        inside = _overlapping(starts, ends, span.start, span.end)
        # The shape may hold what the plan's reading left out before it: "+359(0)727 255 358".
        if inside and not (span.start < starts[inside[0]] and span.end == ends[inside[-1]]
                           and not dropped.intersection(inside)):
            continue
        dropped.update(inside)
        kept.append(span)
    return sorted(_with_extension(text, s) for i, s in enumerate(kept) if i not in dropped)
