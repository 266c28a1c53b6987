"""Numbers that only their surroundings identify: a bare phone number in a contact line, a postal
number on its own line in an address block.

A run of six or seven digits ("4 282235", "353 7338") is more often a count, an amount or a reference
than a phone number, so the phone rules in :mod:`deid.recognizers.phone` leave it alone. People
still write phone numbers that way, and the text around them says so:

- a phone word or a short contact label just before it ("her number is 353 7338", "M: 502613917");
- a field of its own in a contact line, next to another phone number or an e-mail address
  ("H. Hirsi,4 282235,hawa@example.com", "Linda Celma - 62215051"), or the end of a line in a list
  whose lines around it hold phone numbers or e-mail addresses ("Uncle Jan 570419675");
- a line of its own at the end of an address block ("Mokra 121\\n99-856 Piaseczno\\n012198966").

An address written one part a line ("Viale Scotto 116\\n31497\\nTergu") has its postal number and
town on the lines after the street: the number is a postcode and the word line a town.

These rules run after the other recognisers, on the spans they found (``find(text, spans)``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import phonenumbers

from deid.lexicons import NOT_NAME, is_ordinary
from deid.recognizers import phone
from deid.types import Span

# A number written any way: an optional + or (, then 6 to 15 digits with single spaces, dots,
# hyphens or brackets between them. Not part of a word, an amount, a decimal or a slashed date.
_NUMBER = re.compile(r"(?<![\w+./:£$€¥₹#-])(?:\+|\(\+?)?\d(?:[ .\-()]{0,2}\d){5,14}\)?(?![\w/%£$€]|[.,:-]\d)")
_DATE_LIKE = re.compile(r"^\(?\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\)?$|^\(?\d{4}[./-]\d{2}[./-]\d{2}")
_CLOCK = re.compile(r"^\d{1,2}[.:]\d{2}(?:[.:]\d{2})?$")
# An amount: a currency next to it ("£ 1 500 000", "1500000 PLN", "250000 zł") or thousands groups
# followed by a unit word.
_CURRENCY_BEFORE = re.compile(r"(?:[£$€¥₹]|\b(?:gbp|usd|eur|pln|ron|inr|pkr|ngn|rs|kr|chf))\s*$", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"\s*(?:[£$€¥₹%]|(?:gbp|usd|eur|pln|ron|inr|pkr|ngn|zł|zl|lei|pounds?|euros?|dollars?|"
                         r"people|times|miles|km|kg|mg|ml|steps|words|views|followers|units?|items?|calls)\b)",
                         re.IGNORECASE)
# Words that say a number is a phone number, or short labels of a contact line ("T:", "Mob.", "ph").
_PHONE_LABEL = re.compile(
    r"(?:\b(?:phone|phoned|tel|telephone|tele|mob|mobile|cell|cellphone|landline|number|no|num|nr|numero|número|"
    r"nummer|numer|telefon|telefonu|teléfono|telefone|telefono|call|called|calling|ring|rang|rung|dial|dialled|"
    r"reached|text|texted|txt|sms|whatsapp|viber|contact)\b\W*(?:[^\W\d]+\W+){0,2}"
    r"|(?<![\w])(?:(?-i:[TMHWPF])|ph|tel|mob|cell|fax)\s*[:.]\s*|(?<![\w])ph\s+)$",
    re.IGNORECASE,
)
# Words right after a number that say it was a phone number ("- 508528819 - happy for txt", "ph ... - no ans").
_PHONE_AFTER = re.compile(r"[ \t]*[-–,;(]?[ \t]*(?:happy[ \t]+(?:for|to)[ \t]+)?(?:txt|text|texts|call|calls|ring|whatsapp|"
                          r"mobile|mob|landline|voicemail|vm|no[ \t]+ans(?:wer)?)\b", re.IGNORECASE)
# "the number of", "no of": a count follows, not a phone number.
# "ring me on 4 341732": "on" right before a number that ends the clause.
_ON_BEFORE = re.compile(r"\bon[ \t]+$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[ \t]*(?:$|\n|[.,;!?)]|(?:and|or|if|to|for|but|after|before|from|asap|pls|please)\b)",
                         re.IGNORECASE)
_COUNT_WORDS = re.compile(r"\b(?:number|no|num)\.?\s+of\b[^\n]{0,25}$|\bon\s+(?:page|p\.|line|day|week|ward)\b\W*$",
                          re.IGNORECASE)
# Where a field of a contact line starts or ends: the line's edge, a comma, semicolon, pipe, tab,
# colon, slash or a free-standing dash.
_FIELD_BEFORE = re.compile(r"(?:^|[,;|\t:/)]|\s[-–—]|\()[ \t]*$")
_FIELD_AFTER = re.compile(r"[ \t]*(?:$|[,;|\t/)]|[-–—]\s|\n)")
_CONTACT_LABELS = {"PHONE", "EMAIL"}
_DIGIT_GROUPS = re.compile(r"\d+(?:[ -]\d+)*")
_FROM_BEFORE = re.compile(r"\bfrom[ \t]*$", re.IGNORECASE)
# A line of prose, not a contact's name, ends with one of these before a number ("stand at 1250000").
_FUNCTION_WORDS = {"at", "of", "to", "is", "was", "are", "were", "be", "by", "for", "about", "around", "with", "from",
                   "than", "over", "under", "only", "nearly", "almost", "and", "or", "the", "a", "total", "owes", "paid"}
_BLOCK_LABELS = {"ADDRESS", "POSTCODE", "LOCATION"}
_SPAN_LABELS_BLOCKING = {"PHONE", "EMAIL", "URL", "IBAN", "CARD", "NHS_NUMBER", "NI_NUMBER", "IP_ADDRESS", "DATE",
                         "POSTCODE", "NATIONAL_ID", "BANK_ACCOUNT", "CASE_REFERENCE", "CRYPTO_WALLET", "ADDRESS"}
_WINDOW = 80

# A postal number alone on its line: all-digit (4 to 6 digits: "31497", "400123", "1012") or with a
# dash or letters ("99-856", "1887-576", "1012 AB"). A four-digit year is not one.
_POSTAL_LINE = re.compile(r"[ \t]*,?[ \t]*(\d{5,6}|\d{2,4}-\d{3}|\d{4}[ \t]?[A-Z]{2}|(?!(?:19|20)\d\d\b)\d{4})[ \t]*,?[ \t]*$")
_TOWN_LINE = re.compile(r"[ \t]*((?:[A-ZÀ-ÖØ-Þ][\w'’.-]*)(?:[ \t-]+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|upon|on|le|de|la|sur|am|an|"
                        r"der|di|del))*)(?:[ \t]*,?[ \t]*$|(?=[ \t]+[a-z]|[.;:]))")


def _valid_somewhere(raw: str) -> bool:
    """Valid in some country's numbering plan: a loose check, the context does the real work."""
    if raw.startswith("+") or raw.startswith("(+"):
        try:
            return phonenumbers.is_possible_number(phonenumbers.parse(raw, None))
        except phonenumbers.NumberParseException:
            return False
    return phone.valid_in_some_region(re.sub(r"\D", "", raw), _REGIONS)


