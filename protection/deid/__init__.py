"""De-identification engine for near-miss narratives (plain Python; no Django imports).

    from protection.deid import Deidentifier, DeidConfig, Span
    d = Deidentifier(DeidConfig(case_reference_patterns=[r"ABC(\\d{6})"], date_mode="month_year"))
    spans = d.analyse(text)
    redacted = d.redact(text, spans)
"""

from protection.deid.engine import Deidentifier
from protection.deid.redact import Numbering
from protection.deid.types import LABELS, STRUCTURED_LABELS, DeidConfig, DeidResult, Span

__all__ = ["Deidentifier", "Numbering", "DeidConfig", "DeidResult", "Span", "LABELS", "STRUCTURED_LABELS"]
