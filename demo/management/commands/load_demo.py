"""Load the demo organisations, accounts and ~200 reports, through the real services.

Idempotent: when the demo reports are already there it only prints the accounts. Runs only in demo
mode (GOODCATCH_DEMO=true), because it creates accounts with a published password.

    GOODCATCH_DEMO=true .venv/bin/python manage.py load_demo            # first run loads, later runs print
    GOODCATCH_DEMO=true .venv/bin/python manage.py load_demo --reset    # delete the demo reports, load again
"""

from __future__ import annotations

import logging
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

import demo
from demo.culture import load_culture_survey
from demo.easy_read import load_easy_read
from demo.equality import load_equality_demo
from demo.sharing import load_sharing_demo
from organisations.models import Membership, Organisation, Role
from organisations.services import add_member
from reporting.choices import Confidentiality, DeidStatus, Status
from reporting.deidentification import confirm_redaction, deidentify_report_now
from reporting.feedback import ClosingFeedback
from reporting.lifecycle import transition
from reporting.models import Message, Report, StatusChange
from reporting.services import post_message, submit_report
from reporting.subjects import subject_for

# Published in the README and printed by this command; demo mode only.
DEMO_PASSWORD = "goodcatch-demo"  # noqa: S105


@dataclass(frozen=True)
class OrgSpec:
    slug: str
    name: str
    case_system: str
    case_reference_patterns: tuple[str, ...]
    seed_offset: int
    region: str = "north_west"
    sector: str = "social_care"


DEMO_ORG = OrgSpec("demo", "Demo Borough Council Children's and Adults' Services", "mosaic",
                   (r"\b(DB\d{7})\b",), 0)
NORTHSHIRE_ORG = OrgSpec("northshire", "Northshire County Council (demo)", "lcs", (), 1)
NORTHSHIRE_COUNT = 6
# A partner agency with no reports of its own here: it reads what the council shares with it (demo/sharing.py).
HEALTH_ORG = OrgSpec("health", "Demo Integrated Care Board (health, demo)", "", (), 2, sector="health")


@dataclass(frozen=True)
class AccountSpec:
    username: str
    org: str
    role: str
    first_name: str
    last_name: str
    superuser: bool = False


ACCOUNTS = (
    AccountSpec("reporter", "demo", Role.REPORTER, "Sam", "Reporter"),
    AccountSpec("reviewer", "demo", Role.REVIEWER, "Alex", "Reviewer"),
    AccountSpec("custodian", "demo", Role.CUSTODIAN, "Jordan", "Custodian"),
    AccountSpec("manager", "demo", Role.MANAGER, "Morgan", "Manager"),
    AccountSpec("admin", "demo", Role.ADMIN, "Casey", "Admin", superuser=True),
    AccountSpec("northshire", "northshire", Role.REVIEWER, "Robin", "Northshire"),
    AccountSpec("northshire-admin", "northshire", Role.ADMIN, "Rowan", "Northshire"),
    AccountSpec("health", "health", Role.ADMIN, "Harper", "Health"),
)


