"""Deterministic demo near-miss reports, composed from small hand-written pieces.

Every person, place and number in them is invented (see `people`), so the demo can be shown freely. Nothing
here imports models at import time, so the generator runs, and is tested, without a database.
"""

from demo.generator import (
    DEFAULT_COUNT,
    DEFAULT_SEED,
    MAX_WORDS,
    MIN_WORDS,
    MONTHS_BACK,
    DemoReport,
    generate,
    iter_texts,
    template_text,
)
from demo.people import RELATIVES, name_lists
from demo.phrases import HELP
from demo.styles import STYLES

__all__ = [
    "DEFAULT_COUNT", "DEFAULT_SEED", "HELP", "MAX_WORDS", "MIN_WORDS", "MONTHS_BACK", "RELATIVES", "STYLES",
    "DemoReport", "generate", "iter_texts", "name_lists", "template_text",
]
