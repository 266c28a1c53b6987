"""Street addresses: "12 Herbert Avenue", "42/142 Mill Rd", "101b Regent Terrace", "Flat 3, 12 Park
Road", "Flat 44, Ashby Court", "23 Barrett St", lower case too ("99 weston way"), and
number-less streets written as names ("Hill Drive", "Brook Street"), and lower-case streets where
someone lives ("flat on elm way")."""

from __future__ import annotations

import re

from deid.lexicons import BUILDING_WORDS, NOT_NAME, STREET_SUFFIXES, USPS_STREET_SUFFIXES, WEAK_STREET_SUFFIXES
from deid.types import Span

_STOP = {"the", "a", "an", "of", "and", "to", "at", "in", "on", "for", "by", "with", "from", "or", "is", "was",
         "are", "were", "be", "been", "his", "her", "their", "our", "my", "your", "its", "this", "that", "no",
         "about", "over", "after", "before", "every", "each", "per", "than", "into", "as", "but", "not"}
_SFX = "|".join(sorted((re.escape(s) for s in STREET_SUFFIXES), key=len, reverse=True))
_BLD = "|".join(sorted((re.escape(s) for s in BUILDING_WORDS | STREET_SUFFIXES), key=len, reverse=True))
_WORD = r"[A-Za-z][A-Za-z'’-]*\.?"
_NUM = r"\d{1,4}[A-Za-z]?(?:\s?[/-]\s?\d{1,4}[A-Za-z]?)?"
_FLAT = r"(?:(?:flat|apartment|apt|unit|room|maisonette)\s*\d{1,4}[A-Za-z]?|\d{1,4}[A-Za-z]?\s+floor\s+flat)\s*,?\s+"

_NUMBERED = re.compile(
    r"(?<![\w/.-])(?:" + _FLAT + r")?" + _NUM + r",?\s+((?:" + _WORD + r"\s+){1,3}?)(" + _SFX + r")\.?(?![\w'’])",
    re.IGNORECASE,
)
_FLAT_BUILDING = re.compile(
    r"(?<![\w])" + _FLAT + r"((?:" + _WORD + r"\s+){1,3}?)(" + _BLD + r")(?![\w'’])",
    re.IGNORECASE,
)
_STRONG = sorted(STREET_SUFFIXES - WEAK_STREET_SUFFIXES - {"st", "rd", "dr", "cl", "ct", "ave", "av", "ln", "pl",
                                                           "gr", "gro", "sq", "pde", "tce", "terr", "cres",
                                                           "cresc", "gdns", "blvd"}, key=len, reverse=True)
_NAMED_STREET = re.compile(
    r"(?<![\w'’-])((?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\s+){1,2})("
    + "|".join(s.capitalize() for s in _STRONG)
    + r")(?![\w'’])"
)


# North-American style: a house number of up to five digits, one or two capitalised street words and
# any USPS suffix, then perhaps the flat: "949 Johnson Lake", "5515 Zavala Union Apt. 28"; and a
# five-digit house number before one of our own suffixes in any case ("17093 benjamin grove #6").
_USPS = "|".join(sorted((re.escape(s.capitalize()) for s in USPS_STREET_SUFFIXES), key=len, reverse=True))
_US_UNIT = re.compile(r",?[ \t]+(?:apt\.?|apartment|suite|ste\.?|unit|#)[ \t]*#?\w{1,5}(?![\w])", re.IGNORECASE)
# The flat or house before it ("Apt 19, 57 Olivia Crossroad", "Unit 4 12 Park Lane"); never a number
# just after another number ("0161 496 0000 Park Lane" is a phone number before a street name).
_US_FLAT_BEFORE = r"(?i:(?:flat|apartment|apt\.?|unit|suite|room|h\.?[ \t]?no\.?|house[ \t]+no\.?)[ \t]*\d{1,4}[a-z]?[ \t]*,?[ \t]+)"
_US_NUMBERED = re.compile(
    r"(?<![\w/.,£$€-])(?<!\d[ \t])" + _US_FLAT_BEFORE + r"?\d{1,5}[A-Za-z]?[ \t]+"
    r"((?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\s+){1,2}?)(" + _USPS + r")(?![\w'’])"
)
_LONG_NUMBERED = re.compile(
    r"(?<![\w/.,-])\d{5}[A-Za-z]?[ \t]+((?:" + _WORD + r"\s+){1,3}?)(" + _SFX + r")\.?(?![\w'’])", re.IGNORECASE
)


