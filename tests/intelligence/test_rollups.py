"""The dashboard's monthly rollups give exactly the counts made afresh: for random reports, codings
and replies, before and after a refresh folds them in, under random filters (whole months, parts of
months, types, areas and stages), on whichever database the tests run on."""

from __future__ import annotations

import random
import secrets
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from coding import risk, taxonomy
from coding.models import CodedFactor, CodeVersion, Coding, Use
from intelligence import dashboard as board
from intelligence import rollups
from intelligence.models import FactorRollup, ReportRollup, RollupState
from reporting.choices import DeidStatus, MessageAuthor, ReportKind, ServiceArea, Stage
from reporting.models import Message, Report
from tests.factories import member

pytestmark = pytest.mark.django_db

FIRST_MONTH = date(2025, 10, 1)
MONTHS = 8
AREAS = ["", *ServiceArea.values[:3]]
STAGES = ["", *Stage.values[:3]]


class World:
    """Random rows for one organisation, added in steps, as reporters and reviewers would."""

    def __init__(self, organisation, rng: random.Random):
        self.organisation, self.rng = organisation, rng
        self.coders = [member(organisation) for _ in range(3)]
        self.codes = [c for c in taxonomy.codes_of(organisation) if c.use == Use.FACTOR and not c.children.exists()][:6]
        self.versions = {v.code_id: v for v in CodeVersion.objects.filter(code__in=self.codes)}
        self.reports: list[Report] = []
        self.coded_by: dict[int, set[int]] = {}
        self.last_reply: dict[int, datetime] = {}

    def when(self) -> datetime:
        """A time in one of the months, often at a month's very edge (local midnight)."""
        month = FIRST_MONTH
        for _ in range(self.rng.randrange(MONTHS)):
            month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
        day = self.rng.choice([1, 1, 2, 15, 28])
        hour, minute = self.rng.choice([(0, 0), (0, 30), (12, 0), (23, 59)])
        return timezone.make_aware(datetime(month.year, month.month, day, hour, minute))

    def add_reports(self, n: int) -> None:
        self.reports += Report.objects.bulk_create([
            Report(organisation=self.organisation, reference=f"GC-{secrets.token_hex(4).upper()}",
                   kind=self.rng.choice(ReportKind.values), service_area=self.rng.choice(AREAS),
                   stage=self.rng.choice(STAGES), receipt_hash=secrets.token_hex(32), submitted_at=self.when(),
                   updated_at=timezone.now(), deid_status=DeidStatus.CONFIRMED, what_happened="An account.")
            for _ in range(n)])

    def add_codings(self, n: int) -> None:
        for subject in self.rng.sample(self.reports, min(n, len(self.reports))):
            done = self.coded_by.setdefault(subject.pk, set())
            free = [c for c in self.coders if c.pk not in done]
            if not free:
                continue
            coder = self.rng.choice(free)
            done.add(coder.pk)
            consequence, likelihood = self.rng.randint(1, 5), self.rng.randint(1, 5)
            rated = risk.rate(consequence, likelihood)
            coding = Coding.objects.create(organisation=self.organisation, report=subject, coder=coder, actual_harm=1,
                                           potential_harm=consequence, likelihood=likelihood, risk_score=rated.score,
                                           risk_band=rated.band.key)
            for code in self.rng.sample(self.codes, self.rng.randint(0, 3)):
                CodedFactor.objects.create(coding=coding, code=code, code_version=self.versions[code.pk],
                                           failure=self.rng.choice(["active", "latent", ""]))

    def add_replies(self, n: int) -> None:
        """Reviewers' messages (and a reporter's, which never counts), each later than the report's last."""
        for subject in self.rng.choices(self.reports, k=n):
            after = self.last_reply.get(subject.pk, subject.submitted_at)
            at = after + timedelta(days=self.rng.choice([0, 0, 1, 3, 9, 40]), hours=self.rng.randint(0, 30))
            author = self.rng.choice([MessageAuthor.REVIEWER] * 4 + [MessageAuthor.REPORTER])
            Message.objects.create(report=subject, author_kind=author, body="Thank you.", created_at=at,
                                   reviewer=self.coders[0] if author == MessageAuthor.REVIEWER else None)
            self.last_reply[subject.pk] = at

    def step(self) -> None:
        self.add_reports(self.rng.randint(20, 60))
        self.add_codings(self.rng.randint(10, 40))
        self.add_replies(self.rng.randint(10, 40))

    def filters(self) -> board.Filters:
        def day() -> date:
            at = timezone.localtime(self.when()).date()
            return self.rng.choice([at, at.replace(day=1), (at.replace(day=28) + timedelta(days=4)).replace(day=1)
                                    - timedelta(days=1), at + timedelta(days=self.rng.randint(0, 20))])

        start = day() if self.rng.random() < 0.6 else None
        end = day() if self.rng.random() < 0.6 else None
        if start and end and start > end:
            start, end = end, start
        return board.Filters(date_from=start, date_to=end,
                             kind=self.rng.choice(["", "", *ReportKind.values]),
                             service_area=self.rng.choice(["", "", *AREAS[1:]]),
                             stage=self.rng.choice(["", "", *STAGES[1:]]))


