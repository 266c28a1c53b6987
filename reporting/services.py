"""Every write to a report goes through here. Narrative text is sealed by `protection` the moment it
arrives; the report row only ever holds de-identified text."""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import secrets
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protection import redaction
from protection import services as protection
from protection.audit import audit
from protection.models import SealedRecord
from reporting import idempotency, my_reports, receipts, tasks, urgency, validation
from reporting.choices import NARRATIVE_FIELDS, Confidentiality, DeidStatus, Status
from reporting.models import Message, Report, StatusChange
from reporting.signals import report_confirmed
from reporting.subjects import report_id_of, subject_for

if TYPE_CHECKING:  # types only: contexts never import each other's models
    from organisations.models import Organisation
    from organisations.services import OrgAccess

logger = logging.getLogger(__name__)
_WITHHELD = _("(This message was kept back because its personal details could not be removed automatically. "
              "It is stored safely.)")
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_SQLITE_WRITER = threading.Lock()


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
    # Easy-read reports (reporting.easy_read): who sent it, and how to reach them if they asked to be
    # contacted. The contact is sealed as the reporter's identity, never stored on the report.
    reporter_group: str = ""
    contact: str = ""


@dataclass(frozen=True)
class SubmissionResult:
    report: Report
    receipt_code: str | None  # None only when a resend's sealed code cannot be opened (the receipt secret changed)
    duplicate: bool


def references_for_subjects(organisation: Organisation, subjects: list[str]) -> dict[str, str]:
    """How people know the reports behind audit subjects ("report:17" → "Report GC-3ECXSN"), in one organisation."""
    ids = [pk for pk in map(report_id_of, subjects) if pk is not None]
    found = reports_for_organisation(organisation).filter(pk__in=ids).only("pk", "reference")
    return {subject_for(report): str(_("Report %(reference)s") % {"reference": report.reference}) for report in found}


def _hash_key(scope: str, key: str) -> str:
    """Idempotency keys are stored hashed and scoped, so one client's key can't collide with another's."""
    return hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()


def _new_reference() -> str:
    """Six symbols drawn at once (one call for randomness, not one per symbol)."""
    number, symbols = secrets.randbelow(len(_REFERENCE_ALPHABET) ** 6), []
    for _position in range(6):
        number, digit = divmod(number, len(_REFERENCE_ALPHABET))
        symbols.append(_REFERENCE_ALPHABET[digit])
    return "GC-" + "".join(symbols)


def submit_report(organisation: Organisation, submission: ReportSubmission, *, idempotency_key: str | None = None,
                  reporter=None, is_demo: bool = False) -> SubmissionResult:
    """Store a report durably, seal its narrative, and queue de-identification.

    `reporter` is the signed-in user for confidential and open reports; it is never stored on an
    anonymous report, and for a confidential one it is sealed apart from the report.
    With an `idempotency_key`, a resend gets the first receipt code back, and the key with other
    answers raises IdempotencyKeyReused (reporting.idempotency).
    """
    confidentiality = submission.confidentiality
    if reporter is None or not reporter.is_authenticated:
        reporter = None
        # Someone without an account is anonymous, unless they gave a way to reach them: then, as for a
        # confidential reporter, reviewers can open it only through break-glass, and it is destroyed on close.
        confidentiality = Confidentiality.CONFIDENTIAL if submission.contact else Confidentiality.ANONYMOUS
    # A key is not looked up first: nearly every key is new, and the key's unique hash refuses a resend
    # inside the transaction anyway, which then rolls back and answers as the first report did.
    claim = None
    if idempotency_key:
        claim = idempotency.claim(organisation.pk, idempotency_key,
                                  idempotency.canonical_answers(submission, confidentiality))

    # Everything random or slow happens here, so that the write transaction only inserts rows:
    # SQLite has one writer at a time, and every other submission waits for it.
    code = receipts.new_receipt_code()
    receipt_hash = receipts.receipt_hash(code)
    sealed_receipt = idempotency.seal_receipt(claim, code) if claim else b""
    sealing_key = protection.sealing_key(organisation.pk)
    originals = _originals(submission, confidentiality, reporter)
    for attempt in range(3):
        try:
            with _one_writer_at_a_time(), transaction.atomic():
                report = _create_report(organisation, submission, confidentiality, _new_reference(), receipt_hash,
                                        reporter, is_demo)
                if claim:  # first after the report: a resend is refused here, before anything else is written
                    idempotency.remember(claim, report, sealed_receipt)
                protection.seal_new(sealing_key, subject_for(report), originals)
                if confidentiality != Confidentiality.ANONYMOUS and reporter is not None:
                    my_reports.remember(reporter, report)
                StatusChange.objects.create(report=report, from_status="", to_status=Status.RECEIVED,
                                            changed_at=report.submitted_at)
                tasks.queue_deidentification()  # in the report's transaction: committed with it, or not at all
            break
        except IntegrityError:
            # A resend (or the same key sent twice at once): the first stored its report, and nothing
            # of this one was kept. replay() raises IdempotencyKeyReused if the answers differ.
            if claim and (earlier := idempotency.replay(claim)):
                return SubmissionResult(earlier.report, earlier.receipt_code, duplicate=True)
            if attempt == 2:
                raise
            # Otherwise the reference was taken (one in 729 million per report), or the key was due to
            # be forgotten and replay() has just let it go: try again.
    return SubmissionResult(report, code, duplicate=False)


