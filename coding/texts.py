"""The words the suggester reads: a report's de-identified text, and each code's own description."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reporting import services as reporting
from reporting.choices import NARRATIVE_FIELDS, NARRATIVE_LABELS

if TYPE_CHECKING:  # types only: contexts never import each other's models
    from reporting.models import Report

    from .models import Code


def narrative(report: Report) -> list[tuple[str, str]]:
    """The report's de-identified text as (heading, text), in the form's order; nothing until its
    de-identification is confirmed, so an unchecked redaction is never read here."""
    if not reporting.is_readable(report):
        return []
    return [(str(NARRATIVE_LABELS[name]), getattr(report, name)) for name in NARRATIVE_FIELDS if getattr(report, name)]


def report_text(report: Report) -> str:
    return "\n\n".join(text for _heading, text in narrative(report))


def code_text(code: Code) -> str:
    """Name, definition and example: what a cold-start suggester compares a narrative with."""
    parts = [f"{code.name}.", code.definition]
    if code.example:
        parts.append(f"For example: {code.example}")
    return " ".join(parts)
