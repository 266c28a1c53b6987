"""Names recognised by the form they are written in rather than by the words around them in a sentence.

- inverted, as lists and exports write them: "Guleid, Jama", "TRZPIL, Jacek, Carer, age 35";
- an initial and a surname: "M. Tan", "A. Rubaj", "b. lee";
- the value of a name field in an export or form: "First name: Oluchi", "Next of kin - Franciszek Nowak";
- the line after a sign-off: "Kind regards\\nIda Ochwat";
- names in their own script, checked against the name lexicon: Arabic, Urdu, Persian, Devanagari,
  Cyrillic, Greek, Hebrew, Chinese, Korean ("میرا نام رابعہ راجہ ہے").
Each form still needs name evidence from the lexicons: a word that is an everyday English word and no
known name is never taken on form alone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from deid.lexicons import (
    DAYS,
    FOREIGN_TITLES,
    MONTHS,
    NOT_NAME,
    RELATION_WORDS,
    ROLE_WORDS,
    TITLES,
    countries,
    first_names,
    is_ordinary,
    not_person_words,
    surnames,
    world_places,
)
from deid.types import Span

_W = r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_])|-(?=[^\W\d_]))*"
_INVERTED = re.compile(r"(" + _W + r"(?:[ -]" + _W + r")?),[ \t]*(?:\n[ \t]*)?(" + _W + r"(?:[ \t]" + _W + r")?)")
_LINE_HEAD = re.compile(r"(?:^|[\t|>:=]|\s[-–•*]|^[ \t]*[-–•*])[ \t]*$")
_AFTER_INVERTED = re.compile(r"[ \t]*(?:[,:(\t<|;]|[-–][ \t]|\+?\d|$)", re.MULTILINE)
_INITIALS = re.compile(r"(?<![\w.@/])((?:[A-Z]\.[ \t]?){1,3})(" + _W + r"(?:[ -]" + _W + r")?)")
_LOWER_INITIAL = re.compile(r"(?<![\w.@/])([a-z])\.[ \t](" + _W + r")")
_NOT_BEFORE_INITIAL = frozenset(
    "plan section part appendix grade type vitamin class block flat unit room ward stage level option "
    "question item point figure table annex schedule key step no number".split())
_NAME_FIELD = re.compile(
    r"(?im)^[ \t>*•-]*(?:\|[ \t]*)?(?:(?:full|first|given|last|family|client|child's|child|patient|preferred|"
    r"maiden|birth|mother's|father's|carer's|sw|worker's)[ \t]+)?"
    r"(name|names|forenames?|forename\(s\)|surname|service[ \t]user|next[ \t]of[ \t]kin|nok|emergency[ \t]contact|"
    r"case[ \t]holder|allocated[ \t](?:worker|sw|social[ \t]worker)|key[ \t]?worker|social[ \t]worker|"
    r"named[ \t](?:nurse|worker)|lead[ \t]professional|referrer|referred[ \t]by|reported[ \t]by|completed[ \t]by|"
    r"caller|young[ \t]person|foster[ \t]carers?|carers?|mother|father|mum|dad|parent|guardian|client|patient)"
    r"[ \t]*(?::|[-–=]|\t)[ \t]*([^\n]{1,60})")
_SIGN_OFF = re.compile(
    r"(?im)^[ \t>]*(?:many[ \t]thanks|thanks(?:[ \t]again)?|thank[ \t]you|kind[ \t]regards|best[ \t]regards|"
    r"warm[ \t]regards|warmest[ \t]regards|regards|best[ \t]wishes|best|cheers|sincerely|yours[ \t]sincerely|"
    r"yours[ \t]faithfully|yours|all[ \t]the[ \t]best|take[ \t]care|love|speak[ \t]soon|with[ \t]thanks)"
    r"[ \t]*[,.!]?[ \t]*\n(?:[ \t>]*\n)?[ \t>]*([^\n]{1,60})")
_VALUE_END = re.compile(r"[(<\[|,;\t]|\s[-–]\s|\s\d|\d|@|:|\s{3,}")
_EMPTY_VALUES = frozenset("not known unknown none n/a na nil tbc tba withheld declined refused same as above".split())


def _letters(word: str) -> str:
    return word.replace("’", "'")


def _blocked(low: str) -> bool:
    return (low in NOT_NAME or low in TITLES or low in ROLE_WORDS or low in RELATION_WORDS or low in DAYS
            or low in MONTHS or low in not_person_words() or low in FOREIGN_TITLES)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _known(low: str) -> bool:
    return low in first_names() or low in surnames()


def _name_word(word: str, *, lexicon_only: bool = False) -> bool:
    """A capitalised word that may be part of a name: a known name, or (unless `lexicon_only`) a word
    that is no everyday English word."""
    low = _letters(word).lower()
    if len(low) < 2 or _blocked(low) or not _capitalised(word):
        return False
    if _known(low):
        return True
    return not lexicon_only and not is_ordinary(low)


def _inverted(text: str) -> list[Span]:
    """ "SURNAME, First" at the head of a line or field, followed by a separator or the line's end."""
    out = []
    for m in _INVERTED.finditer(text):
        last, first = m.group(1), m.group(2)
        head = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if not _LINE_HEAD.search(head) and head.strip():
            continue
        if not _AFTER_INVERTED.match(text, m.end()):
            continue
        first_words, last_words = first.split(), re.split(r"[ -]", last)
        if not _capitalised(first_words[0]):
            continue
        if first_words[0].lower() not in first_names():
            # A surname as the given name ("Guleid, Jama") only in a list: a bullet before, a role after.
            after = text[m.end():m.end() + 30].lower()
            role = re.match(r",[ \t]*([\w-]+)", after)
            if not (_name_word(first_words[0]) and (re.search(r"[-–•*\t:]", head)
                                                     or (role and role.group(1) in RELATION_WORDS | ROLE_WORDS))):
                continue
        if _blocked(first_words[0].lower()) or not all(_name_word(w) for w in first_words[1:]):
            continue
        if not all(_name_word(w) for w in last_words):
            continue
        joined = " ".join(last_words).lower()
        if (joined in world_places() and not _known(joined)) or last.lower() in countries():
            continue  # "Leeds, Grace": a place, then a name
        out.append(Span(m.start(1), m.end(2), "PERSON", 0.8, "person_inverted"))
    return out


