"""Every write to a report goes through here. Narrative text is sealed by `protection` the moment it
arrives; the report row only ever holds de-identified text."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from protection import redaction
from protection import services as protection
from protection.audit import audit
from protection.models import SealedRecord
from reporting import receipts, tasks, validation
from reporting.choices import NARRATIVE_FIELDS, Confidentiality, DeidStatus, Status
from reporting.models import Message, Report, StatusChange
from reporting.subjects import subject_for

if TYPE_CHECKING:  # types only: contexts never import each other's models
    from organisations.models import Organisation
    from organisations.services import OrgAccess

logger = logging.getLogger(__name__)
_WITHHELD = _("(This message was kept back because its personal details could not be removed automatically. "
              "It is stored safely.)")
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECEIPT_REPLAY_SECONDS = 15 * 60


@dataclass
class ReportSubmission:
    """What a reporter sends, already validated by a form or an API schema."""

    kind: str
    what_happened: str
    potential_harm: int = 0
    potential_harm_text: str = ""
    how_noticed: str = ""
    what_would_help: str = ""
    service_area: str = ""
    stage: str = ""
    agencies: list[str] = field(default_factory=list)
    occurred_month: int | None = None
    occurred_year: int | None = None
    confidentiality: str = Confidentiality.ANONYMOUS


@dataclass(frozen=True)
class SubmissionResult:
    report: Report
    receipt_code: str | None  # None only when a replayed duplicate's code has expired from the cache
    duplicate: bool


def references_for_subjects(organisation: Organisation, subjects: list[str]) -> dict[str, str]:
    """How people know the reports behind audit subjects ("report:17" → "Report GC-3ECXSN"), in one organisation."""
    ids = [int(pk) for kind, _sep, pk in (s.partition(":") for s in subjects) if kind == "report" and pk.isdigit()]
    found = reports_for_organisation(organisation).filter(pk__in=ids).only("pk", "reference")
    return {subject_for(report): str(_("Report %(reference)s") % {"reference": report.reference}) for report in found}


def _hash_key(scope: str, key: str) -> str:
    """Idempotency keys are stored hashed and scoped, so one client's key can't collide with another's."""
    return hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()


def _replay_cipher(key: str) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"receipt-replay", info=b"v1").derive(key.encode())
    return AESGCM(derived)


def _remember_receipt(key_hash: str, key: str, code: str) -> None:
    """Keep the code briefly, encrypted under the client's own idempotency key, so that a double
    click or a resend shows the same receipt instead of losing it."""
    nonce = secrets.token_bytes(12)
    blob = nonce + _replay_cipher(key).encrypt(nonce, code.encode(), key_hash.encode())
    cache.set(f"receipt-replay:{key_hash}", base64.b64encode(blob).decode(), _RECEIPT_REPLAY_SECONDS)


def _recall_receipt(key_hash: str, key: str) -> str | None:
    stored = cache.get(f"receipt-replay:{key_hash}")
    if not stored:
        return None
    blob = base64.b64decode(stored)
    return _replay_cipher(key).decrypt(blob[:12], blob[12:], key_hash.encode()).decode()


def _new_reference() -> str:
    return "GC-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))


def submit_report(organisation: Organisation, submission: ReportSubmission, *, idempotency_key: str | None = None,
                  reporter=None, is_demo: bool = False) -> SubmissionResult:
    """Store a report durably, seal its narrative, and queue de-identification.

    `reporter` is the signed-in user for confidential and open reports; it is never stored on an
    anonymous report, and for a confidential one it is sealed apart from the report.
    """
    key_hash = _hash_key(str(organisation.pk), idempotency_key) if idempotency_key else None
    if key_hash:
        existing = Report.objects.filter(organisation=organisation, idempotency_hash=key_hash).first()
        if existing:
            return SubmissionResult(existing, _recall_receipt(key_hash, idempotency_key), duplicate=True)

    confidentiality = submission.confidentiality
    if reporter is None or not reporter.is_authenticated:
        confidentiality = Confidentiality.ANONYMOUS
    code = receipts.new_receipt_code()
    try:
        with transaction.atomic():
            report = _create_report(organisation, submission, confidentiality, code, key_hash, reporter, is_demo)
            tasks.queue_deidentification()  # in the report's transaction: committed with it, or not at all
    except IntegrityError:
        if key_hash:
            existing = Report.objects.filter(organisation=organisation, idempotency_hash=key_hash).first()
            if existing:
                return SubmissionResult(existing, _recall_receipt(key_hash, idempotency_key), duplicate=True)
        raise
    if key_hash:
        _remember_receipt(key_hash, idempotency_key, code)
    return SubmissionResult(report, code, duplicate=False)