_REGIONS = tuple(sorted(phonenumbers.SUPPORTED_REGIONS))


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return lo, len(text) if hi < 0 else hi


def _is_amount_or_time(text: str, start: int, end: int, raw: str) -> bool:
    if _DATE_LIKE.match(raw) or _CLOCK.match(raw):
        return True
    if _CURRENCY_BEFORE.search(text[max(0, start - 6):start]) or _UNIT_AFTER.match(text, end):
        return True
    compact = re.sub(r"\D", "", raw)
    # A date written without separators (18122020, 20201218) or a year range (2019-2020).
    if len(compact) == 8 and (_plausible_date(compact[:2], compact[2:4], compact[4:])
                              or _plausible_date(compact[6:], compact[4:6], compact[:4])):
        return True
    return bool(re.fullmatch(r"(?:19|20)\d\d\s?[-–/]\s?(?:19|20)?\d\d", raw))


def _plausible_date(day: str, month: str, year: str) -> bool:
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12 and 1900 <= int(year) <= 2100


class _Spans:
    """The other recognisers' spans, sorted, so that each number looks only at those around it: in a
    long paste, scanning them all for every number was quadratic (minutes for a megabyte)."""

    def __init__(self, spans: Sequence[Span]):
        self.spans = sorted(spans)
        self.starts = [s.start for s in self.spans]
        self.longest = max((s.end - s.start for s in self.spans), default=0)

    def starting_in(self, lo: int, hi: int) -> list[Span]:
        return self.spans[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]

    def touching(self, lo: int, hi: int) -> list[Span]:
        """Every span that overlaps [lo - 1, hi] or starts in it (and a few that end before)."""
        return self.starting_in(lo - self.longest - 1, hi + 1)


def _overlaps(spans: _Spans, start: int, end: int, labels: set[str]) -> bool:
    return any(s.start < end and start < s.end and s.label in labels for s in spans.touching(start, end))


def _near(spans: _Spans, start: int, end: int, labels: set[str], window: int = _WINDOW) -> bool:
    return any(s.label in labels and s.end > start - window and s.start < end + window
               and not (s.start < end and start < s.end) for s in spans.touching(start - window, end + window))


