"""My reports: a signed-in reporter's own confidential and open reports, their status and feedback.

The list is kept on the reporter's side (`ReporterLink`): each row seals one report's id under a key
derived from the receipt secret and bound to the user, with a fresh nonce. Nothing on a report
points to its confidential reporter, so reviewers never learn who sent it, and one person's reports
cannot be matched to each other from the database. Closing a report destroys the sealed identity
the organisation could open (ADR 0002); this link stays, so that the reporter can read the feedback,
and only ever opens for that reporter.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from reporting import receipts
from reporting.choices import Confidentiality, Status
from reporting.models import Feedback, Report, ReporterLink

_PURPOSE = "my reports"


def _aad(user) -> bytes:
    return f"reporter-link:{user.pk}".encode()


def remember(user, report: Report) -> None:
    """Add a signed-in reporter's new report to their list (in the report's transaction)."""
    nonce = os.urandom(12)
    sealed = nonce + AESGCM(receipts.secret_for(_PURPOSE)).encrypt(nonce, str(report.pk).encode(), _aad(user))
    ReporterLink.objects.create(user=user, sealed_report=sealed)


def _report_ids(user) -> list[int]:
    cipher, ids = AESGCM(receipts.secret_for(_PURPOSE)), []
    for sealed in ReporterLink.objects.filter(user=user).values_list("sealed_report", flat=True):
        sealed = bytes(sealed)
        try:
            ids.append(int(cipher.decrypt(sealed[:12], sealed[12:], _aad(user))))
        except (InvalidTag, ValueError):
            continue  # sealed under a receipt secret since replaced: nothing can open it
    return ids


@dataclass(frozen=True)
class MyReport:
    report: Report
    status_label: str
    feedback: list[Feedback]


def reports_of(user) -> list[MyReport]:
    """The reports this user sent while signed in, newest first, with their feedback."""
    if not getattr(user, "is_authenticated", False):
        return []
    reports = (Report.objects.filter(pk__in=_report_ids(user))
               .exclude(confidentiality=Confidentiality.ANONYMOUS)
               .select_related("organisation").order_by("-submitted_at", "-pk"))
    reports = list(reports)
    feedback: dict[int, list[Feedback]] = {}
    for given in (Feedback.objects.filter(message__report__in=reports).select_related("message").order_by("-pk")):
        feedback.setdefault(given.message.report_id, []).append(given)
    return [MyReport(report, Status(report.status).label, feedback.get(report.pk, [])) for report in reports]
