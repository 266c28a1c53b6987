"""Structured identifiers for the generated corpus: valid check digits, the formats people type.

Every function takes a ``random.Random`` so a seed fixes the output. The validators (``*_valid``)
are what the tests check the generator against; they are written from the published rules, not
from any recogniser in the engine.
"""

from __future__ import annotations

import random
import re
import string
import unicodedata

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

DIGITS = string.digits
UPPER = string.ascii_uppercase


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(DIGITS) for _ in range(n))


def group(value: str, sizes: tuple[int, ...], sep: str = " ") -> str:
    """``group("4857773456", (3, 3, 4))`` -> ``"485 777 3456"``; the last size repeats if needed."""
    parts, pos, i = [], 0, 0
    while pos < len(value):
        size = sizes[min(i, len(sizes) - 1)]
        parts.append(value[pos:pos + size])
        pos += size
        i += 1
    return sep.join(parts)


def ascii_fold(text: str) -> str:
    """"Łukasz Zięcik" -> "Lukasz Ziecik" (for e-mail local parts and fiscal codes)."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("ß", "ss").replace("ı", "i")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# --- NHS number (mod 11) -------------------------------------------------------------------------

def nhs_check(nine: str) -> int | None:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    return None if check == 10 else (0 if check == 11 else check)


def nhs_valid(value: str) -> bool:
    d = "".join(c for c in value if c.isdigit())
    return len(d) == 10 and nhs_check(d[:9]) == int(d[9])


def nhs_number(rng: random.Random) -> str:
    while True:
        nine = rng.choice("3456789") + digits(rng, 8)
        check = nhs_check(nine)
        if check is not None:
            d = nine + str(check)
            return rng.choice([group(d, (3, 3, 4)), d, group(d, (3, 3, 4), "-"), group(d, (3, 3, 4))])


# --- National Insurance number ------------------------------------------------------------------

NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"
NI_BANNED_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def ni_valid(value: str) -> bool:
    v = value.replace(" ", "").upper()
    return (len(v) == 9 and v[0] in NI_FIRST and v[1] in NI_SECOND and v[:2] not in NI_BANNED_PREFIXES
            and v[2:8].isdigit() and v[8] in "ABCD")


def ni_number(rng: random.Random) -> str:
    while True:
        prefix = rng.choice(NI_FIRST) + rng.choice(NI_SECOND)
        if prefix not in NI_BANNED_PREFIXES:
            break
    d, suffix = digits(rng, 6), rng.choice("ABCD")
    return rng.choice([f"{prefix} {d[:2]} {d[2:4]} {d[4:]} {suffix}", f"{prefix}{d}{suffix}",
                       f"{prefix} {d} {suffix}", f"{prefix}{d}{suffix}"])


# --- Payment cards (Luhn) -----------------------------------------------------------------------

def luhn_valid(value: str) -> bool:
    d = [int(c) for c in value if c.isdigit()]
    total = 0
    for i, n in enumerate(reversed(d)):
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return bool(d) and total % 10 == 0


def luhn_complete(partial: str) -> str:
    for c in DIGITS:
        if luhn_valid(partial + c):
            return partial + c
    raise AssertionError("unreachable")


# brand: (prefixes, length, grouping)
CARD_BRANDS: dict[str, tuple[tuple[str, ...], int, tuple[int, ...]]] = {
    "visa": (("4",), 16, (4,)),
    "mastercard": (("51", "52", "53", "54", "55", "2221", "2720", "2300"), 16, (4,)),
    "amex": (("34", "37"), 15, (4, 6, 5)),
    "discover": (("6011", "65", "644"), 16, (4,)),
    "maestro": (("6759", "6761", "5018", "5020"), 16, (4,)),
    "jcb": (("3528", "3566", "3589"), 16, (4,)),
    "diners": (("36", "300", "305"), 14, (4, 6, 4)),
    "unionpay": (("62",), 16, (4,)),
}


def card_number(rng: random.Random, brand: str | None = None) -> str:
    brand = brand or rng.choice(sorted(CARD_BRANDS))
    prefixes, length, sizes = CARD_BRANDS[brand]
    prefix = rng.choice(prefixes)
    number = luhn_complete(prefix + digits(rng, length - len(prefix) - 1))
    style = rng.random()
    if style < 0.5:
        return group(number, sizes)
    if style < 0.7:
        return group(number, sizes, "-")
    return number


# --- IBAN (mod 97) ------------------------------------------------------------------------------

# country: BBAN structure, "4a6n8n" style (a = letter, n = digit, c = letter or digit)
IBAN_BBAN = {
    "GB": "4a6n8n", "IE": "4a6n8n", "DE": "18n", "FR": "10n11c2n", "ES": "20n", "IT": "1a10n12c",
    "PL": "24n", "RO": "4a16c", "NL": "4a10n", "PT": "21n", "LT": "16n", "BG": "4a6n8c", "TR": "5n1n16c",
    "BE": "12n", "AT": "16n", "CH": "5n12c", "LV": "4a13c", "HU": "24n", "CZ": "20n", "GR": "7n16c",
}


def _bban(rng: random.Random, spec: str) -> str:
    out, num = [], ""
    for ch in spec:
        if ch.isdigit():
            num += ch
            continue
        n, num = int(num), ""
        for _ in range(n):
            if ch == "n":
                out.append(rng.choice(DIGITS))
            elif ch == "a":
                out.append(rng.choice(UPPER))
            else:  # mostly digits in practice
                out.append(rng.choice(UPPER) if rng.random() < 0.15 else rng.choice(DIGITS))
    return "".join(out)


def _mod97(text: str) -> int:
    return int("".join(str(int(c, 36)) for c in text)) % 97


def iban_valid(value: str) -> bool:
    v = value.replace(" ", "").upper()
    return len(v) > 4 and v[:2].isalpha() and _mod97(v[4:] + v[:4]) == 1


def iban(rng: random.Random, country: str | None = None) -> str:
    country = country or rng.choice(sorted(IBAN_BBAN))
    bban = _bban(rng, IBAN_BBAN[country])
    check = 98 - _mod97(bban + country + "00")
    value = f"{country}{check:02d}{bban}"
    return group(value, (4,)) if rng.random() < 0.6 else value


def uk_bank_details(rng: random.Random) -> tuple[str, str]:
    """(sort code, account number), as typed."""
    sort = digits(rng, 6)
    sort_text = rng.choice([f"{sort[:2]}-{sort[2:4]}-{sort[4:]}", sort, f"{sort[:2]} {sort[2:4]} {sort[4:]}"])
    return sort_text, digits(rng, 8)


def aba_routing(rng: random.Random) -> str:
    while True:
        d = rng.choice("0123") + digits(rng, 7)
        w = (3, 7, 1, 3, 7, 1, 3, 7)
        total = sum(int(c) * x for c, x in zip(d, w, strict=True))
        return d + str((10 - total % 10) % 10)


# --- National identity numbers ------------------------------------------------------------------

def ssn_us(rng: random.Random) -> str:
    while True:
        area = rng.randint(1, 899)
        if area != 666:
            break
    g, s = rng.randint(1, 99), rng.randint(1, 9999)
    sep = rng.choice(["-", "-", " ", ""])
    return f"{area:03d}{sep}{g:02d}{sep}{s:04d}"


def _birth(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(1940, 2022), rng.randint(1, 12), rng.randint(1, 28)


def pesel(rng: random.Random) -> str:
    y, m, d = _birth(rng)
    mm = m + (20 if y >= 2000 else 0)
    body = f"{y % 100:02d}{mm:02d}{d:02d}" + digits(rng, 4)
    return body + str(pesel_check(body))


def pesel_check(ten: str) -> int:
    w = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    return (10 - sum(int(c) * x for c, x in zip(ten, w, strict=True)) % 10) % 10


def pesel_valid(v: str) -> bool:
    return len(v) == 11 and v.isdigit() and pesel_check(v[:10]) == int(v[10])


def cnp(rng: random.Random) -> str:
    y, m, d = _birth(rng)
    sex = rng.choice("12") if y < 2000 else rng.choice("56")
    county = rng.choice([f"{n:02d}" for n in range(1, 47)] + ["51", "52"])
    body = f"{sex}{y % 100:02d}{m:02d}{d:02d}{county}{rng.randint(1, 999):03d}"
    return body + str(cnp_check(body))


def cnp_check(twelve: str) -> int:
    r = sum(int(c) * int(x) for c, x in zip(twelve, "279146358279", strict=True)) % 11
    return 1 if r == 10 else r


def cnp_valid(v: str) -> bool:
    return len(v) == 13 and v.isdigit() and cnp_check(v[:12]) == int(v[12])


def pps_ie(rng: random.Random) -> str:
    seven = digits(rng, 7)
    second = rng.choice(["", "", "A", "B", "W"])
    return seven + pps_check(seven, second) + second


def pps_check(seven: str, second: str = "") -> str:
    total = sum(int(c) * w for c, w in zip(seven, range(8, 1, -1), strict=True))
    if second and second != "W":
        total += (ord(second) - 64) * 9
    r = total % 23
    return "W" if r == 0 else chr(64 + r)


def pps_valid(v: str) -> bool:
    v = v.upper()
    return len(v) in (8, 9) and v[:7].isdigit() and pps_check(v[:7], v[8:]) == v[7]


DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni_es(rng: random.Random) -> str:
    n = digits(rng, 8)
    return n + rng.choice(["", "-", " "]) + DNI_LETTERS[int(n) % 23]


def nie_es(rng: random.Random) -> str:
    first, n = rng.choice("XYZ"), digits(rng, 7)
    return f"{first}{n}{DNI_LETTERS[int(str('XYZ'.index(first)) + n) % 23]}"


def dni_nie_valid(v: str) -> bool:
    v = v.replace("-", "").replace(" ", "").upper()
    if v[0] in "XYZ":
        v = str("XYZ".index(v[0])) + v[1:]
    return len(v) == 9 and v[:8].isdigit() and DNI_LETTERS[int(v[:8]) % 23] == v[8]


_CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                    12, 14, 16, 10, 22, 25, 24, 23], strict=True))
_CF_MONTHS = "ABCDEHLMPRST"
_CF_TOWNS = ("H501", "F205", "L219", "G273", "A944", "D612", "F839", "L736", "C351", "E506")


def _cf_part(name: str, is_first: bool) -> str:
    letters = [c for c in ascii_fold(name).upper() if c in UPPER]  # a name in another script gives XXX
    cons = [c for c in letters if c not in "AEIOU"]
    vows = [c for c in letters if c in "AEIOU"]
    if is_first and len(cons) >= 4:
        cons = [cons[0], cons[2], cons[3]]
    return "".join((cons + vows + ["X", "X", "X"])[:3])


def cf_check(fifteen: str) -> str:
    total = sum(_CF_ODD[c] if i % 2 == 0 else int(c, 36) - (0 if c.isdigit() else 10)
                for i, c in enumerate(fifteen))
    return UPPER[total % 26]


def codice_fiscale(rng: random.Random, first: str = "Mario", last: str = "Rossi", female: bool = False) -> str:
    y, m, d = _birth(rng)
    body = (_cf_part(last, False) + _cf_part(first, True) + f"{y % 100:02d}" + _CF_MONTHS[m - 1]
            + f"{d + (40 if female else 0):02d}" + rng.choice(_CF_TOWNS))
    return body + cf_check(body)


def cf_valid(v: str) -> bool:
    return len(v) == 16 and cf_check(v[:15].upper()) == v[15].upper()


_VD = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
       [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
       [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
       [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
_VP = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
       [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
       [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]
_VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def verhoeff_check(number: str) -> int:
    c = 0
    for i, n in enumerate(reversed(number)):
        c = _VD[c][_VP[(i + 1) % 8][int(n)]]
    return _VINV[c]


def verhoeff_valid(number: str) -> bool:
    c = 0
    for i, n in enumerate(reversed(number)):
        c = _VD[c][_VP[i % 8][int(n)]]
    return c == 0


def aadhaar(rng: random.Random) -> str:
    eleven = rng.choice("23456789") + digits(rng, 10)
    d = eleven + str(verhoeff_check(eleven))
    return rng.choice([group(d, (4,)), d, group(d, (4,))])


def pan_in(rng: random.Random, last: str = "Sharma") -> str:
    initial = (ascii_fold(last)[:1] or "K").upper()
    return ("".join(rng.choice(UPPER) for _ in range(3)) + "P" + (initial if initial in UPPER else "K")
            + digits(rng, 4) + rng.choice(UPPER))


def sin_ca(rng: random.Random) -> str:
    d = luhn_complete(rng.choice("1234567") + digits(rng, 7))
    return rng.choice([group(d, (3,)), group(d, (3,), "-"), d])


def bsn_nl(rng: random.Random) -> str:
    while True:
        d = rng.choice("123456789") + digits(rng, 8)
        if bsn_valid(d):
            return d


def bsn_valid(d: str) -> bool:
    return len(d) == 9 and (sum(int(c) * w for c, w in zip(d[:8], range(9, 1, -1), strict=True)) - int(d[8])) % 11 == 0


def nir_fr(rng: random.Random) -> str:
    y, m, _ = _birth(rng)
    body = f"{rng.choice('12')}{y % 100:02d}{m:02d}{rng.randint(1, 95):02d}{rng.randint(1, 990):03d}{rng.randint(1, 999):03d}"
    key = 97 - int(body) % 97
    return rng.choice([f"{body}{key:02d}", f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:]} {key:02d}"])


def nir_valid(v: str) -> bool:
    d = v.replace(" ", "")
    return len(d) == 15 and 97 - int(d[:13]) % 97 == int(d[13:])


def tckn_tr(rng: random.Random) -> str:
    d = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d.append(d10)
    d.append(sum(d) % 10)
    return "".join(map(str, d))


def tckn_valid(v: str) -> bool:
    d = [int(c) for c in v]
    return (len(d) == 11 and d[0] != 0 and d[9] == ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
            and d[10] == sum(d[:10]) % 10)


def egn_bg(rng: random.Random) -> str:
    y, m, d = _birth(rng)
    body = f"{y % 100:02d}{m + (40 if y >= 2000 else 0):02d}{d:02d}" + digits(rng, 3)
    return body + str(egn_check(body))


def egn_check(nine: str) -> int:
    r = sum(int(c) * w for c, w in zip(nine, (2, 4, 8, 5, 10, 9, 7, 3, 6), strict=True)) % 11
    return 0 if r == 10 else r


def egn_valid(v: str) -> bool:
    return len(v) == 10 and v.isdigit() and egn_check(v[:9]) == int(v[9])


def asmens_kodas_lt(rng: random.Random) -> str:
    y, m, d = _birth(rng)
    g = rng.choice("34") if y < 2000 else rng.choice("56")
    body = f"{g}{y % 100:02d}{m:02d}{d:02d}" + digits(rng, 3)
    return body + str(lt_check(body))


def lt_check(ten: str) -> int:
    r = sum(int(c) * w for c, w in zip(ten, (1, 2, 3, 4, 5, 6, 7, 8, 9, 1), strict=True)) % 11
    if r == 10:
        r = sum(int(c) * w for c, w in zip(ten, (3, 4, 5, 6, 7, 8, 9, 1, 2, 3), strict=True)) % 11
        r = 0 if r == 10 else r
    return r


def lt_valid(v: str) -> bool:
    return len(v) == 11 and v.isdigit() and lt_check(v[:10]) == int(v[10])


def nif_pt(rng: random.Random) -> str:
    eight = rng.choice("12") + digits(rng, 7)
    r = sum(int(c) * w for c, w in zip(eight, range(9, 1, -1), strict=True)) % 11
    return eight + str(0 if r < 2 else 11 - r)


def nif_valid(v: str) -> bool:
    if len(v) != 9 or not v.isdigit():
        return False
    r = sum(int(c) * w for c, w in zip(v[:8], range(9, 1, -1), strict=True)) % 11
    return int(v[8]) == (0 if r < 2 else 11 - r)


def passport_number(rng: random.Random) -> str:
    return digits(rng, 9) if rng.random() < 0.7 else rng.choice(UPPER) + rng.choice(UPPER) + digits(rng, 7)


# (what people call it, generator) by country; the name is context, never part of the span.
def national_id(rng: random.Random, country: str, first: str = "", last: str = "", female: bool = False) -> tuple[str, str]:
    table = {
        "US": (("SSN", "social security number", "SSN#"), ssn_us),
        "PL": (("PESEL", "PESEL no.", "nr PESEL"), pesel),
        "RO": (("CNP", "cod numeric personal"), cnp),
        "IE": (("PPSN", "PPS number", "PPS no"), pps_ie),
        "ES": (("DNI", "NIE", "documento"), None),
        "IT": (("codice fiscale", "CF", "tax code"), None),
        "IN": (("Aadhaar", "Aadhaar no.", "PAN"), None),
        "CA": (("SIN", "social insurance number"), sin_ca),
        "NL": (("BSN", "burgerservicenummer"), bsn_nl),
        "FR": (("numéro de sécurité sociale", "NIR", "n° sécu"), nir_fr),
        "TR": (("TC Kimlik No", "T.C. kimlik no", "Turkish ID"), tckn_tr),
        "BG": (("EGN", "ЕГН"), egn_bg),
        "LT": (("asmens kodas", "personal code"), asmens_kodas_lt),
        "PT": (("NIF", "contribuinte"), nif_pt),
        "GB": (("passport no.", "passport number", "UK passport"), passport_number),
    }
    names, gen = table.get(country, table["GB"])
    name = rng.choice(names)
    if country == "ES":
        return name, (nie_es(rng) if name == "NIE" else dni_es(rng))
    if country == "IT":
        return name, codice_fiscale(rng, first or "Mario", last or "Rossi", female)
    if country == "IN":
        return name, (pan_in(rng, last or "Sharma") if name == "PAN" else aadhaar(rng))
    return name, gen(rng)


def national_id_valid(value: str) -> bool:
    """True when ``value`` passes the check of one of the ID types above (format only for SSN, PAN, passports)."""
    v = value.replace(" ", "").replace("-", "")
    checks = (pesel_valid, cnp_valid, pps_valid, dni_nie_valid, cf_valid, bsn_valid, nir_valid, tckn_valid, egn_valid,
              lt_valid, nif_valid)
    if any(_safe(check, v) for check in checks):
        return True
    if len(v) == 12 and v.isdigit():
        return verhoeff_valid(v)  # Aadhaar
    if len(v) == 9 and v.isdigit():
        return True  # US SSN and passport numbers (no check digit); SIN and BSN have their own tests
    return bool(re.fullmatch(r"[A-Z]{3}P[A-Z]\d{4}[A-Z]|[A-Z]{2}\d{7}", v))  # Indian PAN, passport


def _safe(check, value: str) -> bool:  # noqa: ANN001
    try:
        return bool(check(value))
    except (ValueError, IndexError, KeyError):
        return False


NATIONAL_ID_COUNTRIES = ("US", "PL", "RO", "IE", "ES", "IT", "IN", "CA", "NL", "FR", "TR", "BG", "LT", "PT", "GB")


# --- Phone numbers ------------------------------------------------------------------------------

def _valid_number(rng: random.Random, region: str, mobile: bool) -> phonenumbers.PhoneNumber:
    """Random digits after the example number's first one or two, kept only if the plan allows them."""
    kind = PhoneNumberType.MOBILE if mobile else PhoneNumberType.FIXED_LINE
    example = phonenumbers.example_number_for_type(region, kind) or phonenumbers.example_number(region)
    nsn = str(example.national_number)
    for keep in (1, 2, 3, 4):
        for _ in range(30):
            candidate = nsn[:keep] + digits(rng, len(nsn) - keep)
            num = phonenumbers.parse("+" + str(example.country_code) + candidate)
            if phonenumbers.is_valid_number(num) and phonenumbers.number_type(num) in (kind, PhoneNumberType.FIXED_LINE_OR_MOBILE):
                return num
    return example


