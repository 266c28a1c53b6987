"""A form post too big to read whole keeps what fits, instead of ending in a bare "Bad Request (400)".

Django refuses to read a form body over settings.DATA_UPLOAD_MAX_MEMORY_SIZE, and the first thing to
ask for it is the CSRF check, before any view runs. For a view marked with ``keeps_what_fits``,
``KeepWhatFitsMiddleware`` (listed before CsrfViewMiddleware, so that its ``process_view`` runs
first) reads such a body as a stream instead: each free-text answer of the view's forms is kept up
to its limit in characters, the forms' other fields and the CSRF token up to OTHER_FIELD_CHARS, and
anything else is dropped. The CSRF check then runs on what was kept, as usual, and the view finds in
``cut_fields(request)`` which answers were cut and how long they were, to say so and store nothing.

Memory stays bounded whatever is sent; at most ``READ_AT_MOST`` bytes are read at all.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

from django import forms
from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.utils.datastructures import MultiValueDict

from reporting.forms import NarrativeField

_MARK = "keeps_what_fits"
_CUT = "goodcatch_cut_fields"
OTHER_FIELD_CHARS = 200  # longer than any valid choice, hidden key, receipt code or CSRF token
READ_AT_MOST = 8 * 1024 * 1024  # about 0.8 s of decoding at worst (every character an escaped emoji)
_CHUNK = 64 * 1024


def keeps_what_fits(*form_classes: type[forms.Form]) -> Callable:
    """Mark a view whose form posts may be too big. Each free-text answer of its forms is kept up to its
    limit; other fields up to OTHER_FIELD_CHARS, so that one too long to be valid still fails its form."""
    limits = {"csrfmiddlewaretoken": OTHER_FIELD_CHARS}
    for form_class in form_classes:
        for name, form_field in form_class.base_fields.items():
            limits[name] = form_field.max_length if isinstance(form_field, NarrativeField) else OTHER_FIELD_CHARS

    def mark(view: Callable) -> Callable:
        setattr(view, _MARK, limits)
        return view

    return mark


def cut_fields(request: HttpRequest) -> dict[str, int]:
    """The answers that were cut to fit, each with the number of characters that were sent."""
    return getattr(request, _CUT, {})


class KeepWhatFitsMiddleware:
    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Callable, args, kwargs) -> None:
        limits = getattr(view, _MARK, None)
        if (limits is None or request.method != "POST" or request.content_type != "application/x-www-form-urlencoded"
                or _content_length(request) <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE):
            return None
        kept = read_keeping_what_fits(request.read, limits, read_at_most=min(_content_length(request), READ_AT_MOST))
        # What Django would have parsed, had the body been small enough; the rest is never read.
        request._post, request._files = kept.data, MultiValueDict()
        setattr(request, _CUT, kept.cut)
        return None


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@dataclass
class KeptForm:
    data: QueryDict
    cut: dict[str, int] = field(default_factory=dict)


class _Answer:
    """One field's value, decoded as it streams in (percent escapes, "+", UTF-8), keeping its first
    `limit` characters and counting the rest. A line break counts as one character, as browsers count it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.kept: list[str] = []
        self.count = 0
        self._escape = b""  # an unfinished "%X" at the end of the last piece
        self._cr = ""  # a "\r" that may turn out to start "\r\n"
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def feed(self, raw: bytes, final: bool = False) -> None:
        raw = self._escape + raw
        hold = 0 if final else 1 if raw.endswith(b"%") else 2 if raw[-2:-1] == b"%" else 0
        raw, self._escape = raw[:len(raw) - hold], raw[len(raw) - hold:]
        text = self._cr + self._decoder.decode(unquote_to_bytes(raw.replace(b"+", b" ")), final)
        self._cr = ""
        if text.endswith("\r") and not final:
            text, self._cr = text[:-1], "\r"
        text = text.replace("\r\n", "\n")
        room = self.limit - min(self.count, self.limit)
        if room:
            self.kept.append(text[:room])
        self.count += len(text)

    def value(self) -> str:
        return "".join(self.kept)


def read_keeping_what_fits(read: Callable[[int], bytes], limits: Mapping[str, int], *,
                           read_at_most: int) -> KeptForm:
    """Parse an application/x-www-form-urlencoded body from `read`, keeping each field in `limits` up
    to its limit in characters, dropping other fields, and noting which were cut."""
    data = QueryDict(mutable=True)
    cut: dict[str, int] = {}
    # As many fields as Django would parse; reading stops there, so "&&&&..." costs no more than a form.
    fields_left = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS or 1000
    name, answer = b"", None  # the field being read: its name until "=", then its answer (None: dropped)
    in_value = False

    def finish() -> None:
        nonlocal name, answer, in_value
        if answer is not None:
            answer.feed(b"", final=True)
            key = _decode_name(name)
            data.appendlist(key, answer.value())
            if answer.count > answer.limit:
                cut[key] = max(cut.get(key, 0), answer.count)
        name, answer, in_value = b"", None, False

    left = read_at_most
    while left > 0 and fields_left > 0:
        chunk = read(min(_CHUNK, left))
        if not chunk:
            break
        left -= len(chunk)
        for position, piece in enumerate(chunk.split(b"&")):
            if position:
                finish()
                fields_left -= 1
                if not fields_left:
                    break
            if not in_value:
                before, equals, after = piece.partition(b"=")
                name = (name + before)[:OTHER_FIELD_CHARS * 3]
                if not equals:
                    continue
                in_value = True
                limit = limits.get(_decode_name(name))
                answer = _Answer(limit) if limit is not None else None
                piece = after
            if answer is not None:
                answer.feed(piece)
    finish()
    data._mutable = False
    return KeptForm(data, cut)


def _decode_name(raw: bytes) -> str:
    return unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8", "replace")
