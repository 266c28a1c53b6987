"""Person names: spaCy NER combined with context rules and a first-name lexicon.

Evidence, strongest first:
- a title before the word (Mr, Mrs, Ms, Miss, Dr, PC, DC ...): "Mrs [Holt]";
- a family or role word before it (Mum, Dad, Nan, son, partner, TM, SW, IRO ...): "Mum [Anne]";
- a trigger phrase (called, named, known as, reported by, signed ...);
- the first-name lexicon (gender-guesser's dictionary) for words that are not ordinary English
  words; lower-case names only when common and not an English word ("mum said [jayden]");
- names that are ordinary words (Hope, Grace, Will, Summer, Mark) only with name evidence: a
  proper-noun tag in mid-sentence, a following surname, NER, or the name in an e-mail address;
- spaCy NER PERSON entities, trimmed of role words and of ordinary words, except an ordinary word
  that is capitalised in mid-sentence and tagged as a proper noun ("told Thatcher");
- a capitalised word in mid-sentence, tagged as a proper noun, that is no English word, place or
  country (a surname from another name pool: "mentioned Vardaxis"), or such a word opening a
  sentence as the subject of a verb ("Vardaxis said");
- social-media user names (@handle, u/name) come from recognizers.handle.
A found first name is extended with the following surname-like words ("Kayden Summers", "Priya
FRY", "catherine tyler"), and lists are followed ("Kyle and Ben", "Chioma + Claire").
Role words, agencies, legal terms, days, months are never names (lexicons.NOT_NAME), nor are words
with a clitic in tokenised text ("Don ' t"), hashtags of everyday name-words ("#Hope") or words in
an all-caps run.
"""

from __future__ import annotations

import re

from deid.lexicons import (
    CARE_CONTEXT,
    COMMON_TITLE_WORDS,
    DAYS,
    FOREIGN_TITLES,
    MONTHS,
    NOT_NAME,
    RELATION_WORDS,
    ROLE_WORDS,
    SPORT_CONTEXT,
    SPORTS_TEAMS,
    STREET_SUFFIXES,
    STRONG_TRIGGERS,
    TITLES,
    TRIGGER_PHRASES,
    ambiguous_first_names,
    common_first_names,
    countries,
    first_names,
    is_ordinary,
    not_person_words,
    surnames,
    uk_places,
    world_places,
)
from deid.recognizers import email as email_rec
from deid.recognizers import person_forms
from deid.textutil import Word, after, gap, sentence_initial, words
from deid.types import Span

_TRIGGERS = frozenset(TRIGGER_PHRASES)
_NOT_PROPER = {"VERB", "AUX", "ADP", "ADV", "ADJ", "DET", "PRON", "CCONJ", "SCONJ", "PART", "NUM", "INTJ"}
_MODALS = {"will", "may", "can", "must", "shall", "might", "could", "would", "should"}
_LOWER_TITLES = {"mr", "mrs", "ms", "mx", "dr", "miss"} | FOREIGN_TITLES
_DETERMINERS = {"the", "a", "an", "this", "that", "last", "next", "every", "each", "over", "early", "late", "all",
                "some", "any", "no", "our", "their", "his", "her", "my", "your", "its", "of"}
_TAIL_WORDS = {"school", "primary", "academy", "college", "nursery", "surgery", "practice", "centre", "center",
               "home", "hospital", "court", "house", "lodge", "manor", "grange", "cottage", "trust", "council",
               "team", "unit", "ward", "service", "services", "group", "road", "street", "lane", "avenue", "close",
               "drive", "way", "park", "estate", "view"}
_AGE_AFTER = re.compile(r"\s*\(\s*(?:aged?\s*)?\d{1,2}\s*(?:yo|y/o|yrs?|years?(?:\s+old)?|m|months?)?\s*\)", re.IGNORECASE)
_BELONGS_WORDS = RELATION_WORDS | {
    "family", "case", "placement", "school", "carers", "needs", "plan", "worker", "personal", "room", "bedroom",
    "behaviour", "safety", "file", "record", "referral", "home", "house", "flat", "card", "cards", "nhs", "ni",
    "number", "details", "account", "bank", "phone", "mobile", "address", "gp", "dob", "name", "id", "passport",
    "pension", "benefits", "money", "medication", "meds", "arm", "arms", "leg", "legs", "face", "head", "hand",
    "hands", "back", "eye", "eyes", "neck", "body", "injury", "injuries", "bruise", "bruises", "birthday", "birth",
    "care", "health", "mental", "social", "named", "key", "allocated"}
