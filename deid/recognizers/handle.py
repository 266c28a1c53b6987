"""Social-media user names: "@jaz_xo99", "@ Dee _ Quill" (tokenised text), "u/some_user".

A handle is a direct identifier of the person behind the account, so it is redacted, the "@"
included, but as USERNAME, not PERSON: it is an account's name, not a person's ("@happy_days",
"@Chelsea_FC" and "@NHSEngland" name no one), and a placeholder should say what was there.
Workers paste messages and screenshots' text into narratives ("her snapchat is @jaz_xo").
"@" also means "at" in notes, so a handle that is an ordinary word, a role or agency
word, a day or a time is left alone when written in lower case ("seen @home", "@ school", "@ 3pm").
"""

from __future__ import annotations

import re

from deid.lexicons import DAYS, MONTHS, NOT_NAME, is_ordinary
from deid.types import Span

# "@" not preceded by a word character (an e-mail address); at most one space after it; pieces
# joined by "_" (also " _ " in tokenised text) or "." inside the name.
_PIECE = r"[A-Za-z0-9]+"
_HANDLE = re.compile(
    r"(?<![\w@])@[ ]?(_*" + _PIECE + r"(?:(?:[ ]?_+[ ]?|\.(?=[A-Za-z0-9]))" + _PIECE + r")*_*)(?![\w@])"
)
# Reddit-style "u/name", "/u/name" (also "u / name").
_REDDIT_USER = re.compile(r"(?<![\w/])/?u[ ]?/[ ]?([A-Za-z0-9_-]{3,}(?:[ ]_[ ]?[A-Za-z0-9-]+)*)(?![\w/])")
_TIME = re.compile(r"\d{1,2}(?:[:.]\d{2})?(?:am|pm|hrs?)?|\d+(?:st|nd|rd|th)?", re.IGNORECASE)


def _plain_word(name: str, spaced: bool) -> bool:
    """True when the "handle" reads as a word used after "@" = "at"."""
    if _TIME.fullmatch(name):
        return True
    if not re.search(r"[A-Za-z]", name):
        return True
    low = name.lower()
    if not re.fullmatch(r"[A-Za-z]+", name):
        return False  # digits or underscores mixed in: a user name
    if low in NOT_NAME or low in DAYS or low in MONTHS:
        return True
    if name.islower() or (spaced and name[0].isupper() and name[1:].islower() and len(name) <= 3):
        return is_ordinary(low)
    return False


def find(text: str) -> list[Span]:
    if "@" not in text and "/" not in text:
        return []
    spans: list[Span] = []
    for m in _HANDLE.finditer(text):
        name = m.group(1)
        if _plain_word(name, spaced=m.group(0)[1:2] == " "):
            continue
        spans.append(Span(m.start(), m.end(), "USERNAME", 0.85, "username"))
    for m in _REDDIT_USER.finditer(text):
        spans.append(Span(m.start(), m.end(), "USERNAME", 0.85, "username"))
    return spans
