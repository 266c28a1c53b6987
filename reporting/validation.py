"""One check for every narrative that comes in: the report form, the API, and messages both ways.

Whatever this accepts can be sealed, stored on SQLite and PostgreSQL, and de-identified; whatever it
refuses is refused at every door with the same plain message naming the field, before anything is
stored or a receipt is given.

What it does to text, in order:

* Line breaks become "\\n": "\\r\\n" and "\\r" (what browsers send), and the vertical tab, form feed,
  U+0085, U+2028 and U+2029 (what word processors paste). A browser counts a line break as one
  character, so the limit counts it as one too.
* Direction overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069) are removed. They are
  invisible and change only the order text is *shown* in, which could make a reviewer read a
  de-identified narrative differently from what is stored. Browsers order Arabic, Hebrew and mixed
  text correctly without them; the left-to-right and right-to-left marks (U+200E, U+200F) stay.
* Unicode NFC, so that "é" typed one way and pasted another is the same text for the engine and
  for search; then white space is trimmed from both ends.

What it refuses:

* Invisible control characters: NUL (which PostgreSQL cannot store in text) and every other C0
  or C1 control except tab and line breaks, and DEL.
* Characters that are not text: Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF and the last
  two of every plane), lone surrogates (which cannot be encoded at all), and U+FFFD, the character
  a decoder puts where bytes could not be read: a form post that was not UTF-8 arrives with it, and
  accepting it would store mojibake in silence.
* Text longer than its limit, counted in characters after the changes above.

Limits in bytes apply to whole request bodies (settings: the API's and the form posts'), and are set
well above the largest report these limits allow, so that text of an allowed size never meets them.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROL = "\x00-\x08\x0e-\x1f\x7f-\x9f"  # after _LINE_BREAKS: every C0 and C1 control but tab and "\n"
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(f"{chr(p)}{chr(p + 1)}" for p in range(0x1fffe, 0x110000, 0x10000))
_UNREADABLE = "\ud800-\udfff\ufffd"
_REFUSED = re.compile(f"[{_CONTROL}{_NONCHARACTERS}{_UNREADABLE}]")


class NarrativeError(ValueError):
    """Text no door may accept. `message` is plain, names the field, and is safe to show the sender."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def clean_narrative(text: str, *, label: str, max_chars: int) -> str:
    """Return `text` as it will be stored, or raise NarrativeError saying what is wrong and where.

    Blank text comes back as "": whether an answer is required is the caller's business.
    """
    if not isinstance(text, str):
        raise NarrativeError(_("“%(field)s” must be text") % {"field": label}, "not_text")
    text = _LINE_BREAKS.sub("\n", text)
    refused = _REFUSED.search(text)
    if refused:
        raise _refusal(refused.group(), refused.start() + 1, label)
    text = unicodedata.normalize("NFC", _DIRECTION_CONTROLS.sub("", text)).strip()
    if len(text) > max_chars:
        raise NarrativeError(
            _("“%(field)s” must be %(limit)s characters or fewer; you have %(count)s")
            % {"field": label, "limit": max_chars, "count": len(text)}, "max_length")
    return text


def _refusal(character: str, position: int, label: str) -> NarrativeError:
    codepoint = f"U+{ord(character):04X}"
    if re.fullmatch(f"[{_UNREADABLE}]", character):
        return NarrativeError(
            _("“%(field)s” has a character that could not be read at character %(position)s. This happens when "
              "text is copied from a damaged document or sent in the wrong encoding. Delete it and send again.")
            % {"field": label, "position": position}, "unreadable_character")
    return NarrativeError(
        _("“%(field)s” has an invisible character (%(codepoint)s) at character %(position)s that we cannot store. "
          "Delete it and send again.") % {"field": label, "codepoint": codepoint, "position": position},
        "control_character")