def _initials(text: str) -> list[Span]:
    """ "M. Tan", "J.K. Rowling", "b. lee": an initial, then a surname from the lexicon or a capitalised
    word that is no everyday word."""
    out = []
    for m in _INITIALS.finditer(text):
        before = text[max(0, m.start() - 20):m.start()].split()
        if before and before[-1].lower().strip(".,:") in _NOT_BEFORE_INITIAL:
            continue
        words = re.split(r"[ -]", m.group(2))
        low = words[0].lower()
        if (len(low) < 2 or _blocked(low) or not _capitalised(words[0]) or low in _STOPS()
                or not (low in surnames() or not is_ordinary(low))):
            continue
        end = m.end(2) if all(_name_word(w) for w in words[1:]) else m.start(2) + len(words[0])
        out.append(Span(m.start(1), end, "PERSON", 0.75, "person_initial"))
    for m in _LOWER_INITIAL.finditer(text):
        low = m.group(2).lower()
        if m.group(1) in "ai" or low in _STOPS() or _blocked(low) or len(low) < 3 or low not in surnames():
            continue
        before = text[max(0, m.start() - 20):m.start()].split()
        if before and before[-1].lower().strip(".,:") in _NOT_BEFORE_INITIAL:
            continue
        out.append(Span(m.start(1), m.end(2), "PERSON", 0.7, "person_initial_lower"))
    return out


def _value_name(text: str, start: int, value: str, source: str) -> Span | None:
    """The name at the start of a field value or signature line, if it is one."""
    cut = _VALUE_END.search(value)
    if cut and value[:cut.start()].strip() and text[start + cut.start()] == "," and re.match(
            r",[ \t]*" + _W, value[cut.start():]):
        # "Kapur, Rayaan": an inverted name as the value
        inv = _INVERTED.match(value)
        if inv and _AFTER_INVERTED.match(value, inv.end()):
            last = re.split(r"[ -]", inv.group(1))
            first = inv.group(2).split()
            if (all(_name_word(w) for w in last) and first[0].lower() in first_names()
                    and all(_name_word(w) for w in first[1:])):
                return Span(start + inv.start(1), start + inv.end(2), "PERSON", 0.8, source)
    head = value[:cut.start()] if cut else value
    words = list(re.finditer(_W + r"\.?", head))
    while words and words[0].group(0).lower().rstrip(".") in TITLES | FOREIGN_TITLES:
        words = words[1:]
    if not words or len(words) > 4:
        return None
    if head[words[-1].end():].strip(" .") or head[:words[0].start()].strip(" .").lower() not in (
            "", *(t for t in TITLES | FOREIGN_TITLES), *(t + "." for t in TITLES | FOREIGN_TITLES)):
        return None  # something other than a name on the line
    tokens = [w.group(0).rstrip(".") for w in words]
    if " ".join(t.lower() for t in tokens) in _EMPTY_VALUES:
        return None
    if not all(_name_word(t) for t in tokens):
        return None
    if len(tokens) == 1 and not _known(tokens[0].lower()) and tokens[0].isupper():
        return None  # "N/A", "TBC", acronyms
    end = words[-1].start() + len(tokens[-1])
    return Span(start + words[0].start(), start + end, "PERSON", 0.8, source)


