"""National identity numbers that Presidio has no recogniser for, each checked by its own check digits:
the French social-security number (NIR), the Irish PPS number, the Romanian CNP, the Turkish
T.C. kimlik number, the Spanish DNI and NIE written with a space or dot before the letter (Presidio's
NIF recogniser takes only "12345678Z" and "12345678-Z") and the Dutch BSN (the last two only with ID words nearby: plain digits pass
their checks too often).

Presidio's national-ID recognisers (US SSN, Italian fiscal code, PESEL, Aadhaar, ...) run beside
these, see `composed.py`.
"""

from __future__ import annotations

import re

from deid.types import Span

_NIR = re.compile(r"(?<![\w])([12])[ .]?(\d{2})[ .]?(\d{2})[ .]?(\d{2}|2[AB])[ .]?(\d{3})[ .]?(\d{3})[ .]?(\d{2})(?![\w])",
                  re.IGNORECASE)
_PPS = re.compile(r"(?<![\w])(\d{7})([A-W])([A-IW]?)(?![\w])", re.IGNORECASE)
_CNP = re.compile(r"(?<![\w])[1-8]\d{12}(?![\w])")
_KIMLIK = re.compile(r"(?<![\w])[1-9]\d{10}(?![\w])")
_DNI = re.compile(r"(?<![\w.])([XYZ][ .-]?)?(\d{7,8})[ .-]?([A-Z])(?![\w])", re.IGNORECASE)
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_BSN = re.compile(r"(?<![\w])\d{9}(?![\w])")
_KIMLIK_CONTEXT = re.compile(r"\b(?:kimlik|t\.?c\.?|tckn|id|identity|national)\b", re.IGNORECASE)
_BSN_CONTEXT = re.compile(r"\b(?:bsn|burgerservicenummer|sofi|id|identity|national)\b", re.IGNORECASE)


def is_nir(groups: tuple[str, ...]) -> bool:
    body = "".join(groups[:6]).upper().replace("2A", "19").replace("2B", "18")
    return 97 - int(body) % 97 == int(groups[6])


def is_pps(digits: str, check: str, extra: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits, range(8, 1, -1), strict=True))
    if extra:
        total += (ord(extra.upper()) - 64 if extra.upper() != "W" else 0) * 9
    expected = total % 23
    return check.upper() == ("W" if expected == 0 else chr(64 + expected))


def is_cnp(value: str) -> bool:
    weights = "279146358279"
    total = sum(int(d) * int(w) for d, w in zip(value[:12], weights, strict=True)) % 11
    return (1 if total == 10 else total) == int(value[12])


def is_kimlik(value: str) -> bool:
    d = [int(c) for c in value]
    return (sum(d[0:9:2]) * 7 - sum(d[1:8:2])) % 10 == d[9] and sum(d[:10]) % 10 == d[10]


def is_dni(prefix: str, digits: str, letter: str) -> bool:
    """Spain's DNI (8 digits) or NIE (X, Y or Z and 7 digits): the letter is the number mod 23."""
    head = prefix.strip(" .-").upper()
    if head:
        if len(digits) != 7:
            return False
        digits = str("XYZ".index(head)) + digits
    elif len(digits) != 8:
        return False
    return _DNI_LETTERS[int(digits) % 23] == letter.upper()


def is_bsn(value: str) -> bool:
    total = sum(int(d) * w for d, w in zip(value[:8], range(9, 1, -1), strict=True)) - int(value[8])
    return total % 11 == 0 and value != "000000000"


def find(text: str) -> list[Span]:
    spans = []
    for m in _NIR.finditer(text):
        if is_nir(m.groups()):
            spans.append(Span(m.start(), m.end(), "NATIONAL_ID", 1.0, "national_id_fr"))
    for m in _PPS.finditer(text):
        if is_pps(m.group(1), m.group(2), m.group(3)):
            spans.append(Span(m.start(), m.end(), "NATIONAL_ID", 1.0, "national_id_ie"))
    for m in _CNP.finditer(text):
        if is_cnp(m.group(0)):
            spans.append(Span(m.start(), m.end(), "NATIONAL_ID", 1.0, "national_id_ro"))
    for m in _KIMLIK.finditer(text):
        if is_kimlik(m.group(0)) and _KIMLIK_CONTEXT.search(text, max(0, m.start() - 40), m.start()):
            spans.append(Span(m.start(), m.end(), "NATIONAL_ID", 1.0, "national_id_tr"))
    for m in _DNI.finditer(text):
        if m.group(3).islower() and text[m.start(3) - 1] == " ":
            continue  # "12345678 a year": a lower-case word after a number, not a check letter
        if is_dni(m.group(1) or "", m.group(2), m.group(3)):
            spans.append(Span(m.start(), m.end(), "NATIONAL_ID", 1.0, "national_id_es"))
    for m in _BSN.finditer(text):
        if is_bsn(m.group(0)) and _BSN_CONTEXT.search(text, max(0, m.start() - 40), m.start()):
            spans.append(Span(m.start(), m.end(), "NATIONAL_ID", 0.8, "national_id_nl"))
    return spans
