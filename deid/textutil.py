"""Word segmentation shared by the token rules (names, places)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_])|-(?=[^\W\d_]))*")
_POSSESSIVE = re.compile(r"['’]s$|(?<=s)['’]$", re.IGNORECASE)


# Penn Treebank tag -> Universal POS (what spaCy's attribute ruler would set).
_TAG_TO_POS = {
    "NNP": "PROPN", "NNPS": "PROPN", "NN": "NOUN", "NNS": "NOUN", "VB": "VERB", "VBD": "VERB", "VBG": "VERB",
    "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX", "IN": "ADP", "RP": "ADP", "DT": "DET",
    "PDT": "DET", "WDT": "DET", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV",
    "WRB": "ADV", "PRP": "PRON", "PRP$": "PRON", "WP": "PRON", "WP$": "PRON", "EX": "PRON", "CC": "CCONJ",
    "TO": "PART", "POS": "PART", "CD": "NUM", "UH": "INTJ", "FW": "X", "SYM": "SYM", "HYPH": "PUNCT",
}
_AUX = {"be", "is", "am", "are", "was", "were", "been", "being", "has", "have", "had", "having", "do", "does", "did"}


def coarse_pos(tok) -> str:  # noqa: ANN001 - spaCy Token
    if tok.pos_:
        return tok.pos_
    pos = _TAG_TO_POS.get(tok.tag_, "")
    if pos == "VERB" and tok.lower_ in _AUX:
        return "AUX"
    return pos


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int  # end of the core (possessive 's stripped)
    text: str  # core text
    lower: str
    possessive: bool
    shape: str  # "title", "upper", "lower", "mixed"
    pos: str  # spaCy coarse POS of the token starting here ("" if unknown)
    ent: str  # spaCy NER label covering the word ("" if none)


def _shape(w: str) -> str:
    letters = [c for c in w if c.isalpha()]
    if not letters:
        return "mixed"
    if all(c.isupper() for c in letters):
        return "upper" if len(letters) > 1 else "title"
    if all(c.islower() for c in letters):
        return "lower"
    if letters[0].isupper():
        return "title"
    return "mixed"


def words(text: str, doc=None) -> list[Word]:  # noqa: ANN001 - spaCy Doc, optional
    """The words of `text` with the model's part of speech and entity. The place and name rules read the
    same text one after the other: the answer is kept with the model's parse (the list is not to be changed)."""
    if doc is None:
        return _words(text, None)
    kept = doc.user_data.get("deid_words")
    if kept is not None and kept[0] is text:
        return kept[1]
    out = _words(text, doc)
    doc.user_data["deid_words"] = (text, out)
    return out


def _words(text: str, doc=None) -> list[Word]:  # noqa: ANN001 - spaCy Doc, optional
    pos_at: dict[int, str] = {}
    ent_at: list[tuple[int, int, str]] = []
    if doc is not None:
        for tok in doc:
            pos_at[tok.idx] = coarse_pos(tok)
        ent_at = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    out: list[Word] = []
    ei = 0
    for m in _WORD.finditer(text):
        raw = m.group(0)
        core = _POSSESSIVE.sub("", raw) if len(raw) > 2 else raw
        start, end = m.start(), m.start() + len(core)
        while ei < len(ent_at) and ent_at[ei][1] <= start:
            ei += 1
        ent = ent_at[ei][2] if ei < len(ent_at) and ent_at[ei][0] <= start < ent_at[ei][1] else ""
        out.append(Word(start, end, core, core.lower(), core != raw, _shape(core), pos_at.get(start, ""), ent))
    return out


def gap(text: str, ws: list[Word], i: int) -> str:
    """Text between word i-1 and word i (or text start)."""
    prev_end = ws[i - 1].end if i > 0 else 0
    return text[prev_end: ws[i].start]


def after(text: str, ws: list[Word], i: int) -> str:
    """Text between word i and word i+1 (or text end)."""
    nxt = ws[i + 1].start if i + 1 < len(ws) else len(text)
    return text[ws[i].end: nxt]


def sentence_initial(text: str, ws: list[Word], i: int) -> bool:
    if i == 0:
        return True
    g = gap(text, ws, i)
    if ws[i - 1].possessive:
        g = g[2:] if len(g) >= 2 else g
    return bool(re.search(r"[.!?\n•*]|(?:^|\s)[-–]\s*$|:\s*$", g))