def _fields(text: str) -> list[Span]:
    out = []
    for m in _NAME_FIELD.finditer(text):
        span = _value_name(text, m.start(2), m.group(2), "person_field")
        if span:
            out.append(span)
    for m in _SIGN_OFF.finditer(text):
        span = _value_name(text, m.start(1), m.group(1), "person_signature")
        if span:
            out.append(span)
    return out


# "hi its X", "this is X", "my name is X", "hola soy X", "jestem X": a person introducing themselves.
_INTRO = re.compile(
    r"(?i)(?<![\w'’])(?:hi[ \t]+it['’]?s|hey[ \t]+it['’]?s|it['’]?s|this[ \t]+is|i['’]?m|i[ \t]+am|my[ \t]+name[ \t]+is|"
    r"name['’]?s|(soy|sou|jestem|tu|čia|cia|aš|sunt|je[ \t]+suis|ich[ \t]+bin|sono|ben|me[ \t]+llamo))[ \t]+,?[ \t]*"
    r"(" + _W + r"(?:(?:[ \t]+|[ \t]*\n[ \t]*)" + _W + r"){0,2})")
# A line holding only a name, followed by an empty line: an e-mail's salutation or a signature.
_ALONE = re.compile(r"(?m)^[ \t>]*(?:(?:hi|hello|dear|morning|afternoon)[ \t]+)?(" + _W + r"(?:[ \t]+" + _W
                    + r"){0,2})[ \t]*,?[ \t]*\n[ \t>]*\n")
_SUBJECT = re.compile(r"(?im)^[ \t>]*(?:subject|re|fw|fwd)[ \t]*:[ \t]*(?:(?:re|fw|fwd)[ \t]*:[ \t]*)*([^\n]{1,60})")
_HEADER = re.compile(r"(?im)^[ \t>]*(?:from|to|cc|sent[ \t]by)[ \t]*:[ \t]*([^\n<(@]{1,60})(?=[<(]|\n|$)")
# A table cell holding a name: between a line start, "|" or a tab and the next "|" or tab.
_CELL = re.compile(r"(?m)(?:^|[|\t])[ \t]*(" + _W + r"(?:[ \t]+(?:" + _W + r"|[A-Z]\.)){1,3})[ \t]*(?=[|\t])")


def _intro(text: str) -> list[Span]:
    out = []
    for m in _INTRO.finditer(text):
        foreign = m.group(1) is not None  # in another language only a known name is taken
        found = list(re.finditer(_W, m.group(2)))
        keep = []
        for k, w in enumerate(found):
            low = w.group(0).lower()
            if low in _STOPS() or _blocked(low) or len(low) < 2:
                break
            if k == 0 and not (low in first_names() and not is_ordinary(low)
                               or not foreign and not is_ordinary(low) and len(low) >= 3 and re.search(r"[aeiouy]", low)):
                break
            if k > 0 and is_ordinary(low) and low not in surnames():
                break
            keep.append(w)
        if keep:
            base = m.start(2)
            out.append(Span(base + keep[0].start(), base + keep[-1].end(), "PERSON", 0.7, "person_intro"))
    return out


def _lines(text: str) -> list[Span]:
    out = []
    for m in _ALONE.finditer(text):
        words = m.group(1).split()
        if all(_name_word(w) for w in words) and any(_known(w.lower()) or not w.isupper() for w in words):
            out.append(Span(m.start(1), m.start(1) + len(m.group(1).rstrip()), "PERSON", 0.7, "person_salutation"))
    for pattern, source in ((_SUBJECT, "person_subject_line"), (_HEADER, "person_header")):
        for m in pattern.finditer(text):
            span = _value_name(text, m.start(1), m.group(1), source)
            if span:
                out.append(span)
    for m in _CELL.finditer(text):
        words = m.group(1).split()
        if (all(_name_word(w) or re.fullmatch(r"[A-Z]\.", w) or w.lower() in ("da", "de", "van", "den", "der", "von", "di")
                for w in words) and words[0][0].isupper() and any(_known(w.lower()) for w in words)):
            out.append(Span(m.start(1), m.end(1), "PERSON", 0.7, "person_cell"))
    return out


# -- names in their own script ------------------------------------------------------------------------
_FOLD = str.maketrans({"ة": "ه", "ہ": "ه", "ۀ": "ه", "ھ": "ه", "ی": "ي", "ى": "ي", "ې": "ي", "ک": "ك",
                       "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ئ": "ي", "ؤ": "و", "ـ": None})