_BELONGS_AFTER = re.compile(
    r"['’]s?\s+(?:(?:new|old|own|debit|credit|bank|mobile|left|right|younger|older|little|big|baby|twin|half|step|"
    r"birth|foster|biological|current|previous|school|personal|medical|care|support|social)\s+)?(?:"
    + "|".join(sorted(_BELONGS_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# NER labels that do not rule out an unknown capitalised word being a surname.
_UNKNOWN_NER_OK = frozenset({"", "PERSON", "ORG", "PRODUCT", "WORK_OF_ART"})
_NOTE_VERBS = frozenset(
    "says said answered allocated aware present visits visited rang called phoned texted reports reported "
    "confirms confirmed states stated agreed agrees denies denied attended refused disclosed asked wants told "
    "seen missing ok happy declined admitted explained mentioned informed advised sent posted arrived left "
    "lives lived living stays stayed staying moved returned went has had".split())
_REPORTING = frozenset("says said answered rang called phoned texted reports reported confirms confirmed states "
                       "stated denies denied disclosed told sent visits went came allocated aware seen living "
                       "present".split())
_PERSON_OBJECT_VERBS = frozenset(
    "mentioned told asked met saw visited called rang phoned emailed texted thanked blamed accused married "
    "hugged kissed hit hits punched kicked loves loved hates hated likes liked trusts trusted".split())
# A capital inside a word, other than after a surname prefix (McDonald, MacLeod, DeShawn, LaToya, O'Neil).
_CAMEL = re.compile(r"^(?!(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|St|O['’]|D['’])[A-Z])[A-Z]?[a-z]+[A-Z]")
_FAMILY_AFTER = frozenset("family families household children kids twins brothers sisters boys girls case "
                          "parents siblings".split())
_CLOSE_LEAD = frozenset("w tell ask ring call text".split())
# Words before a lower-case name in notes and messages: "tell X", "hi its X", "tc from X re".
_LOWER_LEAD = frozenset("tell told ask asked its it's im i'm from re w w/ with and to for about call ring text "
                        "message".split())
_TITLE_GAP = re.compile(r"\.?[ \t]{1,2}")
_ROLE_GAP = re.compile(r"\s*[,:(-]?\s*[\"'“‘]?")
_NAME_GAP = re.compile(r"[ \t]{1,2}")
_DATE_NEXT = re.compile(r"[ \t]+\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
_WRAP_GAP = re.compile(r"[ \t]?\n[ \t>]*")  # a name wrapped over a line break ("Paul\nCox")
_PARTICLES = frozenset("da de do dos das di del della van von den der ten ter le la du bin ibn al el ó o' mac".split())
_AGE_NEXT = re.compile(r"[ \t]+(?:(?:is|was|who is|now)[ \t]+|,[ \t]*|aged?[ \t]+)?\d{1,2}(?:[ \t]*(?:yo|y/o|yrs?|years?))?"
                       r"(?:\b|(?=yo))(?![:/.,]\d|[ \t]*(?:%|am|pm|minutes|mins|hours|days|weeks|times|x\b))",
                       re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|and|&|\+|or|/)\s*|\s*,\s*and\s*")


def _blocked(w: Word) -> bool:
    low = w.lower
    return (len(w.text) < 2 or low in NOT_NAME or low in TITLES or low in ROLE_WORDS or low in RELATION_WORDS
            or low in DAYS or low in MONTHS or low in FOREIGN_TITLES)


def _titled(prev: Word) -> bool:
    return prev.lower in TITLES or prev.lower in FOREIGN_TITLES


def _capitalised(w: Word) -> bool:
    return w.shape in ("title", "upper")


def _acronym(w: Word) -> bool:
    return w.shape == "upper" and len(w.text) <= 3 and w.lower not in first_names()


def _phrase_before(text: str, ws: list[Word], i: int, k: int) -> str | None:
    """The k words before word i, joined lower case, if only spaces separate them."""
    if i - k < 0:
        return None
    for j in range(i - k + 1, i):
        if not _NAME_GAP.fullmatch(gap(text, ws, j)):
            return None
    return " ".join(ws[j].lower for j in range(i - k, i))


class _Finder:
    def __init__(self, text: str, doc) -> None:  # noqa: ANN001
        self.text = text
        self.ws = words(text, doc)
        self.names = first_names()
        self.common = common_first_names()
        self.amb = ambiguous_first_names()
        self._ord: dict[str, bool] = {}
        self.places = uk_places()
        self.surn = surnames()
        self.not_person_words = not_person_words()
        from spacy.lang.en.stop_words import STOP_WORDS

        self.stops = STOP_WORDS
        self.email_words: set[str] = set()
        for s in email_rec.find(text):
            self.email_words.update(email_rec.local_part_words(text[s.start:s.end]))
        self.heads: dict[int, tuple[float, str]] = {}
        self.about_care = any(w.lower in CARE_CONTEXT for w in self.ws)

    # -- evidence -------------------------------------------------------------------------------
    def accept(self, i: int, score: float, source: str) -> None:
        if i not in self.heads or self.heads[i][0] < score:
            self.heads[i] = (score, source)

    def ordinary(self, word: str) -> bool:
        low = word.lower()
        if low not in self._ord:
            self._ord[low] = is_ordinary(low)
        return self._ord[low]

    def plain_name(self, w: Word, i: int) -> bool:
        """A capitalised first name that is not an everyday word, or is one but is used as a noun here."""
        if not self.is_name(w.lower) or w.lower in self.amb:
            return False
        if self.ordinary(w.lower):
            prev = self.ws[i - 1] if i > 0 else None
            if (prev is not None and prev.shape == "title" and self.ordinary(prev.lower) and not self.is_name(prev.lower)
                    and _NAME_GAP.fullmatch(gap(self.text, self.ws, i))):
                return False  # "Language Line", "Universal Credit": one proper noun of everyday words
            return w.pos == "PROPN" or (w.pos in ("NOUN", "") and not sentence_initial(self.text, self.ws, i))
        return True

    def is_name(self, low: str) -> bool:
        """In the lexicon; hyphenated names count when every part is a first name ("lacey-mae")."""
        if low in self.names:
            return True
        parts = low.split("-")
        return len(parts) > 1 and all(p in self.names or p in self.amb for p in parts) and parts[0] in self.names

    def lower_name(self, w: Word) -> bool:
        # spaCy's tags are unreliable on lower-case unknown words, so no POS test here.
        return (w.shape == "lower" and len(w.text) >= 3 and self.is_name(w.lower) and w.lower not in self.amb
                and w.lower not in self.stops and not self.ordinary(w.lower)
                and (w.lower in self.common or "-" in w.lower or w.pos == "PROPN" or w.ent == "PERSON"))

    def lower_name_in_context(self, w: Word) -> bool:
        """Lower-case first name after a clear name context (may be a rare dictionary word: "molly")."""
        if w.shape != "lower" or len(w.text) < 3 or not self.is_name(w.lower) or w.lower in self.amb:
            return False
        if w.lower in self.stops:
            return False
        return not self.ordinary(w.lower) or w.pos in ("PROPN", "NOUN", "")

    def named_by_what_follows(self, w: Word, i: int) -> bool:
        """A lower-case word is a name, even an everyday one ("mason", "jade"), when an age follows it
        ("mason (age 7)", "poppy (6yo)") or a possessive ties a person to it ("darcey's family")."""
        if w.shape != "lower" or len(w.text) < 3 or w.lower in self.stops or _blocked(w):
            return False
        if i > 0 and self.ws[i - 1].lower in _DETERMINERS:
            return False  # "the cat (3)", "the team's plan"
        everyday = self.ordinary(w.lower) or w.lower in self.amb
        if not self.is_name(w.lower) and (everyday or w.lower in self.places):
            return False
        rest = self.text[w.end:w.end + 30]
        age = _AGE_AFTER.match(rest)
        if age:
            # An everyday word needs the age spelt out ("mason (age 7)"); "(3)" alone could count anything.
            return not everyday or bool(re.search(r"[a-z]", age.group(0), re.IGNORECASE))
        if w.possessive and not everyday and self.is_name(w.lower):
            return True  # "amy's mental health": a first name that is no English word, owning something
        if not (w.possessive and _BELONGS_AFTER.match(rest)):
            return False
        # "jade's mum" yes; "will's mum", "grace's school" stay: those names are too often words.
        return not everyday or (self.is_name(w.lower) and w.lower not in self.amb)

    def not_person(self, i: int) -> bool:
        """A capitalised word that on weak evidence names something else: a nationality, a religion, a
        language, a brand, a job title, or a club where sport is being talked about ("Chelsea v Arsenal")."""
        w = self.ws[i]
        if w.lower in self.not_person_words or w.lower in countries() or self.hashtag(i):
            return True  # "Syria", "#Peace"
        if w.shape != "lower" and self.after_article(i):
            return True  # "the Borg", "a Clarke", "the other AGRA drives"
        if re.search(r"(.)\1\1|^(?:a+r+g+h+|a+w+|u+g+h+|h+m+|o+h+|a+h+)$", w.lower) or _CAMEL.search(w.text):
            return True  # "Nooooo", "Arghh": a cry; "WiFi", "KyState", "AmA": a brand or a hashtag
        if re.match(r",[ \t]*[A-Z]{2}\b", self.text[w.end:w.end + 5]) and w.lower in world_places():
            return True  # "Regina, SK", "Austin, TX": a town and its state
        if w.ent == "NORP" and not (self.is_name(w.lower) or w.lower in self.surn):
            return True
        if w.lower in SPORTS_TEAMS:
            near = [self.ws[j].lower for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < len(self.ws)]
            return any(n in SPORT_CONTEXT or n in SPORTS_TEAMS for n in near)
        return False

    def person_verb_near(self, i: int) -> bool:
        """A verb that only people do is next to the word ("Vardaxis said", "mentioned Vardaxis")."""
        prev = self.ws[i - 1] if i > 0 else None
        nxt = self.ws[i + 1] if i + 1 < len(self.ws) else None
        if nxt is not None and (nxt.lower in _REPORTING or nxt.shape == "lower" and nxt.pos in ("AUX", "VERB")
                                and nxt.lower not in ("to", "have")):
            return True  # "Vardaxis said", "Okonjo is better"
        if prev is not None and prev.lower == "with" and i >= 2 and self.ws[i - 2].pos in ("AUX", "VERB"):
            return True  # "was with Kerensa", "stays with Okafor": company is kept with people
        return prev is not None and (prev.lower in _PERSON_OBJECT_VERBS or prev.shape == "lower" and prev.pos == "VERB")

    def lower_age_after(self, i: int) -> bool:
        m = _AGE_NEXT.match(self.text, self.ws[i].end)
        if not m:
            return False
        rest = self.text[m.end():m.end() + 12]
        spelt = bool(re.search(r"yo|y/o|yr|year|is|was|aged?", m.group(0), re.IGNORECASE))
        everyday = self.ordinary(self.ws[i].lower) or self.ws[i].lower in self.amb
        follows = re.match(r"[ \t]+(?:in|at|lives|attends|is|was|has|not|and|with)\b", rest) is not None
        head = i == 0 or bool(re.search(r"(?:^|[\n.;•*]|\s[-–])\s*$", self.text[max(0, self.ws[i].start - 4):self.ws[i].start]))
        return spelt and (not everyday or head) or follows and head

    def after_article(self, i: int) -> bool:
        """Outside care texts, an article or "other" before a capitalised word makes it a thing ("the Prem",
        "a Clarke"), unless a family follows ("the Kowalski family", "the Smiths' house")."""
        ws = self.ws
        if self.about_care:
            return False  # in care notes "the Kowalski referral" is a family's name
        j = i - 1
        if j >= 0 and ws[j].lower == "other":
            j -= 1
        if j < 0 or ws[j].lower not in ("the", "a", "an"):
            return False
        k = i
        while k + 1 < len(ws) and ws[k + 1].shape in ("title", "upper") and k - i < 2:
            k += 1
        nxt = ws[k + 1].lower if k + 1 < len(ws) else ""
        return nxt not in _FAMILY_AFTER and not ws[k].possessive

    def month_as_name(self, i: int) -> bool:
        """A month that is a first name ("Jan", "April", "June"): capitalised, with no number beside it, and
        owning something or doing something ("Jan's arm", "Jan is 8", "April said")."""
        w = self.ws[i]
        if w.shape != "title" or w.lower in ("mar", "sept", "sep", "oct", "nov", "dec", "feb", "aug", "apr", "jun",
                                            "jul", "march", "may"):
            return False
        before, after = self.text[max(0, w.start - 8):w.start], self.text[w.end:w.end + 4]
        if (re.search(r"\d(?:st|nd|rd|th)?[\s,/.-]*(?:of\s+)?$", before, re.IGNORECASE)
                or re.match(r"[\s,/.'’-]*\d", after)) or (i > 0 and self.ws[i - 1].lower in _DETERMINERS | {"in", "since", "until",
                                                                                        "from", "by", "of", "mid"}):
            return False
        if w.possessive:
            return bool(_BELONGS_AFTER.match(self.text[w.end:w.end + 30])) or w.pos == "PROPN"
        nxt = self.ws[i + 1] if i + 1 < len(self.ws) else None
        return (nxt is not None and nxt.shape == "lower" and nxt.pos in ("AUX", "VERB")
                and nxt.lower not in _MODALS and _NAME_GAP.fullmatch(gap(self.text, self.ws, i + 1)) is not None)

    def lower_subject(self, i: int) -> bool:
        """A lower-case name in a note, known from what it does ("ngozi answered", "nair allocated", "carol
        says") or from speaking ("rebeka: ..."): a first name or surname from the lexicons; an everyday word
        ("carol", "frank") only at the head of a clause and before a reporting verb."""
        w, ws = self.ws[i], self.ws
        low = w.lower
        if len(low) < 3 or low in self.stops or _blocked(w) or low in self.amb and low not in self.names:
            return False
        if not (self.is_name(low) or low in self.surn):
            return False
        ordinary = self.ordinary(low)
        after = self.text[w.end:w.end + 3]
        head = i == 0 or bool(re.search(r"(?:^|[\n.;•*\]]|\s[-–]|\s/)\s*$", self.text[max(0, w.start - 4):w.start]))
        if re.match(r":\s", after) and head and not w.possessive:
            return not ordinary  # "rebeka: kvetoslav is 16"
        prev = ws[i - 1].lower if i > 0 else ""
        if prev in _CLOSE_LEAD and low in self.names and low not in self.amb and not w.possessive:
            return True  # "w/ barry", "tell stella"
        nxt = ws[i + 1] if i + 1 < len(ws) else None
        if nxt is None or w.possessive or not _NAME_GAP.fullmatch(gap(self.text, ws, i + 1)):
            return False
        verb = ws[i + 2].lower if nxt.lower == "not" and i + 2 < len(ws) else nxt.lower
        if verb in _NOTE_VERBS:
            if not ordinary or (head or prev in _LOWER_LEAD) and verb in _REPORTING:
                return True
            # "when molly rang", "confirms amelia not seen": a first name before a reporting verb, not after a
            # determiner or adjective ("the frank said")
            return (verb in _REPORTING and low in self.names and low not in self.amb and prev not in _DETERMINERS
                    and (i == 0 or ws[i - 1].pos not in ("DET", "ADJ", "PRON")))
        if nxt.lower in ("is", "was") and re.match(r"\s+(?:is|was)\s+\d", self.text[w.end:w.end + 10]):
            return True  # "frank is 16"
        return prev in _LOWER_LEAD and not ordinary

    def heading(self, i: int) -> bool:
        """An all-caps word among all-caps neighbours is a heading, not a name."""
        ws = self.ws
        if ws[i].shape != "upper":
            return False
        neighbours = [ws[j] for j in (i - 1, i + 1) if 0 <= j < len(ws)]
        return bool(neighbours) and all(n.shape == "upper" for n in neighbours)

    def lexicon_surname(self, x: Word, places: bool = True) -> bool:
        """A capitalised surname from the lexicon, even one that is also a title or a word ("Lord", "Foster",
        "Pope"), but never a family or role word ("Mum", "Nurse") or a place word ("Road")."""
        low = x.lower
        return (low in self.surn and len(low) >= 2 and low not in self.stops and low not in RELATION_WORDS
                and low not in ROLE_WORDS and low not in DAYS and (not places or low not in STREET_SUFFIXES
                                                                   and low not in _TAIL_WORDS)
                and (low not in self.not_person_words or not places) and low not in FOREIGN_TITLES
                and (low not in NOT_NAME or low in TITLES or low in ("foster", "may") or not places))

    def particle_surname(self, k: int) -> int:
        """The index of the surname after one or two particles starting at k ("da Costa", "van den Pol",
        "Ó Maolalaigh"), or 0."""
        ws, text = self.ws, self.text
        j = k
        while j < len(ws) and j - k < 2 and ws[j].lower in _PARTICLES and ws[j].shape in ("lower", "title"):
            j += 1
        if j == k or j >= len(ws) or not all(_NAME_GAP.fullmatch(gap(text, ws, x)) for x in range(k + 1, j + 1)):
            return 0
        x = ws[j]
        if _capitalised(x) and not _blocked(x) and (self.lexicon_surname(x) or not self.ordinary(x.lower)):
            return j
        return 0

    def capitalised_after(self, x: Word) -> bool:
        """A capitalised word follows `x` ("Victoria Ward Block"): `x` is inside a longer proper name."""
        m = re.match(r"[ \t]{1,2}([A-Z])", self.text[x.end:x.end + 3])
        return m is not None

    def lower_pair(self, i: int) -> bool:
        """A lower-case first name and surname ("mark donnelly", "grace patterson", "faith may"): both from the
        lexicons; when both are also everyday words, only after a word that introduces a person."""
        ws = self.ws
        w = ws[i]
        if i + 1 >= len(ws) or w.possessive or not _NAME_GAP.fullmatch(gap(self.text, ws, i + 1)):
            return False
        x = ws[i + 1]
        if (x.shape != "lower" or len(w.text) < 3 or len(x.text) < 3 or w.lower in self.stops
                or x.lower in self.stops or _blocked(w) or not self.is_name(w.lower) or x.lower not in self.surn
                or x.lower in STREET_SUFFIXES or x.lower in _TAIL_WORDS or _blocked(x) or "'" in w.text):
            return False
        if (self.ordinary(x.lower) or x.lower in self.amb) and x.pos in ("VERB", "AUX", "ADP", "ADV", "PRON", "DET"):
            return False  # "tobias said"
        everyday = self.ordinary(w.lower) or w.lower in self.amb
        if everyday and w.pos in ("VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "ADV"):
            return False  # "said tobias", "will griffin" stays to the rules for "will"
        if not everyday or not self.ordinary(x.lower):
            return True
        prev = ws[i - 1] if i > 0 else None
        return prev is not None and (prev.lower in _LOWER_LEAD or prev.lower in RELATION_WORDS
                                     or prev.lower in ROLE_WORDS or prev.lower in ("of", "by", "re", "for", "on"))

    def surname_like(self, x: Word, head: Word) -> bool:
        if x.lower in MONTHS and x.shape in ("title", "upper") and head.shape != "lower" and x.lower != "may" or (
                x.lower == "may" and x.shape == "upper"):
            return True  # "Chase May", "Megan MAY" (a month after a first name)
        if (x.shape == "upper" or head.shape == "title" and x.shape == "title") and self.lexicon_surname(
                x, places=not self.is_name(head.lower) or self.capitalised_after(x)):
            return True  # "Florin Lord", "Priya FRY", "Sarah COX", "Emma Foster", "Grace Ward"
        if _blocked(x) or x.lower in STREET_SUFFIXES or x.lower in _TAIL_WORDS:
            return False
        if head.shape == "lower":
            if x.shape != "lower" or len(x.text) < 2 or x.lower in self.stops or x.lower in _NOTE_VERBS:
                return False
            return not self.ordinary(x.lower) or x.pos in ("PROPN", "NOUN")
        if x.shape == "upper":
            return len(x.text) >= 2 and not (len(x.text) <= 3 and x.lower not in self.names)
        if x.shape == "title":
            # After a capitalised first name, a capitalised word is a surname even when it is also an
            # everyday word ("Darren Pike", "Leah Fox"): mid-sentence capitals mean a name.
            return (not self.ordinary(x.lower) or x.pos == "PROPN" or x.lower in self.names
                    or (head.shape == "title" and x.lower not in self.stops and len(x.text) >= 3
                        and x.pos not in ("VERB", "AUX")))
        return False

    def run(self) -> list[Span]:
        text, ws = self.text, self.ws
        for i, w in enumerate(ws):
            prev = ws[i - 1] if i > 0 else None
            if (w.lower in MONTHS and prev is not None and prev.lower in TITLES and _capitalised(w)
                    and _TITLE_GAP.fullmatch(gap(text, ws, i))):
                self.accept(i, 0.9, "person_title")  # "DC May"
                continue
            if w.lower in MONTHS and self.month_as_name(i):
                self.accept(i, 0.6, "person_month_name")  # "Jan is 8", "April's mum"
                continue
            if (prev is not None and _titled(prev) and _capitalised(w) and self.lexicon_surname(w, places=False)
                    and _TITLE_GAP.fullmatch(gap(text, ws, i)) and not prev.possessive):
                self.accept(i, 0.9, "person_title")  # "Ms. Ward", "Mr Lord"
                continue
            if _blocked(w) or self.heading(i) or self.contraction(i) or (w.shape == "upper" and len(w.text) <= 2):
                continue
            g = gap(text, ws, i)
            cap = _capitalised(w) and not _acronym(w)
            verbish = w.pos in _NOT_PROPER
            # a) title
            if prev is not None and _titled(prev) and not prev.possessive and _TITLE_GAP.fullmatch(g):
                near_miss = prev.lower == "miss" and i > 1 and ws[i - 2].lower == "near"
                sentence_end = "." in g and len(prev.text) > 4  # "the named nurse. Risk ...": no title
                lower_ok = (not sentence_end and w.shape == "lower" and w.lower not in self.stops and not near_miss
                            and "'" not in w.text
                            and (prev.shape != "lower" or prev.lower in _LOWER_TITLES)
                            and (prev.lower != "miss" or not self.ordinary(w.lower)))
                if not sentence_end and ((cap and not near_miss) or lower_ok):
                    self.accept(i, 0.95, "person_title")
                    continue
            # b) family / role word
            if (prev is not None and not prev.possessive and (prev.lower in RELATION_WORDS or prev.lower in ROLE_WORDS)
                    and _ROLE_GAP.fullmatch(g)):
                if cap and not (self.ordinary(w.lower) and verbish):
                    self.accept(i, 0.85, "person_relation")
                    continue
                if ((self.lower_name_in_context(w) and ("," not in g or not self.ordinary(w.lower)))
                        or (w.shape == "lower" and w.lower in self.email_words)):
                    self.accept(i, 0.75, "person_relation")
                    continue
            # c) trigger phrases
            if _ROLE_GAP.fullmatch(g):
                for k in (3, 2, 1):
                    phrase = _phrase_before(text, ws, i, k)
                    if phrase is None or phrase not in _TRIGGERS:
                        continue
                    strong = phrase in STRONG_TRIGGERS
                    if not strong and self.not_person(i):
                        break  # "Tottenham and Chelsea fans"
                    if cap:
                        if strong and not (self.ordinary(w.lower) and verbish):
                            self.accept(i, 0.85, "person_trigger")
                        elif self.plain_name(w, i) or w.ent == "PERSON":
                            self.accept(i, 0.8, "person_trigger")
                    elif self.lower_name_in_context(w) and (strong or not self.ordinary(w.lower)):
                        self.accept(i, 0.7, "person_trigger")
                    break
            # d) lexicon
            nxt = ws[i + 1] if i + 1 < len(ws) else None
            nxt_joined = nxt is not None and not w.possessive and bool(_NAME_GAP.fullmatch(gap(text, ws, i + 1)))
            if self.not_person(i):
                continue
            if (_capitalised(w) and not w.possessive and (self.is_name(w.lower) or not self.ordinary(w.lower))
                    and w.shape == "title" and w.lower not in self.stops and _AGE_NEXT.match(text, w.end)
                    and not _DATE_NEXT.match(text, w.end)):
                self.accept(i, 0.7, "person_age_after")  # "Molly is 3", "Grace is 10 and", "Ana, 86,"
                continue
            if (w.shape == "lower" and self.is_name(w.lower) and w.lower not in self.stops and len(w.text) >= 3
                    and not w.possessive and self.lower_age_after(i)):
                self.accept(i, 0.65, "person_age_after")  # "tara 6 in nursery", "jack 12yo"
                continue
            if cap and w.possessive and _BELONGS_AFTER.match(text[w.end:w.end + 30]) and (
                    self.is_name(w.lower) or w.lower in self.surn or not self.ordinary(w.lower)):
                self.accept(i, 0.75, "person_possessive")  # "Kiyasi's son", "Hope's mum"
                continue
            if w.shape == "lower" and self.lower_pair(i):
                self.accept(i, 0.65, "person_lower_pair")
                self.accept(i + 1, 0.65, "person_lower_pair")
                continue
            if w.shape == "lower" and self.lower_subject(i):
                self.accept(i, 0.6, "person_note_subject")  # "ngozi answered", "nair allocated"
                continue
            if cap:
                if self.plain_name(w, i):
                    if w.shape != "upper" or len(w.text) >= 4 or (
                            nxt_joined and nxt.shape == "upper" and not _blocked(nxt)):
                        self.accept(i, 0.7, "person_lexicon")
                elif w.lower in self.amb:
                    if self.hashtag(i) or (w.shape == "upper" and len(w.text) <= 3):
                        continue  # "#Hope", "#Faith": a topic
                    if (nxt_joined and _capitalised(nxt) and self.ordinary(nxt.lower) and nxt.lower not in self.surn
                            and not self.is_name(nxt.lower)) or w.lower in COMMON_TITLE_WORDS:
                        continue  # "Crystal Palace", "Fox News", "Star Trek": one proper noun of everyday words
                    starts = sentence_initial(text, ws, i)
                    if starts and nxt is not None and nxt.pos in ("ADP", "DET", "PART", "ADV"):
                        continue  # "Mark on the chronology", "Hope to close"
                    if w.possessive and w.pos in ("PROPN", "NOUN"):
                        self.accept(i, 0.6, "person_possessive")  # "Joy's NHS number"
                    elif (starts and w.pos == "PROPN" and nxt is not None and nxt.pos in ("AUX", "VERB")
                          and w.lower not in _MODALS and w.lower not in MONTHS):
                        self.accept(i, 0.55, "person_subject")  # "Faith was annoyed"
                    elif w.ent == "PERSON" and not verbish:
                        self.accept(i, 0.7, "person_ner_lexicon")
                    elif w.lower in self.email_words and not verbish:
                        self.accept(i, 0.7, "person_email_name")
                    elif w.pos == "PROPN" and not starts and (prev is None or prev.lower not in _DETERMINERS):
                        self.accept(i, 0.6, "person_propn")
                    elif (nxt_joined and _capitalised(nxt) and self.surname_like(nxt, w)
                          and (nxt.shape == "upper" or not self.ordinary(nxt.lower)
                               or (nxt.pos == "PROPN" and w.pos == "PROPN"))):
                        self.accept(i, 0.7, "person_first_surname")
                elif (w.shape == "title" and nxt_joined and nxt.shape in ("title", "upper") and w.pos == "PROPN"
                      and nxt.pos == "PROPN" and not self.ordinary(w.lower) and not self.ordinary(nxt.lower)
                      and not _blocked(nxt) and nxt.lower not in _TAIL_WORDS and nxt.lower not in STREET_SUFFIXES
                      and w.lower not in self.places and nxt.lower not in self.places
                      and f"{w.lower} {nxt.lower}" not in self.places):
                    self.accept(i, 0.6, "person_propn_pair")  # unknown given name + surname
                elif (self.about_care or self.person_verb_near(i)) and self.unknown_proper(w, i):
                    self.accept(i, 0.5, "person_unknown_propn")  # "told Okonjo", "with Vantry"
            elif self.lower_name(w):
                self.accept(i, 0.55, "person_lexicon_lower")
            elif self.named_by_what_follows(w, i):
                self.accept(i, 0.6, "person_followed")
            elif (self.lower_name_in_context(w) and nxt_joined and nxt.shape == "lower"
                  and not self.ordinary(nxt.lower) and nxt.lower not in self.stops and not _blocked(nxt)
                  and len(nxt.text) >= 2):
                self.accept(i, 0.65, "person_lower_pair")
        self.ner()
        spans = self.follow_back(self.extend())
        return self.follow_lists(spans)

    def ner(self) -> None:
        ws = self.ws
        i = 0
        while i < len(ws):
            if ws[i].ent != "PERSON":
                i += 1
                continue
            j = i
            while j + 1 < len(ws) and ws[j + 1].ent == "PERSON" and _NAME_GAP.fullmatch(gap(self.text, ws, j + 1)):
                j += 1
            group = [k for k in range(i, j + 1) if not _blocked(ws[k]) and not _acronym(ws[k]) and not self.contraction(k)
                     and not self.heading(k)]
            i = j + 1
            if not group:
                continue
            members = [ws[k] for k in group]
            while members and self.weak_ner_word(members[0], group[0]):
                members, group = members[1:], group[1:]
            while members and self.weak_ner_word(members[-1], group[-1]):
                members, group = members[:-1], group[:-1]
            if not members:
                continue
            if any(self.not_person(k) for k in group):
                continue  # "Chelsea fans", "the Brazilian", "Samsung"
            if all(self.ordinary(m.lower) and not self.is_name(m.lower) and m.lower not in self.surn for m in members):
                continue  # "File Photo", "Golden Eagle", "Guest Program": everyday words with capitals
            if len(members) == 1 and members[0].shape == "upper" and len(members[0].text) <= 3:
                continue  # "ART", "MU": an acronym
            if any(m.lower in COMMON_TITLE_WORDS for m in members) and not any(
                    self.is_name(m.lower) and m.lower not in self.amb for m in members):
                continue  # "Star Trek", "Fox News", "Language Line": a title, not a person
            if any(m.shape == "lower" and m.lower not in self.common for m in members) and not self.lower_full_name(members):
                continue
            if any(m.shape == "lower" and not (self.is_name(m.lower) or m.lower in self.surn) for m in members):
                continue  # "vida parece ser": lower-case words of another language, not a name
            if self.after_article(group[0]):
                continue  # "the Golden Eagle", "a Clarke"
            if len(members) == 1:
                m = members[0]
                if (self.ordinary(m.lower) or m.lower in self.amb) and (
                        m.pos in _NOT_PROPER or sentence_initial(self.text, ws, group[0])):
                    continue
                if m.shape not in ("title", "upper", "lower"):
                    continue
            for k in group:
                self.accept(k, 0.7, "person_ner")

    def proper_mid_sentence(self, w: Word, i: int) -> bool:
        """Capitalised, tagged as a proper noun and not at the start of a sentence or line: the writer chose
        the capital ("he rang Trump", "Mum said Gale was there"), so the word is used as a name."""
        if not (w.shape == "title" and w.pos == "PROPN" and w.lower not in self.amb and not self.hashtag(i)
                and not sentence_initial(self.text, self.ws, i) and not self.contraction(i)):
            return False
        nxt = self.ws[i + 1] if i + 1 < len(self.ws) else None
        # "Pathway Plan", "Family Group Conference": capitalised words naming a process or a place.
        return not (nxt is not None and _capitalised(nxt) and _NAME_GAP.fullmatch(gap(self.text, self.ws, i + 1))
                    and (nxt.lower in NOT_NAME or nxt.lower in _TAIL_WORDS or nxt.lower in STREET_SUFFIXES))

    def unknown_proper(self, w: Word, i: int) -> bool:
        """A capitalised word in mid-sentence that is no English word, place, country or known term, tagged as a
        proper noun: in a narrative about people that is most often a surname from outside our name lists.
        spaCy's small model often calls such a word ORG or PRODUCT, so those labels do not veto it; places and
        nationalities (GPE, LOC, NORP, FAC) do."""
        known = self.is_name(w.lower) or w.lower in self.surn
        if not (len(w.text) >= 3 and (w.ent in _UNKNOWN_NER_OK or known) and not self.ordinary(w.lower)
                and w.lower not in world_places() and w.lower not in countries()):
            return False
        if self.proper_mid_sentence(w, i):
            return True
        # At the start of a sentence the capital proves nothing, but an unknown word that is the subject of a
        # verb in lower case ("Okonjo said", "Vantry was seen") is a name.
        nxt = self.ws[i + 1] if i + 1 < len(self.ws) else None
        return (w.shape == "title" and w.pos == "PROPN" and sentence_initial(self.text, self.ws, i)
                and not self.hashtag(i) and not w.possessive and nxt is not None and nxt.pos in ("AUX", "VERB")
                and nxt.shape == "lower" and _NAME_GAP.fullmatch(gap(self.text, self.ws, i + 1)) is not None)

    def weak_ner_word(self, w: Word, i: int) -> bool:
        """An everyday word at the edge of an NER PERSON entity, unless it is plainly used as a name."""
        return self.ordinary(w.lower) and w.lower not in self.names and not self.proper_mid_sentence(w, i)

    def lower_full_name(self, members: list[Word]) -> bool:
        """Lower-case NER name of two or three words: a common first name, then words that are not everyday
        words ("kim oduya")."""
        return (1 < len(members) <= 3 and members[0].lower in self.common and members[0].lower not in self.amb
                and all(m.shape == "lower" and len(m.text) >= 2 and not self.ordinary(m.lower)
                        and m.lower not in self.stops for m in members[1:]))

    def hashtag(self, i: int) -> bool:
        """The word is (the start of) a hashtag: a topic, written capitalised by convention."""
        return gap(self.text, self.ws, i).rstrip(" ").endswith("#")

    def contraction(self, i: int) -> bool:
        """ "Don't", "won ' t" (tokenised text): the word is a verb with a clitic, not a name."""
        return bool(re.match(r"\s?['’]\s?(?:t|ll|ve|re|d|m)\b", self.text[self.ws[i].end:self.ws[i].end + 5], re.IGNORECASE))

    def extend(self) -> list[tuple[int, int, float, str]]:
        ws, text = self.ws, self.text
        spans: list[tuple[int, int, float, str]] = []
        covered_until = -1
        for i in sorted(self.heads):
            if i <= covered_until:
                continue
            score, source = self.heads[i]
            j = i
            while j + 1 < len(ws) and j - i < 4 and not ws[j].possessive:
                g = gap(text, ws, j + 1)
                if self.contraction(j + 1):
                    break  # "ken don ' t"
                if _NAME_GAP.fullmatch(g) and (j + 1 in self.heads or self.surname_like(ws[j + 1], ws[i])):
                    j += 1
                elif _NAME_GAP.fullmatch(g) and self.particle_surname(j + 1):
                    j = self.particle_surname(j + 1)  # "Ana da Costa", "Dean van den Pol"
                elif (_WRAP_GAP.fullmatch(g) and j == i and ws[i].shape != "lower" and self.is_name(ws[i].lower)
                      and _capitalised(ws[j + 1]) and (self.lexicon_surname(ws[j + 1]) or not self.ordinary(ws[j + 1].lower))
                      and not _blocked(ws[j + 1])):
                    j += 1  # "Paul\nCox": a name wrapped over a line break
                else:
                    break
            spans.append((i, j, score, source))
            covered_until = j
        return spans

    def follow_back(self, spans: list[tuple[int, int, float, str]]) -> list[tuple[int, int, float, str]]:
        """A first name just before a found name belongs to it ("lee [Kowalski]") or is listed with it
        ("riley & [Kai]"), even in lower case and even when it is also an everyday word."""
        ws, text = self.ws, self.text
        covered = {k for i, j, _, _ in spans for k in range(i, j + 1)}
        out = []
        for i, j, score, source in sorted(spans, reverse=True):
            k = i - 1
            while k >= 0 and k not in covered and i - k <= 2:
                x = ws[k]
                first = (self.is_name(x.lower) and x.lower not in self.amb and x.lower not in self.stops
                         and not _blocked(x) and len(x.text) >= 3 and not x.possessive)
                if not first:
                    break
                joined = gap(text, ws, k + 1)
                if _NAME_GAP.fullmatch(joined) and x.shape == ws[i].shape:
                    i = k  # first name + surname
                elif _LIST_GAP.fullmatch(joined) and (x.shape == "lower" or _capitalised(x)):
                    out.append((k, k, min(score, 0.65), "person_list_before"))
                    covered.add(k)
                    break
                else:
                    break
                covered.add(k)
                k -= 1
            out.append((i, j, score, source))
        return sorted(out)

    def follow_lists(self, spans: list[tuple[int, int, float, str]]) -> list[Span]:
        ws, text = self.ws, self.text
        done = {(i, j) for i, j, _, _ in spans}
        starts = {i for i, _, _, _ in spans}
        queue = list(spans)
        while queue:
            i, j, score, source = queue.pop()
            k = j + 1
            if k >= len(ws) or k in starts:
                continue
            if not _LIST_GAP.fullmatch(after(text, ws, j)) or ws[j].possessive:
                continue
            x = ws[k]
            if _blocked(x) or _acronym(x) or self.not_person(k):
                continue
            ok = (_capitalised(x) and (x.lower in self.names or x.ent == "PERSON"
                                       or (x.pos == "PROPN" and not self.ordinary(x.lower)))
                  and not (self.ordinary(x.lower) and x.pos in _NOT_PROPER))
            ok = ok or (ws[i].shape == "lower" and self.lower_name_in_context(x))
            if not ok:
                continue
            end = k
            while (end + 1 < len(ws) and end - k < 2 and not ws[end].possessive
                   and _NAME_GAP.fullmatch(gap(text, ws, end + 1)) and self.surname_like(ws[end + 1], x)):
                end += 1
            if (k, end) not in done:
                done.add((k, end))
                starts.add(k)
                item = (k, end, min(score, 0.7), "person_list")
                spans.append(item)
                queue.append(item)
        return [Span(ws[i].start, ws[j].end, "PERSON", score, source) for i, j, score, source in sorted(spans)]


def find(text: str, doc=None) -> list[Span]:  # noqa: ANN001
    spans = _Finder(text, doc).run() + person_forms.find(text)
    # One or two capitals alone ("MA", "ON", "OH") are codes and states, never a whole name.
    return [s for s in spans if not re.fullmatch(r"[A-Z]{1,2}", text[s.start:s.end])]


def is_name_word(word: str) -> bool:
    """True for a word that is a first name and not an ordinary English word."""
    low = word.lower()
    return low in first_names() and low not in ambiguous_first_names() and not is_ordinary(low)