def _create_report(organisation, submission, confidentiality, code, key_hash, reporter, is_demo) -> Report:
    for _attempt in range(5):
        reference = _new_reference()
        if not Report.objects.filter(reference=reference).exists():
            break
    report = Report.objects.create(
        organisation=organisation,
        reference=reference,
        kind=submission.kind,
        potential_harm=submission.potential_harm or 0,
        service_area=submission.service_area,
        stage=submission.stage,
        agencies=sorted(set(submission.agencies)),
        occurred_month=submission.occurred_month,
        occurred_year=submission.occurred_year,
        confidentiality=confidentiality,
        open_reporter=reporter if confidentiality == Confidentiality.OPEN else None,
        receipt_hash=receipts.receipt_hash(code),
        idempotency_hash=key_hash,
        is_demo=is_demo,
    )
    subject = subject_for(report)
    for name in NARRATIVE_FIELDS:
        text = getattr(submission, name)
        if text:
            protection.seal(organisation.pk, subject, SealedRecord.Kind.NARRATIVE, text, field=name)
    if confidentiality == Confidentiality.CONFIDENTIAL:
        identity = {"user_id": reporter.pk, "username": reporter.get_username(),
                    "name": reporter.get_full_name(), "email": reporter.email}
        protection.seal(organisation.pk, subject, SealedRecord.Kind.IDENTITY, json.dumps(identity))
    StatusChange.objects.create(report=report, from_status="", to_status=Status.RECEIVED, changed_at=report.submitted_at)
    return report


def find_by_receipt(entered_code: str) -> Report | None:
    """The report a receipt code belongs to, or None. Callers must not reveal which case applied."""
    code = receipts.normalise(entered_code)
    if code is None:
        # Hash anyway so a malformed code costs the same time as a wrong one.
        receipts.receipt_hash("0000-0000-0000-0000")
        return None
    return Report.objects.select_related("organisation").filter(receipt_hash=receipts.receipt_hash(code)).first()


def post_message(report: Report, body: str, *, author_kind: str, reviewer=None, idempotency_key: str | None = None) -> Message:
    """Store a message in a report's thread. Its text must pass the same check as a report's (raises
    validation.NarrativeError), so that nothing is accepted that cannot be stored and de-identified."""
    body = validation.clean_narrative(body, label=str(_("Message")), max_chars=settings.MESSAGE_MAX_CHARS)
    key_hash = _hash_key(f"msg:{report.pk}", idempotency_key) if idempotency_key else None
    if key_hash:
        existing = Message.objects.filter(idempotency_hash=key_hash).first()
        if existing:
            return existing
    try:
        with transaction.atomic():
            message = Message.objects.create(report=report, author_kind=author_kind, reviewer=reviewer,
                                             body=body if author_kind != Message.Author.REPORTER else "",
                                             idempotency_hash=key_hash)
            if author_kind == Message.Author.REPORTER:
                message.body = _deidentified_reply(report, message, body)
                message.save(update_fields=["body"])
    except IntegrityError:
        return Message.objects.get(idempotency_hash=key_hash)
    Report.objects.filter(pk=report.pk).update(updated_at=report.kept_time())
    return message


def _deidentified_reply(report: Report, message: Message, body: str) -> str:
    """A reporter's reply may name people too: its original is sealed and reviewers read the redaction."""
    try:
        return redaction.redact_now(report.organisation_id, subject_for(report), f"message:{message.pk}", body,
                                    case_reference_patterns=report.organisation.case_reference_patterns,
                                    retention_days=report.organisation.sealed_retention_days,
                                    date_mode=report.organisation.date_redaction)
    except protection.SealError:
        raise
    except Exception:
        logger.exception("Automatic redaction of a reply to report %s failed", report.pk)
        return str(_WITHHELD)


def messages_for(report: Report) -> QuerySet[Message]:
    return report.messages.all()


def reports_for_organisation(organisation: Organisation) -> QuerySet[Report]:
    """The only way to list report data: always scoped to one organisation."""
    return Report.objects.filter(organisation=organisation)


def report_in_organisation(organisation: Organisation, reference: str) -> Report | None:
    return reports_for_organisation(organisation).filter(reference=reference).first()


def open_report(access: OrgAccess, reference: str, *, viewer) -> Report | None:
    """The report with this reference in the viewer's organisation, audited as viewed."""
    report = report_in_organisation(access.organisation, reference)
    if report is not None:
        audit("report.view", actor=viewer, organisation_id=access.organisation.pk, subject=subject_for(report))
    return report


def open_report_or_404(access: OrgAccess, reference: str, *, viewer) -> Report:
    """For views: the report, audited as viewed, or 404 (never 403: no hint that it exists)."""
    report = open_report(access, reference, viewer=viewer)
    if report is None:
        raise Http404("No such report")
    return report


def is_readable(report: Report) -> bool:
    """Reviewers read a report's narrative only once its de-identification is confirmed."""
    return report.deid_status == DeidStatus.CONFIRMED
