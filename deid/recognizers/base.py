"""Adapter from plain finder functions to Presidio recognisers."""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer, RecognizerResult

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