def find_us(text: str) -> list[Span]:
    spans = []
    for pattern, titlecase in ((_US_NUMBERED, True), (_LONG_NUMBERED, False)):
        for m in pattern.finditer(text):
            if _words_ok(m.group(1), titlecase=titlecase):
                unit = _US_UNIT.match(text, m.end())
                spans.append(Span(m.start(), unit.end() if unit else m.end(), "ADDRESS", 0.85, "address_us"))
    return spans


# A street without a number, in any case, where the words around it say someone lives there:
# "flat on pennyroyal way", "lives on brackenmoor drive", "moved to a house in elm close".
_LIVES_ON = re.compile(
    r"(?<![\w])(?:flat|house|home|lives|living|lived|moved|moving|staying|stays|address|flat\s+is|house\s+is)"
    r"\s+(?:(?:is|was)\s+)?(?:on|in|at|to)\s+((?:" + _WORD + r"\s+){1,2}?)(" + _SFX + r")\.?(?![\w'’])",
    re.IGNORECASE,
)


def _words_ok(words: str, *, titlecase: bool = False) -> bool:
    parts = [w.strip(".").lower() for w in words.split()]
    if not parts:
        return False
    if any(p in _STOP for p in parts):
        return False
    if titlecase and any(p in NOT_NAME for p in parts):
        return False
    return True