def live(organisation, filters: board.Filters) -> rollups.Figures:
    return rollups.live_figures(organisation, board.filtered_reports(organisation, filters),
                                all_reports=not filters.any).normalised()


def from_rollups(organisation, filters: board.Filters) -> rollups.Figures:
    counted = rollups.figures(organisation, filters, board.filtered_reports(organisation, filters))
    assert counted is not None, "the rollups were not used"
    return counted.normalised()


def check(world: World, filters_each: int) -> None:
    for filters in [board.Filters(), *(world.filters() for _ in range(filters_each))]:
        assert from_rollups(world.organisation, filters) == live(world.organisation, filters), filters


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rollups_and_what_came_after_them_add_up_to_the_live_counts(organisation, seed):
    world = World(organisation, random.Random(seed))
    world.step()
    world.step()
    rollups.refresh(organisation)
    check(world, 15)  # just folded in: the rollup alone, plus edge months live

    world.step()  # new reports, first and second codings, first and later replies after the marks
    check(world, 15)

    rollups.refresh(organisation)  # folded in again: months compacted, marks moved on
    world.step()
    check(world, 15)


def test_refreshes_append_what_changed_and_compaction_keeps_months_small(organisation):
    world = World(organisation, random.Random(7))
    for _ in range(6):
        world.step()
        rollups.refresh(organisation)
    state = RollupState.objects.get(organisation=organisation)
    assert state.reports_up_to == max(r.pk for r in world.reports)
    columns = ("month", "kind", "service_area", "stage", "code_id", "failure")
    rows = list(FactorRollup.objects.filter(organisation=organisation).values_list(*columns))
    assert ReportRollup.objects.filter(organisation=organisation).exists()
    for month in {row[0] for row in rows}:
        in_month = [row for row in rows if row[0] == month]
        assert len(in_month) <= 2 * len(set(in_month))
    assert rollups.refresh(organisation) == 0  # nothing new: nothing written
    check(world, 5)


def test_reports_taken_away_are_counted_again_at_the_next_refresh(organisation):
    world = World(organisation, random.Random(11))
    world.step()
    world.step()
    rollups.refresh(organisation)
    Report.objects.filter(pk__in=[r.pk for r in world.reports[::3]]).delete()  # as the demo's reset does
    world.reports = [r for r in world.reports if Report.objects.filter(pk=r.pk).exists()]
    world.step()
    rollups.refresh(organisation)
    check(world, 10)


def test_without_rollups_or_in_another_time_zone_everything_is_counted_live(organisation, settings):
    world = World(organisation, random.Random(3))
    world.step()
    assert rollups.figures(organisation, board.Filters(), board.filtered_reports(organisation, board.Filters())) \
        is None
    rollups.refresh(organisation)
    with timezone.override("America/New_York"):
        assert rollups.figures(organisation, board.Filters(),
                               board.filtered_reports(organisation, board.Filters())) is None
        assert board.figures(organisation, board.Filters()).normalised() == live(organisation, board.Filters())
    settings.GOODCATCH_DASHBOARD_ROLLUPS = False
    ReportRollup.objects.filter(organisation=organisation).update(n=999)  # would show if they were read
    assert board.figures(organisation, board.Filters()).normalised() == live(organisation, board.Filters())


def test_the_refresh_task_keeps_the_rollups(organisation):
    from intelligence.tasks import refresh_dashboards

    World(organisation, random.Random(5)).step()
    refresh_dashboards.call()
    assert RollupState.objects.filter(organisation=organisation).exists()
    assert ReportRollup.objects.filter(organisation=organisation).exists()


def test_the_span_of_the_reports_after_the_marks_is_read_by_id_and_matches_min_and_max(organisation):
    from django.db.models import Max, Min

    from reporting import services as reporting

    world = World(organisation, random.Random(13))
    world.step()
    rollups.refresh(organisation)
    after = reporting.reports_for_organisation(organisation).filter(
        pk__gt=RollupState.objects.get(organisation=organisation).reports_up_to)
    assert reporting.submission_span_by_id(after) == (None, None)  # nothing after the marks yet
    world.step()
    expected = after.aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
    assert expected["first"] is not None
    assert reporting.submission_span_by_id(after) == (expected["first"], expected["last"])
    assert reporting.submission_span_by_id(after.filter(kind="no such kind")) == (None, None)