_SCRIPT_WORD = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0900-\u097f\u0980-\u09ff\u0a80-\u0aff"
                          r"\u0400-\u04ff\u0370-\u03ff\u1f00-\u1fff\u0530-\u058f\u10a0-\u10ff\u0b80-\u0bff"
                          r"\u0e00-\u0e7f\u0d80-\u0dff\u0b00-\u0b7f\u200c\u200d"
                          r"\u064b-\u065f\u0670]+")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]{2,4}")
# Everyday function words of those scripts ("is", "my", "name", "and", "I am"), never part of a name.
_SCRIPT_STOPS = frozenset(
    "ہے ہیں تھا تھی کا کی کے میں میرا میری نام اور سے کو یہ وہ ہوں ہو نہیں "
    "است هست من تو او ما نام و را از به در با که این آن "
    "هو هي انا أنا اسمي اسم و في من على الى إلى عن مع هذا هذه رقمي مرحبا "
    "है हैं था थी का की के में मेरा मेरी नाम और से को यह वह हूँ हूं नहीं "
    "и в на с я меня зовут мой моя это не да нет".split())


# "name", "my name (is)", "I am", "called" in those scripts: the next words are a name.
_SCRIPT_NAME_WORDS = "نام اسم اسمي اسمى أنا انا نامم नाम मैं зовут имя звати ім'я όνομα λέγομαι שמי"


@lru_cache(maxsize=1)
def _script_name_words() -> frozenset[str]:
    return frozenset(_fold(w) for w in _SCRIPT_NAME_WORDS.split())


@lru_cache(maxsize=1)
def _script_stops() -> frozenset[str]:
    return frozenset(_fold(w) for w in _SCRIPT_STOPS)


def _fold(word: str) -> str:
    word = "".join(c for c in unicodedata.normalize("NFC", word) if unicodedata.category(c) != "Mn")
    return word.lower().translate(_FOLD).replace("\u200c", "").replace("\u200d", "")


@lru_cache(maxsize=1)
def _script_names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames) of the lexicons written in other scripts, folded (Urdu and Arabic letters
    that differ only in form are one)."""
    def script(names: frozenset[str]) -> frozenset[str]:
        return frozenset(_fold(n) for n in names if any(ord(c) > 0x36f for c in n))

    return script(first_names()), script(surnames())


def _scripts(text: str) -> list[Span]:
    firsts, lasts = _script_names()
    out = []
    words = list(_SCRIPT_WORD.finditer(text))
    i = 0
    while i < len(words):
        w = words[i]
        key = _fold(w.group(0))
        named = i > 0 and _fold(words[i - 1].group(0)) in _script_name_words()
        if key in _script_stops() or len(key) < 2 or not (key in firsts or key in lasts or named):
            i += 1
            continue
        j = i
        while j + 1 < len(words) and j - i < 2 and re.fullmatch(r"[ \t]+", text[words[j].end():words[j + 1].start()]):
            nxt = _fold(words[j + 1].group(0))
            if nxt in _script_stops() or len(nxt) < 2:
                break
            j += 1
            if not (nxt in firsts or nxt in lasts):
                break  # one unknown word after a known name is most often the rest of it
        out.append(Span(w.start(), words[j].end(), "PERSON", 0.7, "person_script"))
        i = j + 1
    for m in _CJK.finditer(text):
        run, k = m.group(0), 0
        called = re.match(r"我(?:是|叫)|名字是|叫", run)
        if called and len(run) > called.end() + 1 and run[called.end()] in lasts:
            k = called.end()
            size = min(2, len(run) - k - 1)
            out.append(Span(m.start() + k, m.start() + k + 1 + size, "PERSON", 0.7, "person_script"))
            k += 1 + size
        while k < len(run):
            if run[k] in lasts:
                for size in (2, 1):
                    if run[k + 1:k + 1 + size] in firsts and len(run[k + 1:k + 1 + size]) == size:
                        out.append(Span(m.start() + k, m.start() + k + 1 + size, "PERSON", 0.6, "person_script"))
                        k += size
                        break
            k += 1
    for m in _HANGUL.finditer(text):
        word = m.group(0)
        if word[0] in lasts and word[1:] in firsts:
            out.append(Span(m.start(), m.end(), "PERSON", 0.6, "person_script"))
    return out


@lru_cache(maxsize=1)
def _STOPS() -> frozenset[str]:  # noqa: N802
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def find(text: str) -> list[Span]:
    return _inverted(text) + _initials(text) + _fields(text) + _intro(text) + _lines(text) + _scripts(text)