def phone(rng: random.Random, region: str = "GB", mobile: bool | None = None) -> str:
    """A valid number of that region, written in one of the ways people write it."""
    mobile = rng.random() < 0.65 if mobile is None else mobile
    num = _valid_number(rng, region, mobile)
    national = phonenumbers.format_number(num, PhoneNumberFormat.NATIONAL)
    intl = phonenumbers.format_number(num, PhoneNumberFormat.INTERNATIONAL)
    e164 = phonenumbers.format_number(num, PhoneNumberFormat.E164)
    cc = str(num.country_code)
    rest = intl[len(cc) + 2:]
    trunk = phonenumbers.PhoneMetadata.metadata_for_region(region).national_prefix
    styles = [national, national, intl, intl, e164,
              national.replace(" ", ""), national.replace(" ", "-"), national.replace(" ", "."),
              f"00{cc} {rest}", intl.replace(" ", "-"), f"+{cc}.{rest.replace(' ', '.')}"]
    if trunk == "0":
        styles += [f"+{cc} (0){rest}", f"+{cc} (0) {rest}", f"+{cc}(0){rest.replace(' ', '')}"]
    if cc == "1":
        area, body = str(num.national_number)[:3], str(num.national_number)[3:]
        styles += [f"({area}) {body[:3]}-{body[3:]}", f"{area}-{body[:3]}-{body[3:]}", f"{area}.{body[:3]}.{body[3:]}",
                   f"+1-{area}-{body[:3]}-{body[3:]}", f"+1 ({area}) {body[:3]}-{body[3:]}",
                   f"1-{area}-{body[:3]}-{body[3:]}", f"({area}){body[:3]}-{body[3:]}"]
    if region == "GB" and not mobile and national.startswith("0"):
        code, _, local = national.partition(" ")
        styles += [f"({code}) {local}", f"{code}-{local.replace(' ', '')}"]
    return rng.choice(styles).strip()


def phone_valid(value: str, region: str = "GB") -> bool:
    """Valid in ``region``; "00" is read as the international prefix dialled from the UK."""
    value = value.replace("(0)", "").strip()
    if value.startswith("00"):
        value = "+" + value[2:]
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value, region))
    except phonenumbers.NumberParseException:
        return False


# --- Network ------------------------------------------------------------------------------------

def ipv4(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return rng.choice([f"192.168.{rng.randint(0, 10)}.{rng.randint(2, 254)}",
                           f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(2, 254)}"])
    while True:
        first = rng.randint(1, 223)
        if first not in (10, 127, 169, 172, 192):
            return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def ipv6(rng: random.Random) -> str:
    groups = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(8)]
    groups[0] = rng.choice(["2001", "2a00", "2a02", "2604", "fe80"])
    style = rng.random()
    if style < 0.4:
        return ":".join(groups)
    if style < 0.8:
        cut = rng.randint(2, 5)
        return ":".join(groups[:cut]) + "::" + ":".join(groups[cut + 2:])
    return ":".join(g.zfill(4) for g in groups).upper()


def ip_address(rng: random.Random) -> str:
    return ipv6(rng) if rng.random() < 0.3 else ipv4(rng)