def _block_line_before(text: str, spans: _Spans, line_start: int) -> bool:
    """The line before the one at `line_start` ends with an address part (street, postcode, town)."""
    if line_start < 2:
        return False
    lo, hi = _line_bounds(text, line_start - 2)
    return any(s.label in _BLOCK_LABELS and not text[s.end:hi].strip(" \t,") for s in spans.starting_in(lo, hi))


def _neighbour_line_has(text: str, spans: _Spans, line_lo: int, line_hi: int, labels: set[str]) -> bool:
    prev_lo = text.rfind("\n", 0, max(0, line_lo - 1)) + 1 if line_lo > 0 else line_lo
    next_hi = text.find("\n", line_hi + 1)
    next_hi = len(text) if next_hi < 0 else next_hi
    return any(s.label in labels and (prev_lo <= s.start < line_lo or line_hi < s.start < next_hi)
               for s in spans.starting_in(prev_lo, next_hi))


def phones(text: str, found: Sequence[Span]) -> list[Span]:
    spans = _Spans(found)
    out: list[Span] = []
    for m in _NUMBER.finditer(text):
        start, end, raw = m.start(), m.end(), m.group(0)
        if raw.startswith("(") and raw.endswith(")") and raw.count("(") == raw.count(")") == 1:
            start, end, raw = start + 1, end - 1, raw[1:-1]  # "(16-771-75-50)": the brackets are not the number
        if raw.startswith("(") and ")" not in raw:
            start, raw = start + 1, raw[1:]
        if raw.endswith(")") and "(" not in raw:
            end, raw = end - 1, raw[:-1]
        ndigits = sum(c.isdigit() for c in raw)
        if ndigits < 6 or _overlaps(spans, start, end, _SPAN_LABELS_BLOCKING):
            continue
        if _is_amount_or_time(text, start, end, raw):
            continue
        before = text[max(0, start - 40):start]
        line_lo, line_hi = _line_bounds(text, start)
        last_line = before.split("\n")[-1]
        labelled = (_PHONE_LABEL.search(last_line) is not None
                    or (_ON_BEFORE.search(last_line) is not None and _CLAUSE_END.match(text, end) is not None)
                    ) and not _COUNT_WORDS.search(before)
        field_before = _FIELD_BEFORE.search(text[line_lo:start]) is not None
        field = field_before and _FIELD_AFTER.match(text, end) is not None
        alone = not text[line_lo:start].strip() and not text[end:line_hi].strip(" \t,;")
        in_contacts = field and _near(spans, start, end, _CONTACT_LABELS)
        # A list of contacts, one a line: the number ends its line ("Uncle Jan 570419675") and the line
        # before or after holds a phone number or an e-mail address too.
        ends_line = not text[end:line_hi].strip(" \t,;.")
        lead = text[line_lo:start].split()
        in_list = (ends_line and ndigits >= 7 and len(lead) <= 4 and (not lead or lead[-1].lower() not in _FUNCTION_WORDS)
                   and _neighbour_line_has(text, spans, line_lo, line_hi, _CONTACT_LABELS))
        in_block = alone and ndigits >= 7 and _block_line_before(text, spans, line_lo)
        # "Dominik BOKSA (16-771-75-50)": a number in brackets right after a person's name.
        after_name = (raw == text[start:end] and text[start - 1:start] == "(" and text[end:end + 1] == ")"
                      and ndigits >= 7 and any(s.label == "PERSON" and 0 <= start - 1 - s.end <= 1
                                                  for s in spans.touching(start - 2, start)))
        said_after = field_before and _PHONE_AFTER.match(text, end) is not None and _CLAUSE_END.match(text, end) is None
        # Nine digits or more, bare or in groups ("from 185579069", "380 319 3563"): too long for a count
        # or a house number, and amounts and dates are already left out above.
        # A row of small numbers ("18 13 3 2 52 14 42", a results table) is none: at most six groups, one of
        # them a single digit ("1 800 555 0199").
        groups = re.split(r"[ -]", raw)
        long_number = (ndigits >= 9 and _DIGIT_GROUPS.fullmatch(raw) is not None and len(groups) <= 6
                       and sum(len(g) == 1 for g in groups) <= 1)
        # A text message's header: "From 353 4401: u can email me".
        sender = text.startswith(":", end) and _FROM_BEFORE.search(last_line) is not None
        labelled = labelled or sender
        if not (labelled or in_contacts or in_list or in_block or after_name or said_after or long_number):
            continue
        # After a phone word, nine digits or more are a phone number even if no numbering plan has it.
        if _valid_somewhere(raw) or (labelled and long_number):
            out.append(Span(start, end, "PHONE", 0.7, "phone_context"))
    return out