@contextmanager
def _one_writer_at_a_time():
    """On SQLite, submissions take the write lock one after another, in this process and across the
    web processes that share the database file.

    SQLite lets one writer in at a time and makes the others poll for the lock, sleeping up to 100 ms
    between tries, so under load some wait far longer than their turn. Queued on a lock here instead,
    a waiting thread wakes as soon as the one before it commits: threads on a lock of this process,
    then each process's next writer on an advisory lock (flock) of a file beside the database, which
    the kernel hands on at once. Other writers (the task worker) still queue through SQLite's busy
    timeout. PostgreSQL locks rows, not the database: no queue."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with _SQLITE_WRITER:
        lock = None if connection.is_in_memory_db() else _writers_file(str(connection.settings_dict["NAME"]))
        if lock is None:
            yield
            return
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


_WRITERS_FILES: dict[tuple[int, str], int] = {}


def _writers_file(database: str) -> int:
    """This process's descriptor of the file its web processes queue on to write `database`."""
    key = (os.getpid(), database)  # a forked process needs its own: flock is held per open file
    if key not in _WRITERS_FILES:
        _WRITERS_FILES[key] = os.open(f"{database}-writers", os.O_RDWR | os.O_CREAT, 0o600)
    return _WRITERS_FILES[key]


def _originals(submission: ReportSubmission, confidentiality: str, reporter) -> list[tuple[str, str, str]]:
    """What is sealed with a new report, as (kind, field, plaintext): its narrative, in the form's order,
    and a confidential reporter's identity."""
    originals = [(SealedRecord.Kind.NARRATIVE, name, getattr(submission, name))
                 for name in NARRATIVE_FIELDS if getattr(submission, name)]
    if confidentiality == Confidentiality.CONFIDENTIAL and reporter is not None:
        identity = {"user_id": reporter.pk, "username": reporter.get_username(),
                    "name": reporter.get_full_name(), "email": reporter.email}
        originals.append((SealedRecord.Kind.IDENTITY, "", json.dumps(identity)))
    elif confidentiality == Confidentiality.CONFIDENTIAL and submission.contact:
        originals.append((SealedRecord.Kind.IDENTITY, "", json.dumps({"contact": submission.contact})))
    return originals


def _create_report(organisation, submission, confidentiality, reference, receipt_hash, reporter, is_demo) -> Report:
    return Report.objects.create(
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
        receipt_hash=receipt_hash,
        is_demo=is_demo,
        reporter_group=submission.reporter_group,
        # Easy-read reports only, from the original words before de-identification; only the yes/no is kept.
        # Staff reports are not flagged: their words for routine work ("police", "missing", "bruise") would
        # flag a third of them (docs/easy-read.md) and bury the reports that need a person today.
        urgent=bool(submission.reporter_group) and urgency.is_urgent(*(getattr(submission, name) for name in NARRATIVE_FIELDS)),
    )


def find_by_receipt(entered_code: str) -> Report | None:
    """The report a receipt code belongs to, or None. Callers must not reveal which case applied."""
    code = receipts.normalise(entered_code)
    if code is None:
        return None
    reports = Report.objects.select_related("organisation")
    found = reports.filter(receipt_hash=receipts.receipt_hash(code)).first()
    if found is None and Report.objects.filter(receipt_hash_is_legacy=True).exists():
        found = reports.filter(receipt_hash=receipts.legacy_receipt_hash(code), receipt_hash_is_legacy=True).first()
        if found is not None:
            # Its code is in hand, so it moves to the keyed hash now: legacy hashes only ever dwindle.
            Report.objects.filter(pk=found.pk).update(receipt_hash=receipts.receipt_hash(code),
                                                      receipt_hash_is_legacy=False)
    return found


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
                                    retention_days=report.organisation.sealed_retention_days)
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


