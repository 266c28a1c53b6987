"""deid: finds and replaces personal details in free text (plain Python; no Django, no app of ours).

    import deid
    deid.analyse("Mum Kerensa Polglase rang 07700 900461.")      # [Span(4, 20, 'PERSON', ...), ...]
    deid.deidentify("Mum Kerensa Polglase rang 07700 900461.").redacted
    # 'Mum [PERSON 1] rang [PHONE 1].'

    engine = deid.Deidentifier(deid.DeidConfig(case_reference_patterns=[r"ABC(\\d{6})"], date_mode="bracket"))
    spans = engine.analyse(text)
    redacted = engine.redact(text, spans)

The names in ``__all__`` are the library's public API (see README.md beside this file); the modules
behind them are its own and may change. An import-linter contract keeps the apps to these names.
"""

from __future__ import annotations

from deid.engine import Deidentifier
from deid.redact import Numbering
from deid.types import DATE_MODES, LABELS, STRUCTURED_LABELS, DeidConfig, DeidResult, Span

__all__ = [
    "DATE_MODES",
    "LABELS",
    "STRUCTURED_LABELS",
    "DeidConfig",
    "DeidResult",
    "Deidentifier",
    "Numbering",
    "Span",
    "analyse",
    "deidentify",
]


def analyse(text: str, config: DeidConfig | None = None) -> list[Span]:
    """The personal details in `text`, sorted and not overlapping."""
    return Deidentifier(config).analyse(text)


def deidentify(text: str, config: DeidConfig | None = None) -> DeidResult:
    """`text` with each personal detail replaced by a typed, numbered placeholder ("[PERSON 1]")."""
    return Deidentifier(config).deidentify(text)