@contextmanager
def _quiet(logger_name: str):
    """Hold back one logger's INFO lines (a line per task, 400 of them) while the reports load."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(level)


class Command(BaseCommand):
    help = "Create the demo organisations, accounts and reports (once); then print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=demo.DEFAULT_COUNT,
                            help=f"Reports for the 'demo' organisation (default {demo.DEFAULT_COUNT}).")
        parser.add_argument("--seed", type=int, default=demo.DEFAULT_SEED, help="Seed for the generator.")
        parser.add_argument("--reset", action="store_true",
                            help="Delete the demo reports (is_demo rows of the demo organisations only) and load "
                                 "them again. Accounts are kept.")

    def handle(self, *args, count: int, seed: int, reset: bool, **options):
        if not settings.DEMO:
            raise CommandError("load_demo runs only in demo mode (GOODCATCH_DEMO=true): it creates accounts with a "
                               "published password.")
        if count < 1:
            raise CommandError("--count must be at least 1.")
        started = time.monotonic()
        orgs = {spec.slug: self._organisation(spec) for spec in (DEMO_ORG, NORTHSHIRE_ORG, HEALTH_ORG)}
        if reset:
            self._reset(list(orgs.values()))
        users, passwords = self._accounts(orgs)

        loaded = 0
        receipts: list[tuple[str, str]] = []
        today = timezone.localdate()
        for spec, n, reviewer, reporter in (
            (DEMO_ORG, count, users["reviewer"], users["reporter"]),
            (NORTHSHIRE_ORG, NORTHSHIRE_COUNT, users["northshire"], users["northshire"]),
        ):
            org = orgs[spec.slug]
            existing = Report.objects.filter(organisation=org, is_demo=True).count()
            if existing:
                self.stdout.write(f"{spec.slug}: {existing} demo reports already loaded (use --reset to reload).")
                continue
            reports = demo.generate(n, seed=seed + spec.seed_offset, today=today, case_system=spec.case_system)
            t0 = time.monotonic()
            with _quiet("django_tasks"), transaction.atomic():
                receipts += self._load(org, reports, reviewer=reviewer, reporter=reporter,
                                       rng=random.Random(f"load:{seed}:{spec.slug}"))
            loaded += len(reports)
            self.stdout.write(f"{spec.slug}: loaded {len(reports)} reports in {time.monotonic() - t0:.1f}s")

        self.stdout.write(load_culture_survey(orgs[DEMO_ORG.slug], by=users["admin"]))
        load_equality_demo(orgs[DEMO_ORG.slug], users, stdout=self.stdout)
        receipts += load_easy_read(orgs[DEMO_ORG.slug])  # demo/easy_read.py
        self.stdout.write(load_sharing_demo(orgs, users))  # demo/sharing.py
        self._print_accounts(passwords, receipts)
        self.stdout.write(f"Done in {time.monotonic() - started:.1f}s ({loaded} reports loaded).")

    # --- organisations and accounts --------------------------------------------------------------

    def _organisation(self, spec: OrgSpec) -> Organisation:
        org, created = Organisation.objects.get_or_create(
            slug=spec.slug, defaults={"name": spec.name, "case_reference_patterns": list(spec.case_reference_patterns),
                                      "region": spec.region, "sector": spec.sector})
        if created:
            self.stdout.write(f"Created organisation {spec.slug!r}: {spec.name}")
        return org

    def _accounts(self, orgs: dict[str, Organisation]):
        User = get_user_model()
        users, passwords = {}, {}
        for spec in ACCOUNTS:
            user = User.objects.filter(username=spec.username).first()
            if user is None:
                user = User(username=spec.username, first_name=spec.first_name, last_name=spec.last_name,
                            email=f"{spec.username}@example.org", is_staff=spec.superuser,
                            is_superuser=spec.superuser)
                user.set_password(DEMO_PASSWORD)
                user.save()
                passwords[spec.username] = DEMO_PASSWORD
            else:
                passwords[spec.username] = DEMO_PASSWORD if user.check_password(DEMO_PASSWORD) else "(changed)"
            org = orgs[spec.org]
            if not Membership.objects.filter(user=user, organisation=org).exists():
                add_member(org, user, spec.role)
            users[spec.username] = user
        return users, passwords

    # --- reports -----------------------------------------------------------------------------------

    def _load(self, org: Organisation, reports: list[demo.DemoReport], *, reviewer, reporter,
              rng: random.Random) -> list[tuple[str, str]]:
        receipts: list[tuple[str, str]] = []
        started = time.monotonic()
        for n, item in enumerate(reports, start=1):
            identified = item.confidentiality != Confidentiality.ANONYMOUS
            result = submit_report(org, item.as_submission(), reporter=reporter if identified else None,
                                   is_demo=True)
            report = result.report
            status = deidentify_report_now(report.pk)
            if status != DeidStatus.DRAFT:
                raise CommandError(
                    f"De-identification of demo report {n} ended as {status!r}, not 'draft'; nothing was loaded. "
                    "See the log above for the engine's error.")
            report.deid_status = status
            events = self._work_through(report, item, reviewer)
            self._backdate(report, item, events, rng)
            if item.thread and result.receipt_code and len(receipts) < 3:
                receipts.append((report.reference, result.receipt_code))
            if n % 50 == 0:
                self.stdout.write(f"  {org.slug}: {n}/{len(reports)} reports ({time.monotonic() - started:.1f}s)")
        return receipts

    def _work_through(self, report: Report, item: demo.DemoReport, reviewer) -> list[tuple[str, object]]:
        """Confirm, move through the lifecycle and message, in the order a reviewer would. Returns the
        events in order, for backdating: ("confirm", None), ("status", StatusChange), ("message", Message)."""
        events: list[tuple[str, object]] = []
        if item.awaiting_check:
            return events
        confirm_redaction(report, by=reviewer)
        events.append(("confirm", None))
        path = {Status.RECEIVED: [], Status.IN_REVIEW: [Status.IN_REVIEW],
                Status.CODED: [Status.IN_REVIEW, Status.CODED],
                Status.CLOSED: [Status.IN_REVIEW, Status.CODED, Status.CLOSED]}[item.target_status]
        for step in path:
            if step == Status.CLOSED:
                events.append(("status", transition(report, step, by=reviewer, feedback=_closing(item.feedback))))
                events.append(("message", Message.objects.filter(report=report).order_by("-pk").first()))
            else:
                events.append(("status", transition(report, step, by=reviewer)))
            if step == Status.IN_REVIEW:
                for message in item.thread:
                    if message.author_kind == Message.Author.REVIEWER:
                        posted = post_message(report, message.body, author_kind=Message.Author.REVIEWER,
                                              reviewer=reviewer)
                    else:
                        posted = post_message(report, message.body, author_kind=Message.Author.REPORTER)
                    events.append(("message", posted))
        if item.reopened:
            events.append(("status", transition(report, Status.IN_REVIEW, by=reviewer,
                                                note="Reopened: a similar report has come in.")))
        return events

    def _backdate(self, report: Report, item: demo.DemoReport, events, rng: random.Random) -> None:
        """Give demo rows times spread over the past months instead of all "just now", so that the queue,
        timescales and dashboards look like a service in use. Only rows created a moment ago for a demo
        report are touched."""
        now = timezone.now()
        submitted = timezone.make_aware(datetime.combine(item.submitted_on, datetime.min.time())
                                        + timedelta(minutes=item.submitted_minute))
        submitted = min(submitted, now - timedelta(hours=1))
        gaps = []
        for kind, _obj in events:
            if kind == "confirm":
                gaps.append(timedelta(hours=rng.uniform(1, 30)))
            elif kind == "message":
                gaps.append(timedelta(hours=rng.uniform(0.2, 60)))
            else:
                gaps.append(timedelta(days=rng.uniform(0.5, 12)))
        total = sum(gaps, timedelta())
        room = now - timedelta(minutes=5) - submitted
        if total > room:
            gaps = [g * (room / total) * 0.95 for g in gaps]
        at = submitted
        # An anonymous reporter's times are kept to the day, in demo data too (ADR 0003).
        Report.objects.filter(pk=report.pk).update(submitted_at=report.kept_time(submitted))
        StatusChange.objects.filter(report=report, from_status="").update(changed_at=report.kept_time(submitted))
        last = submitted
        for (kind, obj), gap in zip(events, gaps, strict=True):
            at = at + gap
            if kind == "confirm":
                Report.objects.filter(pk=report.pk).update(deid_confirmed_at=at)
            elif kind == "status":
                StatusChange.objects.filter(pk=obj.pk).update(changed_at=at)
            elif obj is not None:
                reporters = obj.author_kind == Message.Author.REPORTER
                Message.objects.filter(pk=obj.pk).update(created_at=report.kept_time(at) if reporters else at)
            last = at
        Report.objects.filter(pk=report.pk).update(updated_at=report.kept_time(last))

    # --- reset -------------------------------------------------------------------------------------

    def _reset(self, orgs: list[Organisation]) -> None:
        from protection.models import AccessRequest, PlaceholderSet, Redaction, SealedRecord

        with transaction.atomic():
            total = 0
            for org in orgs:
                reports = Report.objects.filter(organisation=org, is_demo=True)
                subjects = [subject_for(r) for r in reports.only("pk")]
                for model in (SealedRecord, Redaction, PlaceholderSet, AccessRequest):
                    model.objects.filter(organisation_id=org.pk, subject__in=subjects).delete()
                try:
                    deleted, _ = reports.delete()
                except ProtectedError as exc:
                    raise CommandError(f"Cannot reset: other rows refer to demo reports ({exc}).") from exc
                total += len(subjects)
        self.stdout.write(f"Reset: deleted {total} demo reports and their sealed data (accounts kept).")

    # --- output ------------------------------------------------------------------------------------

    def _print_accounts(self, passwords: dict[str, str], receipts: list[tuple[str, str]]) -> None:
        out = self.stdout
        out.write("")
        out.write("Demo accounts")
        out.write(f"  {'username':<12} {'organisation':<12} {'role':<10} password")
        for spec in ACCOUNTS:
            out.write(f"  {spec.username:<12} {spec.org:<12} {spec.role:<10} {passwords[spec.username]}")
        base = settings.GOODCATCH_PUBLIC_URL.rstrip("/")
        out.write(f"Sign in:      {base}/sign-in/")
        out.write(f"Report form:  {base}/r/{DEMO_ORG.slug}/  (Northshire: {base}/r/{NORTHSHIRE_ORG.slug}/)")
        if settings.REQUIRE_TWO_FACTOR:
            out.write("Reviewer, custodian and admin accounts set up an authenticator app at first sign-in "
                      "(GOODCATCH_REQUIRE_2FA=false turns this off in demo mode).")
        if receipts:
            out.write(f"Receipt codes of demo reports with a message thread (shown once), at {base}/receipt/:")
            for reference, code in receipts:
                out.write(f"  {reference}  {code}")
        out.write("")


def _closing(text: str) -> ClosingFeedback:
    """A demo feedback in the two parts a report closes with: its last sentence says what will change."""
    sentences = text.strip().split(". ")
    if len(sentences) < 2:
        return ClosingFeedback(text, text)
    return ClosingFeedback(". ".join(sentences[:-1]) + ".", sentences[-1])