def readable_text(report: Report) -> str:
    """The report's de-identified narrative, in the form's order, as one text for indexing and
    suggestions; empty until its de-identification is confirmed, so an unchecked redaction is never read."""
    if not is_readable(report):
        return ""
    return "\n\n".join(text for name in NARRATIVE_FIELDS if (text := getattr(report, name)))


def reports_with_ids(organisation_id: int, ids: Iterable[int]) -> QuerySet[Report]:
    """Reports of one organisation by id, for background work that is handed ids (never a bare id
    lookup across organisations)."""
    return Report.objects.filter(organisation_id=organisation_id, pk__in=list(ids))


def readable_reports(organisation_id: int) -> QuerySet[Report]:
    """The organisation's reports whose de-identified text reviewers may read (and others may index)."""
    return Report.objects.filter(organisation_id=organisation_id, deid_status=DeidStatus.CONFIRMED)


def organisation_ids_with_readable_reports() -> list[int]:
    return list(Report.objects.filter(deid_status=DeidStatus.CONFIRMED).order_by()
                .values_list("organisation_id", flat=True).distinct())


# ---- aggregates for dashboards (counted by the database, never by loading reports) ----------


_COUNTABLE = ("kind", "service_area", "stage", "status", "confidentiality")


def report_counts_by_month(reports: QuerySet[Report], *, by: str | tuple[str, ...] = "kind",
                           span: tuple | None = None) -> list[tuple]:
    """(first day of the month submitted, value of `by`, count) for a queryset of reports; with a
    tuple of fields, (month, *their values, count). `span`, (first, last) submission time when the
    caller knows it (submission_span_by_id), spares the query that finds it."""
    names = (by,) if isinstance(by, str) else tuple(by)
    if not names or any(name not in _COUNTABLE for name in names):
        raise ValueError(f"Reports are not counted by {by!r}")
    bucket, months = _month_buckets(reports, span=span)
    if not months:
        return []
    inner, params = reports.order_by().annotate(month=bucket).values("month", *names).query.sql_with_params()
    # Grouped outside, so that the database works out each row's month once, not again for GROUP BY.
    columns = ", ".join(names)
    sql = f"SELECT month, {columns}, COUNT(*) FROM ({inner}) AS months GROUP BY month, {columns}"  # noqa: S608 (names checked above)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [(months[month], *values, n) for month, *values, n in rows]


def submission_span_by_id(reports: QuerySet[Report]) -> tuple:
    """(first, last) submission time of reports picked out by a range of ids, such as those after a
    rollup's marks (intelligence.rollups): usually few, often none; (None, None) when there are none.

    Read as a subquery in id order, not as a plain MIN/MAX: PostgreSQL answers that by walking the
    organisation's time index from each end until a row passes the id test, which it expects soon
    when its statistics do not know the newest ids (a table not yet analysed, after a bulk load or a
    restore). With no row after the marks it then reads every report of the organisation twice:
    7.7 s at a million. The subquery's ORDER BY keeps it out of that shortcut, so the ids are looked
    up by the primary key (0.05 to 0.1 s unanalysed at a million, under 1 ms analysed). SQLite has no such
    shortcut, and takes the plain aggregate."""
    from django.db.models import Max, Min

    if connection.vendor != "postgresql":
        found = reports.order_by().aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
        return found["first"], found["last"]
    inner, params = reports.order_by("pk").values("submitted_at").query.sql_with_params()
    with connection.cursor() as cursor:  # timestamptz: psycopg hands back aware datetimes, as the ORM would
        cursor.execute(f"SELECT MIN(submitted_at), MAX(submitted_at) FROM ({inner}) AS slice", params)  # noqa: S608 (the compiler's own SQL)
        first, last = cursor.fetchone()
    return first, last