def find(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _NUMBERED.finditer(text):
        if _words_ok(m.group(1)):
            spans.append(Span(m.start(), m.end(), "ADDRESS", 0.9, "address_numbered"))
    for m in _FLAT_BUILDING.finditer(text):
        if _words_ok(m.group(1)):
            spans.append(Span(m.start(), m.end(), "ADDRESS", 0.9, "address_flat"))
    for m in _LIVES_ON.finditer(text):
        if _words_ok(m.group(1)):
            spans.append(Span(m.start(1), m.end(2), "ADDRESS", 0.75, "address_lives_on"))
    for m in _NAMED_STREET.finditer(text):
        if _words_ok(m.group(1), titlecase=True):
            spans.append(Span(m.start(), m.end(), "ADDRESS", 0.7, "address_named_street"))
    return spans + find_foreign(text) + find_us(text)


# Other countries' street addresses, where the street word comes first and the number after
# ("ul. Marszałkowska 12", "Strada Victoriei nr. 5, bl. 2, ap. 3", "rue de Rivoli 12", "Via Roma, 10",
# "Calle Mayor 5"), or the street word is part of the name ("Hauptstraße 5", "Damrak 1" is not found:
# a bare name and number is too common), or comes after the name ("Atatürk Cad. No: 3",
# "vilniaus g. 66", "Gandhi Marg").
_LEADING = (r"ul\.|ulica|al\.|aleja|os\.|osiedle|pl\.|plac|strada|str\.|calea|bulevardul|bd\.|b-dul|aleea|"
            r"[sș]oseaua|intrarea|splaiul|pia[tț]a|rue|avenue|av\.?|boulevard|bd|chemin|impasse|all[ée]e|quai|"
            r"via|viale|piazza|corso|vicolo|largo|borgo|contrada|rotonda|stretto|calle|c/|avenida|avda\.|paseo|plaza|carrer|rua|travessa|"
            r"alameda|ronda|camino|carretera|rambla|passeig|avinguda|traves[ií]a|glorieta|pra[çc]a|callej[oó]n|bajada|ca[ñn]ada|"
            r"cuesta|pasadizo|pasaje|urbanizaci[oó]n|acceso|beco|estrada|cal[çc]ada|"
            r"ulitsa|ul|prospekt|pr\.|gatv[eė]|vulytsia|vul\.|jalan|jl\.|jln\.?|lorong")
_NAME_WORD = r"(?:[^\W\d_][\w'’.-]*|de|del|della|di|da|do|dos|la|le|du|des)"
_FOREIGN_LEADING = re.compile(
    r"(?<![\w])(?:" + _LEADING + r")[ \t]+" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r"){0,3}?,?[ \t]+"
    r"(?:nr\.?|no\.?|n[º°]\.?|numărul)?[ \t]*\d{1,4}[A-Za-z]?(?:[/-]\d{1,4}[A-Za-z]?)?"
    r"(?:[ \t]*,?[ \t]+(?:bl\.|sc\.|et\.|ap\.|apt\.?|m\.|lok\.|piso|puerta|of\.|edif\.|depto\.|dpto\.|int\.)[ \t]*\w{1,4})*"
    r"(?:,?[ \t]+\d{1,2}[º°ª](?:[ \t]*(?:esq|dto|dt|dir|andar|frente)\.?|[ \t]?[A-Za-z](?![\w]))?)?(?![\w])",
    re.IGNORECASE,
)
_GLUED = (r"stra(?:ß|ss)e|str\.|gasse|weg|platz|allee|ring|damm|steeg|singel|laan|gracht|plein|straat|kade|"
          r"dreef|hof|vej|gade|gatan|vägen|veien|gata|baan|dijk|markt|plantsoen|stræde|vænget|gränd|stigen|torget|"
          r"katu|kuja|tie|polku|kaari")
# The house number may be a range or a flat after a slash ("Carstenstraße 3-6", "Rikardove 1b/4").
_FOREIGN_GLUED = re.compile(r"(?<![\w])[^\W\d_][\w'’-]*(?:" + _GLUED + r")[ \t]+\d{1,4}[A-Za-z]?(?:[/-]\d{1,4}[A-Za-z]?)?(?![\w])",
                            re.IGNORECASE)
_TRAILING = (r"cad\.|caddesi|sok\.|sokak|sk\.|mah\.|mahallesi|g\.|gatvė|pr\.|prospektas|skg\.|marg|nagar|path|chowk|gali|"
             r"utca|út|útja|körút|krt\.|tér|köz")
_FOREIGN_TRAILING = re.compile(
    r"(?<![\w])(?:(?:h\.?\s?no\.?|flat|house)[ \t]*\d{1,4}[A-Za-z]?,?[ \t]+)?(?:\d{1,4}[A-Za-z]?,?[ \t]+)?"
    r"[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,2}[ \t]+(?:" + _TRAILING + r")"
    r"(?:,?[ \t]*(?:no:?|nr\.?)?[ \t]*\d{1,4}[A-Za-z]?)?(?![\w])",
    re.IGNORECASE,
)


# French style, the number first: "28 bis chemin Martin", "9 avenue René Guillet", also broken over
# two lines ("96 rue\nde Morvan": a pasted form wraps where it likes).
_BREAK = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_FOREIGN_NUMBER_FIRST = re.compile(
    r"(?<![\w])\d{1,4}[A-Za-z]?(?:[ \t]+(?:bis|ter))?,?" + _BREAK + r"(?:rue|avenue|av\.|boulevard|bd|chemin|impasse|"
    r"all[ée]e|quai|place|route|cours|square)" + _BREAK + r"(?:(?:de|du|des|la|le|l['’]|d['’])[ \t]*)*[^\W\d_][\w'’-]*"
    r"(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]*){0,2}",
    re.IGNORECASE,
)


_ADDRESS_WORDS = {"addr", "address", "old", "new", "lives", "lived", "living", "moved", "home", "flat", "house",
                  "stays", "stayed", "staying", "street"}


def find_foreign(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), "ADDRESS", 0.85, "address_foreign") for m in _FOREIGN_NUMBER_FIRST.finditer(text)]
    for m in _FOREIGN_LEADING.finditer(text):
        spans.append(Span(m.start(), m.end(), "ADDRESS", 0.85, "address_foreign"))
    for m in _FOREIGN_GLUED.finditer(text):
        spans.append(Span(m.start(), m.end(), "ADDRESS", 0.85, "address_foreign"))
    for m in _FOREIGN_TRAILING.finditer(text):
        start, value = m.start(), m.group(0)
        # The words before the street name are not part of it ("old addr vilniaus g. 66").
        while (lead := re.match(r"([^\W\d_]+)[ \t]+", value)) and (lead.group(1).lower() in _STOP | _ADDRESS_WORDS):
            start += lead.end()
            value = value[lead.end():]
        # "Marg", "Path", "Nagar" and "g." need a number with them or a capital: "the path" is not a street.
        if any(c.isdigit() for c in value) or value[:1].isupper():
            spans.append(Span(start, m.end(), "ADDRESS", 0.8, "address_foreign"))
    return spans
