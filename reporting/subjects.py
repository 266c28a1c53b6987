"""How `protection` names a report. Protection knows reports only by this string (its sealed
records, redactions and audit rows carry it), so it is spelled in this one place."""

from __future__ import annotations

from typing import Protocol


class _HasPk(Protocol):
    pk: int | None


def subject_for(report: _HasPk) -> str:
    return f"report:{report.pk}"


def report_id_of(subject: str) -> int | None:
    """The report a subject names, or None when it names something else."""
    kind, _sep, pk = subject.partition(":")
    return int(pk) if kind == "report" and pk.isdigit() else None