def first_feedback_delays(reports: QuerySet[Report], *, by: tuple[str, ...] = (), messages_after: int | None = None,
                          messages_up_to: int | None = None, span: tuple | None = None) -> list[tuple]:
    """(first day of the month submitted, whole days to the first reviewer message, count of reports);
    with `by` (report fields), (month, *their values, days, count).

    The first message a reviewer sent to the reporter is their first feedback; whole days are the
    time between, rounded down (an anonymous report keeps its time to the day only, ADR 0003, so
    its days are counted from the start of the day it was sent). Grouped twice: first messages per
    report, then reports per month and days, in one statement.

    For rollups (intelligence.rollups), messages can be bounded by id: `messages_up_to` counts only
    messages up to that id; `messages_after` counts only reports whose first reviewer message has a
    larger id (those with an earlier one were counted before). `span`, (first, last) submission time
    when the caller knows the reports' range, spares finding it (a query over the replies)."""
    from django.db.models import Exists, F, Min, OuterRef

    from reporting.choices import MessageAuthor

    names = tuple(by)
    if any(name not in _COUNTABLE for name in names):
        raise ValueError(f"Reports are not counted by {by!r}")
    replies = Message.objects.filter(author_kind=MessageAuthor.REVIEWER, report__in=reports.order_by().values("pk"))
    if messages_up_to is not None:
        replies = replies.filter(pk__lte=messages_up_to)
    if messages_after is not None:
        earlier = Message.objects.filter(author_kind=MessageAuthor.REVIEWER, report=OuterRef("report"),
                                         pk__lte=messages_after)
        replies = replies.filter(pk__gt=messages_after).filter(~Exists(earlier))
    # The months span only the reports with replies: a slice of new messages stays a small query.
    bucket, months = _month_buckets(reports.filter(pk__in=replies.values("report_id")), field="report__submitted_at",
                                    span=span)
    if not months:
        return []
    dims = {f"dim_{name}": F(f"report__{name}") for name in names}
    per_report = (replies.order_by().annotate(**dims).values("report_id", *dims)
                  .annotate(month=bucket, first=Min("created_at"))
                  .annotate(days=_whole_days(F("report__submitted_at"), F("first")))
                  .values("month", *dims, "days"))
    inner, params = per_report.query.sql_with_params()
    # The outer grouping is plain SQL over Django's own query: the ORM cannot group by an aggregate.
    columns = "".join(f"{name}, " for name in dims)
    sql = (f"SELECT month, {columns}days, COUNT(*) FROM ({inner}) AS firsts "  # noqa: S608 (names checked above)
           f"GROUP BY month, {columns}days")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [(months[month], *values, max(0, int(days)), n) for month, *values, days, n in rows]


def latest_report_and_feedback_ids(organisation: Organisation) -> tuple[int, int]:
    """The largest report id and reviewer-message id of the organisation so far (0 when none): the
    marks up to which a rollup has counted (intelligence.rollups)."""
    from django.db.models import Max

    from reporting.choices import MessageAuthor

    report = Report.objects.filter(organisation=organisation).aggregate(m=Max("pk"))["m"] or 0
    message = (Message.objects.filter(report__organisation=organisation, author_kind=MessageAuthor.REVIEWER)
               .aggregate(m=Max("pk"))["m"] or 0)
    return report, message


def month_buckets(reports: QuerySet[Report], *, field: str = "submitted_at"):
    """The month of each row as a SQL expression, and the months (for other contexts' counts of
    rows that belong to reports: `field` is the path to the report's submission time)."""
    return _month_buckets(reports, field=field)


