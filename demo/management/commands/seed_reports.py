"""Seed an organisation with N synthetic, confirmed, de-identified reports, for measuring at scale.

    python manage.py seed_reports --organisation SLUG --count N [--seed S] [--share 0.3]

The reports come from `demo.synthetic`: realistic narratives already in de-identified form (typed
placeholders, as confirmed text reads), codes that follow the story, a risk rating from the
organisation's matrix, submissions over the three years up to today (an anonymous report's to the day
only, ADR 0003), reviewers' messages and closing feedback. They are written in bulk, one transaction
per batch, and flagged `is_demo`; then `intelligence.seeding_hooks.after_seed` computes their
embeddings (and whatever else safety intelligence keeps beside reports). A share of them (`--share`,
default 0.3) also gets a shareable copy, as if a reviewer had cleared it for sharing (sharing.seeding),
so that `export_open_data`, the partnership views and the hub feed have data.

The organisation must exist; `--create-organisation` creates it. Nothing here can be used to sign in:
the synthetic coder is an inactive account with no password, and a synthetic report's receipt hash
can never match a receipt code.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import random
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import islice
from pathlib import Path
from queue import Empty

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug
from django.db import connection, connections, transaction
from django.utils import timezone
from tqdm import tqdm

from coding import seeding as coding_seeding
from demo.synthetic import SyntheticReport, synthesise
from intelligence.seeding_hooks import after_seed
from organisations.models import Organisation
from organisations.services import get_organisation
from protection.audit import audit
from protection.days import day_only
from reporting.choices import Confidentiality, DeidStatus, MessageAuthor, Status
from reporting.models import Message, Report, StatusChange
from sharing.seeding import share_seeded

DEFAULT_SEED = 1
DEFAULT_BATCH = 2000
DEFAULT_SHARE = 0.3
CODER_USERNAME = "synthetic-coder"
# The alphabet of reporting's references (GC- and six symbols), without the look-alikes.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


class Command(BaseCommand):
    help = "Make N synthetic, confirmed, de-identified reports (with codes, dates over three years and embeddings)."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="Slug of the organisation to fill.")
        parser.add_argument("--count", type=int, required=True, help="How many reports to make.")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"Same seed, same reports (default {DEFAULT_SEED}).")
        parser.add_argument("--end-date", type=date.fromisoformat, default=None,
                            help="Last day of the three years (YYYY-MM-DD; default today).")
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH,
                            help=f"Reports per transaction (default {DEFAULT_BATCH}).")
        parser.add_argument("--create-organisation", action="store_true",
                            help="Create the organisation if it does not exist (named after its slug).")
        parser.add_argument("--skip-indexes", action="store_true",
                            help="Write the reports only: no embeddings or other indexes (to time the inserts alone).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bars.")
        parser.add_argument("--no-background", action="store_true",
                            help="Compose the texts in this process, not in a second one beside the inserts.")
        parser.add_argument("--stats-json", type=Path, default=None, help="Also write the figures to this JSON file.")
        parser.add_argument("--share", type=float, default=DEFAULT_SHARE,
                            help="Share of the reports (0 to 1) to give a shareable copy, as if a reviewer had cleared "
                                 f"them for sharing (open data, partnerships, the hub feed; default {DEFAULT_SHARE}).")

    def handle(self, *args, organisation: str, count: int, seed: int, end_date: date | None, batch_size: int,
               create_organisation: bool, skip_indexes: bool, no_progress: bool, no_background: bool,
               stats_json: Path | None, share: float, **options):
        if not 0 <= share <= 1:
            raise CommandError(f"--share must be between 0 and 1 (got {share}).")
        if count < 1:
            raise CommandError(f"--count must be at least 1 (got {count}).")
        if batch_size < 1:
            raise CommandError(f"--batch-size must be at least 1 (got {batch_size}).")
        org = self._organisation(organisation, create_organisation)
        end = end_date or timezone.localdate()
        coder = self._coder()
        vocabulary = coding_seeding.vocabulary(org)
        if not vocabulary.factors:
            raise CommandError(f"Organisation {org.slug!r} has no live contributing-factor codes to code reports with.")

        self.stdout.write(f"Seeding {count:,} synthetic reports into {org.slug!r} (seed {seed}, three years to {end}).")
        show = not no_progress
        references = _References(seed, org.slug)
        ids: list[int] = []
        rows = 0
        duplicates = 0
        started = time.perf_counter()
        generating = 0.0
        now = timezone.localtime().replace(tzinfo=None, microsecond=0)
        plan = {"count": count, "seed": seed, "end": end, "until": now - timedelta(minutes=5) if end >= now.date() else None}
        batches = _batches(plan, batch_size, in_background=not no_background)
        with tqdm(total=count, unit="report", desc="Reports", disable=not show, file=sys.stderr, mininterval=1) as bar:
            while True:
                t0 = time.perf_counter()
                batch = next(batches, None)
                generating += time.perf_counter() - t0
                if not batch:
                    break
                with transaction.atomic():
                    new_ids, written = self._write(org, batch, references, coder, vocabulary, seed)
                ids += new_ids
                rows += written
                duplicates += sum(1 for item in batch if item.duplicate_of is not None)
                bar.update(len(batch))
        inserted = time.perf_counter() - started
        audit("demo.seed_reports", actor="seed_reports", organisation_id=org.pk,
              detail={"count": count, "seed": seed, "end": end.isoformat(), "first": ids[0], "last": ids[-1]})

        figures: dict = {
            "organisation": org.slug, "count": count, "seed": seed, "end_date": end.isoformat(),
            "database": connection.vendor, "batch_size": batch_size, "deliberate_duplicates": duplicates,
            "composing_in_background": not no_background,
            "insert": {"seconds": round(inserted, 2), "generating_seconds": round(generating, 2), "rows": rows,
                       "reports_per_second": round(count / inserted, 1), "rows_per_second": round(rows / inserted, 1)},
        }
        self.stdout.write(f"Wrote {count:,} reports ({rows:,} rows with status changes, messages and codings) in "
                          f"{inserted:.1f}s: {count / inserted:,.0f} reports/s, {rows / inserted:,.0f} rows/s "
                          f"({generating:.1f}s of it waiting for text to be composed).")

        if share:
            t0 = time.perf_counter()
            shared = share_seeded(org, ids, share=share, seed=seed)
            figures["shared"] = {"reports": shared, "seconds": round(time.perf_counter() - t0, 2)}
            self.stdout.write(f"Cleared {shared:,} of them for sharing (shareable copies) in {time.perf_counter() - t0:.1f}s.")

        if not skip_indexes:
            # After seeding: everything safety intelligence keeps beside reports (intelligence.seeding_hooks).
            bars: dict[str, tqdm] = {}

            def progress(step: str, done: int, total: int) -> None:
                if step not in bars:
                    bars[step] = tqdm(total=total, unit="report", desc=step.capitalize(), disable=not show,
                                      file=sys.stderr, mininterval=1)
                bars[step].update(done)

            figures["after_seed"] = after_seed(org.pk, ids, progress=progress)
            for bar in bars.values():
                bar.close()
            for step, found in figures["after_seed"].items():
                self.stdout.write(f"{step}: {found.get('reports', 0):,} reports in {found.get('seconds')}s "
                                  f"({found.get('per_second')} reports/s)")
        figures["total_seconds"] = round(time.perf_counter() - started, 2)
        self.stdout.write(f"Done in {figures['total_seconds']:.1f}s.")
        if stats_json:
            stats_json.parent.mkdir(parents=True, exist_ok=True)
            stats_json.write_text(json.dumps(figures, indent=2) + "\n")

    # --- set-up --------------------------------------------------------------------------------------

    def _organisation(self, slug: str, create: bool) -> Organisation:
        found = get_organisation(slug)
        if found is not None:
            return found
        if not create:
            raise CommandError(f"No organisation with the slug {slug!r}. Create it first (in the admin, or run this "
                               "command again with --create-organisation).")
        try:
            validate_slug(slug)
        except ValidationError as exc:
            raise CommandError(f"{slug!r} is not a valid slug: use letters, numbers, hyphens and underscores.") from exc
        org = Organisation.objects.create(slug=slug, name=f"{slug} (synthetic reports)")
        self.stdout.write(f"Created organisation {slug!r}.")
        return org

    def _coder(self):
        """The reviewer the synthetic codings and messages are by: an account nobody can sign in to."""
        User = get_user_model()
        user, created = User.objects.get_or_create(username=CODER_USERNAME, defaults={
            "first_name": "Synthetic", "last_name": "coder", "is_active": False})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user

    # --- one batch -------------------------------------------------------------------------------------

    def _write(self, org: Organisation, batch: list[SyntheticReport], references: _References, coder, vocabulary,
               seed: int) -> tuple[list[int], int]:
        refs = references.take(len(batch))
        reports = []
        for item, reference in zip(batch, refs, strict=True):
            submitted = timezone.make_aware(item.submitted_at)
            report = Report(
                organisation=org, reference=reference, kind=item.kind, potential_harm=item.potential_harm,
                service_area=item.service_area, stage=item.stage, agencies=list(item.agencies),
                occurred_month=item.occurred_month, occurred_year=item.occurred_year,
                confidentiality=item.confidentiality, status=item.status, deid_status=DeidStatus.CONFIRMED,
                deid_confirmed_at=submitted + item.confirmed_after, what_happened=item.what_happened,
                potential_harm_text=item.potential_harm_text, how_noticed=item.how_noticed,
                what_would_help=item.what_would_help,
                # Never a valid receipt hash (those are hex digests), so no code opens a synthetic report.
                receipt_hash="synthetic-" + hashlib.sha256(reference.encode()).hexdigest(),
                is_demo=True)
            report.submitted_at = report.kept_time(submitted)
            last = max([submitted + item.confirmed_after] + [submitted + after for _, after, _ in item.status_after]
                       + [submitted + m.after for m in item.messages])
            report.updated_at = report.kept_time(last)
            reports.append(report)
        Report.objects.bulk_create(reports)
        if any(report.pk is None for report in reports):
            raise CommandError("The database did not return the ids of the new reports.")

        changes, messages, codings = [], [], []
        for report, item in zip(reports, batch, strict=True):
            submitted = timezone.make_aware(item.submitted_at)
            changes.append(StatusChange(report=report, from_status="", to_status=Status.RECEIVED,
                                        changed_at=report.submitted_at))
            previous = Status.RECEIVED
            for status, after, note in item.status_after:
                changes.append(StatusChange(report=report, from_status=previous, to_status=status, changed_by=coder,
                                            changed_at=submitted + after, note=note))
                previous = status
            for message in item.messages:
                at = submitted + message.after
                reviewer = message.author_kind == MessageAuthor.REVIEWER
                if not reviewer and item.confidentiality == Confidentiality.ANONYMOUS:
                    at = day_only(at)
                messages.append(Message(report=report, author_kind=message.author_kind, body=message.body,
                                        reviewer=coder if reviewer else None, created_at=at))
            if item.coding is not None:
                codings.append(_coding(report.pk, item, submitted, vocabulary, seed))
        StatusChange.objects.bulk_create(changes)
        Message.objects.bulk_create(messages)
        coding_seeding.bulk_code(org, vocabulary, codings, coder=coder)
        factors = sum(len(c.factors) for c in codings)
        return [report.pk for report in reports], len(reports) + len(changes) + len(messages) + len(codings) + factors


def _coding(report_id: int, item: SyntheticReport, submitted: datetime, vocabulary, seed: int):
    """The synthetic coding in the organisation's live codes: a factor or error type the organisation
    has retired or renamed away is left out (and a coding keeps at least one factor)."""
    coding = item.coding
    live = set(vocabulary.factors)
    factors = {key: failure for key, failure in coding.factors.items() if key in live}
    if not factors:
        factors = {random.Random(f"{seed}:{item.index}").choice(vocabulary.factors): ""}
    error_type = coding.error_type if coding.error_type in vocabulary.error_types else ""
    return coding_seeding.SeedCoding(
        report_id=report_id, factors=factors, error_type=error_type, stage=coding.stage,
        actual_harm=coding.actual_harm, potential_harm=coding.potential_harm, likelihood=coding.likelihood,
        coded_at=submitted + coding.after)


def _compose(queue, plan: dict, batch_size: int) -> None:
    """In the second process: compose the reports, a batch at a time, and hand them over."""
    try:
        items = synthesise(plan["count"], seed=plan["seed"], end=plan["end"], until=plan["until"])
        while batch := list(islice(items, batch_size)):
            queue.put(batch)
        queue.put(None)
    except BaseException as exc:  # handed to the parent, which raises it
        queue.put(RuntimeError(f"Composing the synthetic reports failed: {exc!r}"))


def _batches(plan: dict, batch_size: int, *, in_background: bool) -> Iterator[list[SyntheticReport]]:
    """The reports in batches. In the background, a second process composes the next batches while
    this one writes (composing is about half the work, and it needs no database)."""
    if not in_background:
        items = synthesise(plan["count"], seed=plan["seed"], end=plan["end"], until=plan["until"])
        while batch := list(islice(items, batch_size)):
            yield batch
        return
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=4)
    if not connection.in_atomic_block:
        # The child never touches the database, and leaves with os._exit (no finalisers), but it is
        # cleaner still for it not to hold our connections at all.
        connections.close_all()
    composer = context.Process(target=_compose, args=(queue, plan, batch_size), daemon=True)
    composer.start()
    try:
        while True:
            try:
                batch = queue.get(timeout=5)
            except Empty:
                if not composer.is_alive():
                    raise CommandError("The process composing the reports stopped unexpectedly.") from None
                continue
            if batch is None:
                return
            if isinstance(batch, BaseException):
                raise CommandError(str(batch))
            yield batch
    finally:
        if composer.is_alive():
            composer.terminate()  # our own child, by its handle
        composer.join()


class _References:
    """Report references drawn from the seed, in reporting's format; any already taken is drawn again."""

    def __init__(self, seed: int, slug: str):
        self.seed, self.slug = seed, slug
        self.index = 0
        self.taken: set[str] = set()

    def _draw(self, index: int, attempt: int) -> str:
        digest = hashlib.blake2b(f"{self.seed}:{self.slug}:{index}:{attempt}".encode(), digest_size=8).digest()
        number = int.from_bytes(digest, "big") % len(REFERENCE_ALPHABET) ** 6
        symbols = []
        for _position in range(6):
            number, digit = divmod(number, len(REFERENCE_ALPHABET))
            symbols.append(REFERENCE_ALPHABET[digit])
        return "GC-" + "".join(symbols)

    def take(self, n: int) -> list[str]:
        wanted = {self.index + i: self._draw(self.index + i, 0) for i in range(n)}
        attempt = 0
        while True:
            existing = set(Report.objects.filter(reference__in=list(wanted.values())).values_list("reference", flat=True))
            clash = {}
            seen: set[str] = set()
            for i, reference in wanted.items():
                if reference in existing or reference in self.taken or reference in seen:
                    clash[i] = reference
                seen.add(reference)
            if not clash:
                break
            attempt += 1
            for i in clash:
                wanted[i] = self._draw(i, attempt)
        self.index += n
        self.taken.update(wanted.values())
        return [wanted[self.index - n + i] for i in range(n)]
