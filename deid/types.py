"""Plain data types of the de-identification engine (no Django, no heavy imports)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

LABELS: tuple[str, ...] = (
    "PERSON",
    "ADDRESS",
    "LOCATION",
    "POSTCODE",
    "DATE",
    "AGE",
    "PHONE",
    "EMAIL",
    "NHS_NUMBER",
    "NI_NUMBER",
    "CASE_REFERENCE",
    "ORGANISATION",
    "CARD",
    "IBAN",
    "BANK_ACCOUNT",
    "IP_ADDRESS",
    "URL",
    "NATIONAL_ID",
    "CRYPTO_WALLET",
    "ID_NUMBER",
    "USERNAME",
)
STRUCTURED_LABELS: frozenset[str] = frozenset({
    "NHS_NUMBER", "NI_NUMBER", "PHONE", "EMAIL", "POSTCODE", "CARD", "IBAN", "BANK_ACCOUNT", "IP_ADDRESS", "URL",
    "NATIONAL_ID", "CRYPTO_WALLET", "ID_NUMBER",
})
DATE_MODES = ("month_year", "bracket")


class Span(NamedTuple):
    """A detected identifier: ``text[start:end]`` with a label from :data:`LABELS`.

    ``source`` names the recogniser/rule that produced it (``"dob"`` marks a date of birth).
    """

    start: int
    end: int
    label: str
    score: float = 1.0
    source: str = ""


@dataclass(frozen=True)
class DeidConfig:
    """Per-organisation configuration.

    - ``case_reference_patterns``: extra regexes for the organisation's case-management IDs. When a
      pattern has a capturing group, group 1 is the span (e.g. ``r"ABC\\s*(\\d{6})"``), otherwise the
      whole match.
    - ``allow_terms``: never redacted (case-insensitive, whole term).
    - ``deny_terms``: always redacted. A mapping ``term -> label`` or a plain collection of terms
      (labelled PERSON).
    - ``date_mode``: ``"month_year"`` turns parseable dates into "March 2024"; ``"bracket"`` uses
      ``[DATE]``. Dates of birth are always fully redacted.
    """

    case_reference_patterns: list[str] | tuple[str, ...] = field(default_factory=list)
    allow_terms: frozenset[str] = frozenset()
    deny_terms: Mapping[str, str] | frozenset[str] = frozenset()
    date_mode: str = "month_year"

    def __post_init__(self) -> None:
        if self.date_mode not in DATE_MODES:
            raise ValueError(f"date_mode must be one of {DATE_MODES}, not {self.date_mode!r}")
        for pattern in self.case_reference_patterns:
            re.compile(pattern)  # fail early on a bad organisation pattern
        for label in self.deny_labels.values():
            if label not in LABELS:
                raise ValueError(f"deny term label {label!r} is not one of {LABELS}")

    @property
    def deny_labels(self) -> dict[str, str]:
        """Deny terms as ``{term: label}`` (PERSON when no label was given)."""
        if isinstance(self.deny_terms, Mapping):
            return {str(k): str(v or "PERSON").upper() for k, v in self.deny_terms.items() if str(k).strip()}
        return {str(t): "PERSON" for t in self.deny_terms if str(t).strip()}


@dataclass(frozen=True)
class DeidResult:
    text: str
    spans: list[Span]
    redacted: str