def _month_buckets(reports: QuerySet[Report], *, field: str = "submitted_at", span: tuple | None = None):
    """A SQL expression giving each row the index of the month (in the current time zone) of its
    `field`, a report's submission time, and the first day of each month by index. `span` (first,
    last submission time), when the caller knows the range, spares the query that finds it.

    A CASE over the month boundaries, rather than TruncMonth: on SQLite TruncMonth in a time zone
    calls back into Python once per row (seconds at 100,000 reports), while comparisons of the
    stored times run in the database on every engine, and stay exact across clock changes."""
    from datetime import date, datetime

    from django.db.models import Case, IntegerField, Max, Min, Value, When
    from django.utils import timezone as tz

    zone = tz.get_current_timezone()
    found = dict(zip(("first", "last"), span, strict=True)) if span is not None else \
        reports.order_by().aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
    if found["first"] is None:
        return None, []
    first, last = tz.localtime(found["first"], zone).date(), tz.localtime(found["last"], zone).date()
    months: list[date] = []
    at = first.replace(day=1)
    while at <= last:
        months.append(at)
        at = date(at.year + at.month // 12, at.month % 12 + 1, 1)
    starts = [datetime(m.year, m.month, 1, tzinfo=zone) for m in months]

    def between(lo: int, hi: int):
        """The index among months lo..hi, by halves: about log2(months) comparisons a row, not months/2."""
        if lo == hi:
            return Value(lo, output_field=IntegerField())
        mid = (lo + hi + 1) // 2
        return Case(When(**{f"{field}__lt": starts[mid]}, then=between(lo, mid - 1)), default=between(mid, hi),
                    output_field=IntegerField())

    bucket = between(0, len(months) - 1)
    return bucket, months


def _whole_days(start, end):
    """Whole days from `start` to `end` (two datetimes), rounded down, in SQL."""
    from django.db.models import Func, IntegerField

    class WholeDays(Func):
        output_field = IntegerField()
        arity = 2

        def as_sql(self, compiler, connection, **extra_context):  # PostgreSQL
            return super().as_sql(compiler, connection, arg_joiner=" - ",
                                  template="FLOOR(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400)::integer",
                                  **extra_context)

        def as_sqlite(self, compiler, connection, **extra_context):
            return super().as_sql(compiler, connection, arg_joiner=") - julianday(",
                                  template="CAST(julianday(%(expressions)s) AS INTEGER)", **extra_context)

    return WholeDays(end, start)


# ---- the national hub: reports that arrive already cleared elsewhere --------------------------------


@dataclass(frozen=True)
class ReceivedReport:
    """A report cleared for sharing by another organisation's reviewers and sent to the national hub: its
    text is already de-identified (and passed the sharing pass), its date only a quarter ("2026-Q3")."""

    kind: str
    period: str
    texts: dict[str, str]
    service_area: str = ""
    stage: str = ""
    agencies: list[str] = field(default_factory=list)
    potential_harm: int = 0


def receive_cleared_report(organisation: Organisation, received: ReceivedReport, *, note: str) -> Report:
    """Store a received report in the hub's organisation as a confirmed, closed report, so that the
    hub's search, themes, spikes, dashboards and bulletins read it as they read any other.

    Nothing is sealed (there is no original here) and there is no receipt code: nobody follows it up at
    the hub. It counts in the first month of its quarter, the finest date that left its organisation."""
    year, quarter = int(received.period[:4]), int(received.period[-1])
    counted_at = timezone.make_aware(datetime(year, 3 * quarter - 2, 1, 12))
    with transaction.atomic():
        report = Report.objects.create(
            organisation=organisation, reference=_new_reference(), kind=received.kind,
            potential_harm=received.potential_harm or 0, service_area=received.service_area, stage=received.stage,
            agencies=sorted(set(received.agencies)), occurred_year=year,
            receipt_hash="received-" + secrets.token_hex(32),  # matches no receipt code: there is none
            status=Status.CLOSED, deid_status=DeidStatus.CONFIRMED, deid_confirmed_at=counted_at,
            submitted_at=counted_at, updated_at=counted_at,
            **{name: received.texts.get(name, "") for name in NARRATIVE_FIELDS})
        StatusChange.objects.create(report=report, from_status="", to_status=Status.CLOSED, changed_at=counted_at,
                                    note=note)
        report_id, organisation_id = report.pk, organisation.pk
        together = _confirmed_together.get()
        if together is not None:
            together.setdefault(organisation_id, []).append(report_id)
        else:
            transaction.on_commit(lambda: report_confirmed.send(Report, report_ids=[report_id],
                                                                organisation_id=organisation_id))
    return report


_confirmed_together: ContextVar[dict[int, list[int]] | None] = ContextVar("confirmed_together", default=None)


@contextmanager
def confirmations_together():
    """Received reports stored inside this block are announced together at its end, one
    `report_confirmed` per organisation: a hub's feed request of a hundred reports then queues one
    embedding and one indexing task, not two hundred. Announced even when the block fails part-way:
    what was stored before the failure is committed. An id whose transaction rolled back is simply not
    found by the receiver's task."""
    together: dict[int, list[int]] = {}
    token = _confirmed_together.set(together)
    try:
        yield
    finally:
        _confirmed_together.reset(token)
        for organisation_id, report_ids in together.items():
            transaction.on_commit(lambda o=organisation_id, ids=report_ids: report_confirmed.send(
                Report, report_ids=ids, organisation_id=o))


def forget_received_report(organisation: Organisation, report_id: int) -> bool:
    """A received report its organisation withdrew: the hub keeps no copy of its text, here or in the
    indexes beside it (they go with the report)."""
    deleted, _rows = Report.objects.filter(organisation=organisation, pk=report_id,
                                           receipt_hash__startswith="received-").delete()
    return bool(deleted)
