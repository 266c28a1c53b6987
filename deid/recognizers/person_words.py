"""What a word's form and neighbours say about it: a first name, a surname, an everyday word, or
something that is not a person (a nationality, a club, a cry, a heading)."""

from __future__ import annotations

import re

from deid.lexicons import (
    NATIONALITIES,
    NOT_NAME,
    SPORT_CONTEXT,
    SPORTS_TEAMS,
    STREET_SUFFIXES,
    countries,
    is_ordinary,
    world_places,
)
from deid.recognizers.person_rules import (
    _AGE_AFTER,
    _AGE_NEXT,
    _BELONGS_AFTER,
    _CAMEL,
    _CLOSE_LEAD,
    _DETERMINERS,
    _FAMILY_AFTER,
    _LOWER_LEAD,
    _MODALS,
    _NAME_GAP,
    _NOTE_VERBS,
    _PERSON_OBJECT_VERBS,
    _REPORTING,
    _TAIL_WORDS,
    _UNKNOWN_NER_OK,
    _blocked,
    _capitalised,
)
from deid.textutil import Word, gap, sentence_initial


class WordEvidence:
    """The tests on one word of the text, for the person finder."""

    # Set by the finder (person._Finder) for the text it reads.
    text: str
    ws: list[Word]
    names: frozenset[str]
    common: frozenset[str]
    amb: frozenset[str]
    _ord: dict[str, bool]
    places: frozenset[str]
    surn: frozenset[str]
    not_person_words: frozenset[str]
    stops: set[str]
    about_care: bool

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
                and not ("-" in w.lower and all(self.ordinary(part) for part in w.lower.split("-")))  # "vice-captain"
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
        if _demonym(w.lower):
            return True  # "the Czechs", "a Franco-African summit", "Anglo-Irish"
        if "-" in w.lower and any(self.place_not_name(part) for part in w.lower.split("-")):
            return True  # "the Lyon-Marseille game", "a Gdansk-Warsaw route": places joined, not a double surname
        if w.shape != "lower" and self.after_article(i):
            return True  # "the Borg", "a Clarke", "the other AGRA drives"
        if re.search(r"(.)\1\1|^(?:a+r+g+h+|a+w+|u+g+h+|h+m+|o+h+|a+h+)$", w.lower) or _CAMEL.search(w.text):
            return True  # "Nooooo", "Arghh": a cry; "WiFi", "KyState", "AmA": a brand or a hashtag
        if re.match(r",[ \t]*[A-Z]{2}\b", self.text[w.end:w.end + 5]) and w.lower in world_places():
            return True  # "Regina, SK", "Austin, TX": a town and its state
        if w.ent == "NORP" and not (self.is_name(w.lower) or w.lower in self.surn):
            return True
        if not self.is_name(w.lower) and self.named_as_an_organisation(i):
            return True  # "bank Kolvexbank", "Norwegian side Brannvik", "the Tarsek group", "a Zenmark spokesman"
        if w.lower in SPORTS_TEAMS:
            near = [self.ws[j].lower for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < len(self.ws)]
            return any(n in SPORT_CONTEXT or n in SPORTS_TEAMS for n in near)
        return False

    def place_not_name(self, low: str) -> bool:
        """A town, country or nationality that is nobody's first name or surname."""
        return ((low in world_places() or low in countries() or low in NATIONALITIES)
                and not self.is_name(low) and low not in self.surn)

    def named_as_an_organisation(self, i: int) -> bool:
        """A common noun for an organisation stands next to the word: before it ("bank X", "side X", "the
        daily X") or after it, "news" allowed between ("X group", "X news agency", "X spokesman")."""
        ws, text = self.ws, self.text
        if i > 0 and ws[i - 1].lower in _ORGANISATION_BEFORE and ws[i - 1].shape == "lower" and re.fullmatch(
                r"[ \t]", gap(text, ws, i)):
            return True
        j = i + 1
        while j < len(ws) and j - i <= 2 and ws[j].shape == "lower" and re.fullmatch(r"[ \t]", gap(text, ws, j)):
            if ws[j].lower in _ORGANISATION_AFTER:
                return True
            if ws[j].lower != "news":
                break
            j += 1
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


# Common nouns for an organisation, written next to its name.
_ORGANISATION_BEFORE = frozenset(
    "bank brokerage daily newspaper weekly firm company agency charity brewer carrier airline insurer retailer "
    "broker manufacturer maker operator conglomerate subsidiary side club outfit broadcaster magazine".split())
_ORGANISATION_AFTER = frozenset(
    "group agency bank shares spokesman spokeswoman spokesperson subsidiary airline brewery holdings".split())

_COMBINING = frozenset("franco anglo afro euro sino indo russo greco italo hispano austro germano judeo".split())


def _demonym(low: str) -> bool:
    """A nationality's plural or a compound of nationalities ("Czechs", "Franco-African", "Sino-Soviet")."""
    if low.endswith("s") and low[:-1] in NATIONALITIES:
        return True
    parts = low.split("-")
    return len(parts) > 1 and all(p in _COMBINING or p in NATIONALITIES or p in ("soviet", "american") for p in parts)
