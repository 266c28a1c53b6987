"""Adapter from plain finder functions to Presidio recognisers."""

from __future__ import annotations

import re
from collections.abc import Callable

from presidio_analyzer import EntityRecognizer, RecognizerResult

from deid.recognizers.network import whole_url
from deid.types import Span

Finder = Callable[[str], list[Span]]
DocFinder = Callable[[str, object], list[Span]]

SOURCE_KEY = "deid_source"


def to_result(span: Span, recognizer_name: str, recognizer_id: str | None = None) -> RecognizerResult:
    return RecognizerResult(
        entity_type=span.label,
        start=span.start,
        end=span.end,
        score=span.score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer_name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer_id or recognizer_name,
            SOURCE_KEY: span.source,
        },
    )


def from_result(result: RecognizerResult, offset: int = 0) -> Span:
    meta = result.recognition_metadata or {}
    source = meta.get(SOURCE_KEY) or meta.get(RecognizerResult.RECOGNIZER_NAME_KEY) or "presidio"
    return Span(result.start + offset, result.end + offset, result.entity_type, float(result.score), str(source))


class FunctionRecognizer(EntityRecognizer):
    """A Presidio recogniser that runs ``finder(text)`` (or ``finder(text, doc)``) and returns its spans."""

    def __init__(self, name: str, entities: list[str], finder: Finder | DocFinder, needs_doc: bool = False):
        self._finder = finder
        self._needs_doc = needs_doc
        super().__init__(supported_entities=entities, name=name, supported_language="en")

    def load(self) -> None:  # nothing to load: lexicons are cached at module level
        pass

    def analyze(self, text, entities, nlp_artifacts=None):  # noqa: ANN001 - Presidio's signature
        if self._needs_doc:
            doc = getattr(nlp_artifacts, "tokens", None)
            spans = self._finder(text, doc)
        else:
            spans = self._finder(text)
        wanted = set(entities or self.supported_entities)
        return [to_result(s, self.name, self.id) for s in spans if s.label in wanted]


def unwrap_lines(text: str) -> str | None:
    """`text` with each single line break (and the spaces around it) turned into spaces, the same
    length, so offsets still hold: an identifier wrapped over two lines ("+44 7700\\n900123") reads
    as one. None when the text has no line break."""
    global _last_unwrapped  # noqa: PLW0603 - a one-text cache
    if "\n" not in text and "\r" not in text:
        return None
    cached = _last_unwrapped  # every fixed-format recogniser asks for the same text in turn
    if cached[0] is text:
        return cached[1]
    unwrapped = _SINGLE_BREAK.sub(lambda m: " " * len(m.group(0)), text)
    result = unwrapped if unwrapped != text else None
    _last_unwrapped = (text, result)
    return result


_last_unwrapped: tuple[str | None, str | None] = (None, None)


# A single line break inside what may be one identifier: a digit on one side (not a paragraph break,
# not a list of names).
_SINGLE_BREAK = re.compile(r"(?<=\d)[ \t]*\r?\n[ \t]*(?=[\w(+])|(?<=[\w)+.-])[ \t]*\r?\n[ \t]*(?=[\d(+])")


def _merge_unwrapped(found: list[Span], again: list[Span]) -> list[Span]:
    """Spans of the unwrapped text that add something: they cross a line break the plain pass stopped at."""
    seen = {(s.start, s.end) for s in found}
    return found + [s for s in again if (s.start, s.end) not in seen]


class StructuredRecognizer(FunctionRecognizer):
    """A finder of fixed-format identifiers that also reads across single line breaks: a phone
    number or IBAN wrapped over two lines is still found (the longer span wins the overlap)."""

    def analyze(self, text, entities, nlp_artifacts=None):  # noqa: ANN001 - Presidio's signature
        spans = self._finder(text)
        unwrapped = unwrap_lines(text)
        if unwrapped is not None:
            spans = _merge_unwrapped(spans, self._finder(unwrapped))
        wanted = set(entities or self.supported_entities)
        return [to_result(s, self.name, self.id) for s in spans if s.label in wanted]


class PresidioAdapter(EntityRecognizer):
    """One of Presidio's predefined recognisers, composed into ours: its entity types renamed to our
    labels, results under `min_score` kept only with one of its context words nearby (Presidio's weak
    patterns, such as nine bare digits for a US passport, are noise without it), and line breaks read
    across as for :class:`StructuredRecognizer`."""

    CONTEXT_BEFORE, CONTEXT_AFTER = 50, 20

    def __init__(self, inner: EntityRecognizer, labels: dict[str, str], min_score: float = 0.5,
                 context: tuple[str, ...] = (), validate: Callable[[str], bool] | None = None):
        self._inner = inner
        self._labels = labels
        self._min_score = min_score
        words = tuple(context) + tuple(getattr(inner, "context", None) or ())
        self._context = re.compile(r"(?<![^\W\d_])(?:" + "|".join(sorted({re.escape(w.strip().lower()) for w in words
                                                                             if w.strip()}, key=len, reverse=True))
                                   + r")(?![^\W\d_])", re.IGNORECASE) if words else None
        self._validate = validate
        super().__init__(supported_entities=sorted(set(labels.values())), name=f"Composed{inner.name}",
                         supported_language="en")

    def load(self) -> None:  # the inner recogniser loaded itself
        pass

    def _find(self, text: str, nlp_artifacts) -> list[Span]:  # noqa: ANN001
        spans = []
        for r in self._inner.analyze(text, self._inner.supported_entities, nlp_artifacts):
            label = self._labels.get(r.entity_type)
            if label is None or r.end <= r.start:
                continue
            start, end = r.start, r.end
            if label == "URL":
                start, end = whole_url(text, start, end)
            surface = text[start:end]
            if self._validate is not None and not self._validate(surface):
                continue
            if label == "IP_ADDRESS" and (text[r.start - 1:r.start] in ("+", ".") or re.match(r"\.\d", text[end:])):
                continue  # four groups out of a longer dotted number ("+33.1.53.47.47.77" is a phone)
            if label == "NATIONAL_ID" and (text[r.start - 1:r.start].isdigit() or text[end:end + 1].isdigit()):
                continue  # eleven digits cut out of a longer number ("015622291240" is no PESEL)
            if r.score < self._min_score and not self._has_context(text, r.start, r.end):
                continue
            spans.append(Span(start, end, label, max(float(r.score), 0.5), self._inner.name))
        return spans

    def _has_context(self, text: str, start: int, end: int) -> bool:
        if self._context is None:
            return False
        window = text[max(0, start - self.CONTEXT_BEFORE):start] + " " + text[end:end + self.CONTEXT_AFTER]
        return self._context.search(window) is not None

    def analyze(self, text, entities, nlp_artifacts=None):  # noqa: ANN001 - Presidio's signature
        spans = self._find(text, nlp_artifacts)
        unwrapped = unwrap_lines(text)
        if unwrapped is not None:
            spans = _merge_unwrapped(spans, self._find(unwrapped, nlp_artifacts))
        return [to_result(s, self.name, self.id) for s in spans]
