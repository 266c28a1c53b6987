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
- social-media user names (@handle, u/name) are not person names: recognizers.handle labels them
  USERNAME.
A found first name is extended with the following surname-like words ("Kayden Summers", "Priya
FRY", "catherine tyler"), and lists are followed ("Kyle and Ben", "Chioma + Claire").
Role words, agencies, legal terms, days, months are never names (lexicons.NOT_NAME), nor are words
with a clitic in tokenised text ("Don ' t"), hashtags of everyday name-words ("#Hope") or words in
an all-caps run.

This module runs the rules (`_Finder.run`, `_Finder.ner`); the tests on one word are in
`person_words`, growing a name into the whole name in `person_surnames`, the shared word lists and
patterns in `person_rules`.
"""

from __future__ import annotations

import re

from deid.lexicons import (
    CARE_CONTEXT,
    COMMON_TITLE_WORDS,
    MONTHS,
    RELATION_WORDS,
    ROLE_WORDS,
    STREET_SUFFIXES,
    STRONG_TRIGGERS,
    TITLES,
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
from deid.recognizers.person_rules import (
    _AGE_NEXT,
    _BELONGS_AFTER,
    _DATE_NEXT,
    _DETERMINERS,
    _LOWER_TITLES,
    _MODALS,
    _NAME_GAP,
    _NOT_PROPER,
    _ROLE_GAP,
    _TAIL_WORDS,
    _TITLE_GAP,
    _TRIGGER_ENDS,
    _TRIGGERS,
    _acronym,
    _blocked,
    _capitalised,
    _phrase_before,
    _titled,
)
from deid.recognizers.person_surnames import NameExtension
from deid.textutil import after, gap, sentence_initial, words
from deid.types import Span

# Words that make a run of capitalised words an organisation's name ("Santa Fe Pacific Gold Corp").
ORGANISATION_WORDS = frozenset(
    "corp corporation inc incorporated ltd limited plc llc co company companies group holdings bank mining "
    "exchange newsroom party agency association union council committee organisation organization university "
    "institute federation fund trust airlines airways motors industries international news press times "
    "ministry department authority commission foundation society partnership solicitors".split())
# Letters before the name of a sports club or a company ("AS Nancy", "FC Porto", "PT Garuda").
_CLUB_PREFIXES = frozenset("AC AS FC SC SV VfB VfL CF CD SK FK NK KV RC RKC NAC PSV PT TSV".split())
# Sources of a name found without a title, a family word or the model's PERSON.
_WEAK_EVIDENCE = frozenset({"person_lexicon", "person_age_after", "person_propn_pair", "person_unknown_propn",
                            "person_propn", "person_trigger"})


# Three or more small numbers after a word: a row of a results table ("PHOENIX 2 14 .125 11"), not an age.
_TABLE_ROW = re.compile(r"(?:[ \t]+[-+]?\.?\d{1,3}(?:\.\d+)?){3,}(?![\d/:.-])")


class _Finder(NameExtension):
    """Reads one text: collects the words with name evidence, then grows them into whole names."""

    def __init__(self, text: str, doc) -> None:  # noqa: ANN001
        self.text = text
        self.ws = words(text, doc)
        self.names = first_names()
        self.common = common_first_names()
        self.amb = ambiguous_first_names()
        self._ord: dict[str, bool] = {}
        self._org_words: set[str] | None = None
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
            if i > 0 and ws[i - 1].lower in _TRIGGER_ENDS and _ROLE_GAP.fullmatch(g):
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
                    if (nxt_joined and _capitalised(nxt) and self.ordinary(nxt.lower) and nxt.lower not in self.surn
                            and not self.is_name(nxt.lower) and nxt.shape == w.shape
                            and (self.ordinary(w.lower) or w.lower in world_places())):
                        continue  # "Texas Tech", "Red Crescent", "East Coast": one proper noun of a place or words
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
                    elif (nxt_joined and _capitalised(nxt) and self.surname_like(nxt, w) and w.pos != "ADP"
                          and nxt.lower not in MONTHS  # "In November"
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
        self.drop_unlikely_names()
        spans = [sp for sp in self.follow_back(self.extend())
                 if sp[3] in ("person_title", "person_relation") or not self.named_after_a_town(sp[0], sp[1])]
        return self.follow_lists(spans)

    def drop_unlikely_names(self) -> None:
        """A word found only by weak evidence (a name list, a number after it, an unknown proper noun) is
        not a name when it is also a town or country and the model reads it as a place or, unless it is a
        first name, an organisation ("Steaua Bucharest", "defeat to Philadelphia"): the place rules label it
        instead, where they are sure. Nor is it one at the head of a row of a results table ("PHOENIX 2 14
        .125 11", "Bordeaux 20 9 7 4"), nor an acronym the model reads as an organisation ("FIFA", "NATO")."""
        places, ctry = world_places(), countries()
        in_org_names = self._words_of_organisation_names()
        for i, (_score, source) in list(self.heads.items()):
            if source not in _WEAK_EVIDENCE:
                continue
            if self.ws[i].lower in in_org_names or self.ws[i].lower.strip(".") in ORGANISATION_WORDS:
                del self.heads[i]  # "Santa Fe" where the text names "Santa Fe Pacific Gold Corp"; "Mining Co"
                continue
            if i > 0 and self.ws[i - 1].text in _CLUB_PREFIXES and _NAME_GAP.fullmatch(gap(self.text, self.ws, i)):
                del self.heads[i]  # "AC Milan", "FC Hansa Rostock", "PT Telkom"
                continue
            # The word after it too, when the two would make one name ("Alba Berlin", "Steaua Bucharest").
            k = i + 1 if i + 1 < len(self.ws) and _NAME_GAP.fullmatch(gap(self.text, self.ws, i + 1)) else i
            w = self.ws[i]
            if w.ent == "ORG" and w.shape == "upper" and 2 <= len(w.text) <= 5 and source != "person_age_after":
                del self.heads[i]
                continue
            if any(self._reads_as_place(self.ws[j], places, ctry) for j in {i, k}) or _TABLE_ROW.match(
                    self.text, self.ws[k].end):
                del self.heads[i]
            elif (w.lower in places or w.lower in ctry) and not self.is_name(w.lower) and w.lower not in self.surn:
                del self.heads[i]  # "Rostock 2 Bremen 0": a town that is nobody's name, before a score

    def _words_of_organisation_names(self) -> set[str]:
        """The capitalised words of the organisations this text names in full: a run of words the model
        reads as an organisation with a word such as Corp, Bank or Party in it."""
        if self._org_words is not None:
            return self._org_words
        out: set[str] = set()
        self._org_words = out
        for i, j in self.entity_runs("ORG"):
            run = self.ws[i:j + 1]
            if len(run) > 1 and any(w.lower.strip(".") in ORGANISATION_WORDS for w in run):
                out.update(w.lower for w in run if w.shape in ("title", "upper")
                           and w.lower.strip(".") not in ORGANISATION_WORDS)
        return out

    def entity_runs(self, label: str) -> list[tuple[int, int]]:
        """(first, last) word indexes of each run of words the model gives `label`, joined as a name is."""
        ws, runs, i = self.ws, [], 0
        while i < len(ws):
            if ws[i].ent != label:
                i += 1
                continue
            j = i
            while j + 1 < len(ws) and ws[j + 1].ent == label and _NAME_GAP.fullmatch(gap(self.text, ws, j + 1)):
                j += 1
            runs.append((i, j))
            i = j + 1
        return runs

    def named_after_a_town(self, i: int, j: int) -> bool:
        """Words i..j read as a club or a firm named after its town ("Lokomotiv Dresden", "Dinamo Bremen"):
        the last word is a town that is nobody's surname or first name and the first is no first name.
        A town alone that the model calls a person ("Grenoble lead the table") is one too."""
        first, last = self.ws[i], self.ws[j]
        if last.lower not in world_places() or last.lower in self.surn or self.is_name(last.lower):
            return False
        return i == j and last.ent == "PERSON" or i < j and not self.is_name(first.lower)

    def capital_in_plain_prose(self, k: int) -> bool:
        """The only capital among lower-case words ("does not trust Truss on tax"), not one word of a title in
        capitals ("Council Approves Plan For New Bridge")."""
        ws = self.ws
        if k == 0 or ws[k - 1].shape != "lower":
            return False
        return k + 1 >= len(ws) or ws[k + 1].shape != "title" or bool(re.search(r"[.!?:;\n]", after(self.text, ws, k)))

    def _reads_as_place(self, w, places: frozenset[str], ctry: frozenset[str]) -> bool:  # noqa: ANN001 - Word
        if w.lower not in places and w.lower not in ctry:
            return False
        return w.ent in ("GPE", "LOC", "FAC") or (w.ent == "ORG" and w.lower not in self.names)

    def ner(self) -> None:
        ws = self.ws
        for i, j in self.entity_runs("PERSON"):
            group = [k for k in range(i, j + 1) if not _blocked(ws[k]) and not _acronym(ws[k]) and not self.contraction(k)
                     and not self.heading(k)]
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
            if all(self.ordinary(m.lower) and not self.is_name(m.lower) and m.lower not in self.surn for m in members) and (
                    len(members) > 1 or members[0].shape != "title" or members[0].pos != "PROPN"
                    or sentence_initial(self.text, ws, group[0]) or not self.capital_in_plain_prose(group[0])):
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
            if len(members) == 1 and members[0].lower in self._words_of_organisation_names():
                continue  # "Zenmark said" where the text names "Zenmark Mining Corp"
            if len(members) == 1:
                m = members[0]
                if (self.ordinary(m.lower) or m.lower in self.amb) and (
                        m.pos in _NOT_PROPER or sentence_initial(self.text, ws, group[0])):
                    continue
                if m.shape not in ("title", "upper", "lower"):
                    continue
            for k in group:
                self.accept(k, 0.7, "person_ner")


def find(text: str, doc=None) -> list[Span]:  # noqa: ANN001
    spans = _Finder(text, doc).run() + person_forms.find(text)
    # One or two capitals alone ("MA", "ON", "OH") are codes and states, never a whole name.
    return [s for s in spans if not re.fullmatch(r"[A-Z]{1,2}", text[s.start:s.end])]


def is_name_word(word: str) -> bool:
    """True for a word that is a first name and not an ordinary English word."""
    low = word.lower()
    return low in first_names() and low not in ambiguous_first_names() and not is_ordinary(low)
