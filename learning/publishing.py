"""The publish-time gate: what a bulletin must pass before every member of staff can read it.

One function, `check_text`, is used by publishing (through `learning.bulletins.check`) and by
`manage.py check_publishable`, so the command answers exactly as publishing would. It runs the
project's de-identification engine, with the organisation's learned terms when there is one, and
reports every identifier it still finds. Placeholders are not identifiers: the engine's own
("[PERSON 1]", "[DATE]") and the usual hand redactions ("[redacted]", "[Child A]", "XXXX",
"<name>"). Nor is a month or a year alone: the engine keeps "March 2024" in the de-identified
narratives staff already read, so text the engine itself produced passes the gate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

CONTEXT_CHARS = 40  # how much text either side of a finding the gate shows

# Words a hand redaction is made of: the engine's labels and what people write in their place.
_PLACEHOLDER_WORDS = frozenset("""
    address adult age anon anonymised anonymized carer case child colleague client contact date day details
    dob doctor email family father first gp home initials location manager member mother mum dad name names
    nhs number nurse officer org organisation organization parent partner patient person phone place postcode
    pupil redacted ref reference relative removed resident school service sibling social staff student
    surname telephone town user victim withheld worker young yp su sw of birth the and or
""".split()) | frozenset(label.lower() for label in
                          ("PERSON", "ADDRESS", "LOCATION", "POSTCODE", "DATE", "AGE", "PHONE", "EMAIL", "NHS_NUMBER",
                           "NI_NUMBER", "CASE_REFERENCE", "ORGANISATION", "CARD", "IBAN", "BANK_ACCOUNT", "IP_ADDRESS",
                           "URL", "NATIONAL_ID", "CRYPTO_WALLET", "ID_NUMBER", "USERNAME"))
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,60})\]|<([^<>\n]{1,60})>|\{([^{}\n]{1,60})\}")
# Masks typed over a word: XXXX, ZZZ (aviation's style), ***, a block of █ or underscores.
_MASKS = re.compile(r"(?<!\w)(?:[Xx]{3,}|Z{3,}|\*{2,}|█+|_{3,})(?!\w)")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_YEAR = r"(?:19|20)\d\d"
# A month, a season or a year, with nothing finer: the engine keeps these (date_mode "month_year").
_GENERIC_DATE = re.compile(rf"(?:(?:early|mid|late)[\s-]+)?(?:(?:{_MONTH}|{_SEASON})(?:,?\s+(?:of\s+)?{_YEAR})?|{_YEAR})",
                           re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """An identifier still in the text: `text[start:end]`, its label, and the words around it with
    every identifier among them masked, so the finding can be shown without showing the identifier."""

    label: str
    start: int
    end: int
    context: str

    def __str__(self) -> str:
        return f"{self.label} at {self.start}-{self.end}: {self.context}"


@lru_cache(maxsize=1)
def _deid():
    import deid  # Presidio and spaCy load only when the gate first runs

    return deid


def _config(organisation_id: int | None):
    if organisation_id is None:
        return _deid().DeidConfig()
    from protection.redaction import deid_config

    return deid_config(organisation_id)


def _is_placeholder_words(inside: str) -> bool:
    words = re.findall(r"[^\W\d_]+|\d+", inside.replace("_", " "))
    if not words or len(words) > 6:
        return False
    first = words[0].lower()
    if first not in _PLACEHOLDER_WORDS:
        return False
    # The rest: placeholder words, a letter or a number ("Child A", "PERSON 2", "Worker 3"), or "'s".
    return all(w.lower() in _PLACEHOLDER_WORDS or w.isdigit() or len(w) == 1 for w in words[1:])


def placeholders(text: str) -> list[tuple[int, int]]:
    """Where the text holds a placeholder or a mask rather than words about a person."""
    found = [(m.start(), m.end()) for m in _MASKS.finditer(text)]
    for m in _BRACKETED.finditer(text):
        inside = next(group for group in m.groups() if group is not None)
        if _is_placeholder_words(inside):
            found.append((m.start(), m.end()))
    return sorted(found)


def _generic_date(surface: str) -> bool:
    return _GENERIC_DATE.fullmatch(surface.strip(" ,.")) is not None


def _blocks(text: str, span, kept: list[tuple[int, int]]) -> bool:
    if any(b <= span.start and span.end <= e for b, e in kept):
        return False
    # A month, season or year alone names no one, whatever the engine took it for ("spring 2024" is
    # sometimes read as a street and a house number); a date of birth always blocks.
    if span.source != "dob" and _generic_date(text[span.start:span.end]):
        return False
    return True


def _context(text: str, spans: list, start: int, end: int) -> str:
    """The words around text[start:end], whole words where near, every identifier among them shown
    as its label (the finding's own too)."""
    begin, stop = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    for _ in range(20):  # widen to a word boundary, a little at most
        if begin == 0 or text[begin - 1].isspace():
            break
        begin -= 1
    for _ in range(20):
        if stop == len(text) or text[stop].isspace():
            break
        stop += 1
    pieces, cursor = [], begin
    for span in spans:
        if span.end <= begin or span.start >= stop:
            continue
        pieces.append(text[cursor:max(cursor, span.start)])
        pieces.append(f"[{span.label}]")
        cursor = max(cursor, span.end)
    pieces.append(text[cursor:max(cursor, stop)])
    shown = " ".join("".join(pieces).split())
    return ("…" if begin > 0 else "") + shown + ("…" if stop < len(text) else "")


def check_text(text: str, *, organisation_id: int | None = None) -> list[Finding]:
    """The identifiers `text` still holds, first to last: empty when it may be published.

    With an organisation, the engine runs with its settings and the terms its reviewers taught
    (words always redacted there are found here too). Raises whatever the engine raises when it
    cannot run: a gate that fails must stop publishing, never wave it through.
    """
    if not text.strip():
        return []
    engine = _deid().Deidentifier(_config(organisation_id))
    spans = engine.analyse(text)
    kept = placeholders(text)
    blocking = [s for s in spans if _blocks(text, s, kept)]
    return [Finding(s.label, s.start, s.end, _context(text, blocking, s.start, s.end)) for s in blocking]


# Stated counts of reports under the suppression threshold, in a bulletin's own words ("3 reports").
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_STATED_COUNT = re.compile(
    r"(?<![\w.,])(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")\s+(?:[\w-]+\s+){0,2}?"
    r"(reports?|near[\s-]misses|near[\s-]miss|incidents?|concerns?|referrals?|errors?)\b", re.IGNORECASE)


def small_counts(text: str, *, k: int | None = None) -> list[Finding]:
    """Counts of reports stated in the text that small-number suppression would hide ("2 reports").
    A bulletin goes to every member of staff: a count under the threshold can point at a reporter."""
    from protection import suppression

    found = []
    for m in _STATED_COUNT.finditer(text):
        raw = m.group(1).lower()
        value = _NUMBER_WORDS.get(raw) or int(raw)
        if suppression.suppress_count(value, k=k).suppressed:
            found.append(Finding("SMALL_COUNT", m.start(), m.end(), _context(text, [], m.start(), m.end())))
    return found