# A line that ends with a house number ("Esilapad 95", "Natalio Sala, 15"): a street line when the
# lines after it are a postal number and a town, even if no street rule knew its street word.
# A line ending in a house number, perhaps with a floor and door after it ("Vial Maite Doménech, 146, 3º D",
# "… was found at C. Salud Solé 11, 5º B"): the street is the last one to four words before the number.
_NUMBERED_LINE = re.compile(r"(?m)(?:^|(?<=[ \t]))([^\W\d_][\w'’.-]{1,}(?:[ \t]+[\w'’.-]+){0,3}),?[ \t]+\d{1,4}[A-Za-z]?"
                            r"(?:,?[ \t]*\d{1,2}[ºª°][ \t]*[A-Za-z]{0,4}\.?)?[ \t]*$")


# The house number and floor alone, on the line after a street name that ends with a comma (a form
# that wraps: "Alameda Augusto Monjardino,\n189, 1º Esq.\n5167-430\nReguengos de Monsaraz.").
_NUMBER_LINE = re.compile(r"(?m)(?<=,\n)[ \t]*(\d{1,4}[A-Za-z]?(?:,?[ \t]*\d{1,2}[ºª°][ \t]*[A-Za-z]{0,4}\.?)?)[ \t]*$")


def _unknown_street_lines(text: str, spans: Sequence[Span]) -> list[Span]:
    if "\n" not in text:
        return []
    taken = _Spans(spans)
    out = [Span(m.start(1), m.end(1), "ADDRESS", 0.6, "address_block_line") for m in _NUMBER_LINE.finditer(text)
           if not _overlaps(taken, m.start(1), m.end(1), {"ADDRESS", "PHONE", "DATE", "POSTCODE"})]
    for m in _NUMBERED_LINE.finditer(text):
        # "at C. Salud Solé 11": the street starts after the last lower-case word.
        lower = list(re.finditer(r"(?<![\w'’.-])[a-z][\w'’-]*[ \t]+", m.group(1)))
        start = m.start(1) + (lower[-1].end() if lower else 0)
        if not _overlaps(taken, start, m.end(), {"ADDRESS", "PHONE", "DATE", "POSTCODE"}):
            out.append(Span(start, m.end(), "ADDRESS", 0.6, "address_block_line"))
    return out


# The rest of a street's name after its street word, to the end of the line ("boulevard [de Lecoq]",
# "Calle [del Sol]", "rue [Victor Hugo]").
_STREET_NAME_GOES_ON = re.compile(
    r"[ \t]+(?:(?:de|du|des|la|le|les|del|della|di|da|do|dos|das|van|von|der|den|el|al)[ \t]+){0,2}"
    r"[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,3}[ \t,]*")


def address_blocks(text: str, spans: Sequence[Span]) -> list[Span]:
    """The postal number and town of an address written one part a line, after its street line. A line
    no street rule knew counts as a street when both follow it; it is then an address too."""
    out: list[Span] = []
    for s in [*spans, *_unknown_street_lines(text, spans)]:
        if s.label != "ADDRESS":
            continue
        line_end = text.find("\n", s.end)
        if line_end < 0:
            continue
        rest = text[s.end:line_end]
        if rest.strip(" \t,") and not _STREET_NAME_GOES_ON.fullmatch(rest):
            continue
        found: list[Span] = []
        if rest.strip(" \t,"):  # "2\nbis boulevard de Lecoq": the street's name ends the line
            found.append(Span(s.start, s.end + len(rest.rstrip(" \t,")), "ADDRESS", s.score, s.source))
        town: Span | None = None
        pos = line_end + 1
        for _ in range(2):  # the postal number and the town, in either order
            hi = text.find("\n", pos)
            hi = len(text) if hi < 0 else hi
            line = text[pos:hi]
            postal = _POSTAL_LINE.fullmatch(line)
            if postal and not any(x.label == "POSTCODE" for x in found):
                found.append(Span(pos + postal.start(1), pos + postal.end(1), "POSTCODE", 0.8, "postcode_block"))
            else:
                t = _TOWN_LINE.match(line)
                # The town ends with its sentence ("Ossenzijl. We had a visit").
                name = re.split(r"\.(?=[ \t])", t.group(1))[0].rstrip(".") if t else ""
                if not t or town is not None or any(w.lower() in NOT_NAME for w in re.split(r"[ \t-]+", name) if w[:1].isupper()):
                    break
                town = Span(pos + t.start(1), pos + t.start(1) + len(name), "LOCATION", 0.75, "location_block")
            pos = hi + 1
            if pos > len(text):
                break
        if s.source == "address_block_line":  # unconfirmed: it needs both, and a town that is no English word
            if not found or town is None or is_ordinary(text[town.start:town.end]):
                continue
            found.append(s)
        if found:
            out.extend(found)
            if town is not None:
                out.append(town)
    return out


def find(text: str, spans: Sequence[Span]) -> list[Span]:
    blocks = address_blocks(text, spans)
    return blocks + phones(text, [*spans, *blocks])
