"""Payment identifiers: card numbers, IBANs and bank account details.

Presidio's own card and IBAN recognisers run beside these (see `deid/registry.py`); these add the
formats they miss (Mastercard's 2-series, 19-digit cards, IBANs in lower case or grouped oddly) and
UK bank details, which Presidio has no recogniser for. Checksums keep precision: Luhn for cards,
ISO 13616 mod-97 for IBANs.
"""

from __future__ import annotations

import re

from deid.lexicons import country_codes
from deid.types import Span

# 13 to 19 digits in groups of 2 to 6 separated by one space or hyphen (or none).
_CARD = re.compile(r"(?<![\w.+/-])[1-9]\d{1,5}(?:[ -]?\d{2,6}){1,6}(?![\w]|[.-]\d)")
# Issuer prefixes (ISO/IEC 7812 major industry identifiers of payment cards).
_CARD_PREFIX = re.compile(r"^(?:3[0-9]|4|5[0-9]|2[2-7]|6[0-9]|1|8|9)")
_IBAN = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2}\d{2})((?:[ -]?[A-Za-z0-9]){11,32})(?![A-Za-z0-9])")
# ISO 13616 IBAN lengths of the countries most often met (others only need 15..34 and mod-97).
IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24,
    "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21,
    "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24,
    "SI": 19, "SK": 24, "SM": 27, "TR": 26, "UA": 29,
}
# Sort code (12-34-56, 12 34 56) and an account number of 6 to 10 digits, either way round, with
# banking words near: "sort code 12-34-56 acc 12345678", "a/c 12345678 s/c 12-34-56".
_SORT_CODE = r"\d{2}[- ]\d{2}[- ]\d{2}|\d{6}"
_ACCOUNT_WORDS = (r"(?:bank\s+)?(?:account|acct|acc|a/c|ac)\.?\s*(?:no\.?|number|num|#)?|"
                  r"account\s+(?:no\.?|number)|routing(?:\s+(?:no\.?|number))?|aba|bsb|"
                  r"kontonummer|konto|rachunek|nr\s+rachunku|cont|numéro\s+de\s+compte|n[º°o]\s+de\s+cuenta")
_SORT_WORDS = r"sort\s*code|s/c|sc"
_LABELLED_ACCOUNT = re.compile(
    r"\b(?:" + _ACCOUNT_WORDS + r")\s*[:#.]?\s*((?:\d[ -]?){5,25}\d)(?![\w]|[.-]\d)", re.IGNORECASE)
_LABELLED_SORT = re.compile(r"\b(?:" + _SORT_WORDS + r")\s*[:#.]?\s*(" + _SORT_CODE + r")(?![\w]|[.-]\d)",
                            re.IGNORECASE)
# Sort code and account number side by side, with a bank word anywhere in the 60 characters before.
_PAIR = re.compile(r"(?<![\w-])(\d{2}-\d{2}-\d{2})[ ,/;]+(?:\w+[ :]+){0,2}?(\d{7,10})(?![\w-])")
_BANK_NEARBY = re.compile(r"\b(?:bank|account|acct|acc|a/c|sort|transfer|paid|pay|payee|iban|bic|swift|"
                          r"direct\s+debit|standing\s+order|details)\b", re.IGNORECASE)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def is_card_number(value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    return (13 <= len(digits) <= 19 and len(set(digits)) > 1 and _CARD_PREFIX.match(digits) is not None
            and luhn_ok(digits))


def is_iban(value: str, country_length: bool = True) -> bool:
    """ISO 13616: mod-97, and the country's own length unless `country_length` is false (a mistyped
    or invented IBAN still passes mod-97 by its check digits, and it is still somebody's account)."""
    compact = re.sub(r"[\s-]", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    expected = IBAN_LENGTHS.get(compact[:2])
    if country_length and expected is not None and len(compact) != expected:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def find_cards(text: str) -> list[Span]:
    spans = []
    for m in _CARD.finditer(text):
        raw = m.group(0)
        # The greedy match may have taken a following number: drop groups from the right.
        while raw and not is_card_number(raw):
            cut = max(raw.rfind(" "), raw.rfind("-"))
            raw = raw[:cut] if cut > 0 else ""
        if raw:
            spans.append(Span(m.start(), m.start() + len(raw), "CARD", 1.0, "card"))
    return spans


def _longest_iban(raw: str) -> str:
    # A following word or number may have been swallowed: drop characters from the right.
    while len(re.sub(r"[\s-]", "", raw)) >= 15 and not is_iban(raw):
        raw = raw[:-1].rstrip(" -")
    return raw if len(re.sub(r"[\s-]", "", raw)) >= 15 and _written_as_iban(raw) else ""


def _written_as_iban(raw: str) -> bool:
    """An IBAN starts with a country's ISO code and is written run together or in short groups; words of
    prose after a code-like start ("aa51 was written on the le") pass mod-97 one time in 97."""
    groups = re.split(r"[\s-]+", raw.strip())
    return raw[:2].upper() in country_codes() and (len(groups) == 1 or all(len(g) <= 6 for g in groups[1:-1]))


def _iban_of_any_length(raw: str) -> str:
    """Without the country's length every cut would pass mod-97 one time in 97, so only whole groups
    are tried: the code run together, or groups of four ending in a digit ("GB45 LRCO 8397 0523 2792 8")."""
    groups = list(re.finditer(r"[A-Za-z0-9]+", raw))
    if len(groups[0].group()) > 4:
        groups = groups[:1]
    else:
        groups = groups[:next((i for i, g in enumerate(groups) if len(g.group()) > 4), len(groups))]
    while groups and not (any(c.isdigit() for c in groups[-1].group())
                          and is_iban("".join(g.group() for g in groups), country_length=False)):
        groups.pop()
    if not groups or sum(len(g.group()) for g in groups) < 15 or not _written_as_iban(raw[:groups[-1].end()]):
        return ""
    return raw[:groups[-1].end()]


def find_ibans(text: str) -> list[Span]:
    """The country's length first, so that a swallowed number is given back; then any length that
    mod-97 accepts ("GB45LRCO8397052327928", one character short for a British IBAN)."""
    spans = []
    for m in _IBAN.finditer(text):
        if raw := _longest_iban(m.group(0)):
            spans.append(Span(m.start(), m.start() + len(raw), "IBAN", 1.0, "iban"))
        elif raw := _iban_of_any_length(m.group(0)):
            spans.append(Span(m.start(), m.start() + len(raw), "IBAN", 0.8, "iban_any_length"))
    return spans


def find_bank_accounts(text: str) -> list[Span]:
    spans = []
    for pattern in (_LABELLED_ACCOUNT, _LABELLED_SORT):
        for m in pattern.finditer(text):
            spans.append(Span(m.start(1), m.end(1), "BANK_ACCOUNT", 0.9, "bank_account"))
    for m in _PAIR.finditer(text):
        if _BANK_NEARBY.search(text, max(0, m.start() - 60), m.end() + 30):
            spans.append(Span(m.start(1), m.end(1), "BANK_ACCOUNT", 0.85, "bank_account_pair"))
            spans.append(Span(m.start(2), m.end(2), "BANK_ACCOUNT", 0.85, "bank_account_pair"))
    unique: dict[tuple[int, int], Span] = {}
    for span in spans:
        unique.setdefault((span.start, span.end), span)
    return list(unique.values())


def find(text: str) -> list[Span]:
    return find_cards(text) + find_ibans(text) + find_bank_accounts(text)
