"""From a word found to be a name to the whole name: the surname after a first name ("Priya FRY",
"da Costa"), lower-case pairs ("mark donnelly"), a name wrapped over a line, and lists ("Kyle and
Ben")."""

from __future__ import annotations

import re

from deid.lexicons import (
    DAYS,
    FOREIGN_TITLES,
    MONTHS,
    NOT_NAME,
    RELATION_WORDS,
    ROLE_WORDS,
    STREET_SUFFIXES,
    TITLES,
)
from deid.recognizers.person_rules import (
    _LIST_GAP,
    _LOWER_LEAD,
    _NAME_GAP,
    _NOT_PROPER,
    _NOTE_VERBS,
    _PARTICLES,
    _TAIL_WORDS,
    _WRAP_GAP,
    _acronym,
    _blocked,
    _capitalised,
)
from deid.recognizers.person_words import WordEvidence
from deid.textutil import Word, after, gap
from deid.types import Span


class NameExtension(WordEvidence):
    """Growing found names into whole names, for the person finder."""

    heads: dict[int, tuple[float, str]]

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
