"""How hard a text is to read: the Flesch–Kincaid grade, in English and in Welsh (docs/easy-read.md).

    grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59

Syllables are counted per language:

* English: pyphen's hyphenation points (en_GB dictionary), raised to a vowel-group count where pyphen
  leaves a short word whole ("people", "about": pyphen never splits near a word's ends). The vowel
  groups drop a silent final "e" ("make") and a silent "-ed" ("jumped"), but not "-le" ("little").
* Welsh: groups of vowels (a e i o u w y, with their accents), so a diphthong ("ae", "wy", "ei" ...)
  counts once; a vowel with a diaeresis ("copïo") starts a new syllable, as it is written to do.

A sentence ends at ".", "!", "?" or a line break (a heading, label or button is a sentence of its
own). Words are runs of letters, with apostrophes inside ("don't", "i'n"); numbers are not words.
Flesch–Kincaid was made for English; for Welsh it is a rough guide, used with the same threshold.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from html.parser import HTMLParser

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n+")
_EN_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_CY_VOWELS = "aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳ"
_CY_DIAERESIS = "äëïöüẅÿ"


@lru_cache(maxsize=1)
def _english_dictionary():
    import pyphen

    return pyphen.Pyphen(lang="en_GB")


def _english_vowel_groups(word: str) -> int:
    word = word.lower().replace("'", "").replace("’", "")
    count = len(_EN_VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent e: "make", "someone"
    elif word.endswith("ed") and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1  # silent -ed: "jumped", "happened"
    return max(1, count)


def syllables_en(word: str) -> int:
    parts = len(_english_dictionary().inserted(word.lower()).split("-"))
    return max(parts, _english_vowel_groups(word))


def syllables_cy(word: str) -> int:
    count, in_group = 0, False
    for ch in unicodedata.normalize("NFC", word.lower()):
        if ch in _CY_DIAERESIS:
            count, in_group = count + 1, False  # "ï" is written to be a syllable of its own: "co-pï-o"
        elif ch in _CY_VOWELS:
            count, in_group = count + (not in_group), True
        else:
            in_group = False
    return max(1, count)


def _syllable_counter(lang: str):
    return syllables_cy if lang.lower().startswith("cy") else syllables_en


def counts(text: str, lang: str = "en") -> tuple[int, int, int]:
    """(sentences, words, syllables) of `text`."""
    syllables = _syllable_counter(lang)
    sentences = words = total = 0
    for sentence in _SENTENCE_END.split(text):
        found = _WORD.findall(sentence)
        if found:
            sentences += 1
            words += len(found)
            total += sum(syllables(word) for word in found)
    return sentences, words, total


def grade(text: str, lang: str = "en") -> float:
    """The Flesch–Kincaid grade of `text`; 0.0 for text with no words."""
    sentences, words, syllables = counts(text, lang)
    if not words:
        return 0.0
    return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59


_BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "label", "legend", "button", "dt", "dd", "div", "td", "th", "title",
           "summary", "br", "aside", "section", "ul", "ol", "dl", "form", "fieldset"}


class _PageText(HTMLParser):
    def __init__(self, start_tag: str) -> None:
        super().__init__()
        self.start_tag, self.depth, self.skipping = start_tag, 0, 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == self.start_tag or self.depth:
            self.depth += tag == self.start_tag
        if tag in ("script", "style"):
            self.skipping += 1
        if self.depth and tag == "img" and attributes.get("alt"):
            self.parts.append(f"\n{attributes['alt']}\n")
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping = max(0, self.skipping - 1)
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag == self.start_tag and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skipping:
            self.parts.append(data)


def page_text(html: str, within: str = "main") -> str:
    """The words a person reads in the `within` element of a page (its <main> by default), alt text
    included, with a line break at each heading, paragraph, list item, label and button."""
    parser = _PageText(within)
    parser.feed(html)
    return re.sub(r"[ \t]*\n\s*", "\n", "".join(parser.parts)).strip()
