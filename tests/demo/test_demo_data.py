"""The demo data: a deterministic, varied generator, and a loader that runs the real pipeline once."""

import re
from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

import demo
from demo.management.commands.load_demo import DEMO_PASSWORD, NORTHSHIRE_COUNT
from organisations.models import Membership, Organisation, Role
from protection.models import PlaceholderSet, Redaction, SealedRecord
from reporting.choices import (
    Confidentiality,
    DeidStatus,
    PotentialHarm,
    ReportKind,
    ServiceArea,
    Stage,
    Status,
)
from reporting.models import Message, Report, StatusChange
from reporting.subjects import subject_for

TODAY = date(2026, 3, 15)


@pytest.fixture(scope="module")
def reports():
    return demo.generate(today=TODAY)


def _months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


# --- the generator -------------------------------------------------------------------------------


def test_the_generator_is_deterministic(reports):
    assert demo.generate(today=TODAY) == reports
    assert demo.generate(today=TODAY, seed=demo.DEFAULT_SEED + 1) != reports
    assert demo.generate(12, today=TODAY) == demo.generate(12, today=TODAY)


def test_about_two_hundred_reports_spread_across_the_vocabularies(reports):
    assert len(reports) == demo.DEFAULT_COUNT == 200
    kinds = Counter(r.kind for r in reports)
    assert set(kinds) == set(ReportKind.values)
    assert min(kinds.values()) >= 20
    assert kinds[ReportKind.NEAR_MISS] == max(kinds.values())
    areas = Counter(r.service_area for r in reports)
    assert set(areas) == set(ServiceArea.values)
    assert len({r.stage for r in reports if r.stage}) >= 12
    assert {r.stage for r in reports} <= set(Stage.values) | {""}
    harms = Counter(r.potential_harm for r in reports)
    assert set(harms) == set(PotentialHarm.values)
    assert harms[PotentialHarm.MODERATE] + harms[PotentialHarm.SEVERE] > harms[PotentialHarm.CATASTROPHIC] * 10
    assert set(Counter(r.confidentiality for r in reports)) == set(Confidentiality.values)
    assert len({a for r in reports for a in r.agencies}) >= 8
    assert len({r.theme for r in reports}) == len(demo.HELP)
    assert len({r.style for r in reports}) == len(demo.STYLES)


def test_reports_happened_over_the_last_eighteen_months_and_none_in_the_future(reports):
    dated = [r for r in reports if r.occurred_year]
    assert len(dated) > 170
    months = {(r.occurred_year, r.occurred_month) for r in dated}
    assert len(months) >= 15
    for r in dated:
        assert 0 <= _months_between(date(r.occurred_year, r.occurred_month, 1), TODAY) < demo.MONTHS_BACK
    assert all(r.submitted_on <= TODAY for r in reports)
    assert [r.submitted_on for r in reports] == sorted(r.submitted_on for r in reports)


def test_narratives_are_within_length_and_all_different(reports):
    for r in reports:
        assert demo.MIN_WORDS <= r.word_count <= demo.MAX_WORDS, (r.index, r.word_count)
        assert r.what_happened
    assert len({r.what_happened for r in reports}) == len(reports)
    assert len({r.slip for r in reports}) >= 60
    # No single building block dominates.
    assert max(Counter(r.slip for r in reports).values()) <= 10


def test_texts_contain_no_real_email_domain_or_web_address(reports):
    allowed = {"example.org", "example.com"}
    for text in demo.iter_texts(reports):
        for domain in re.findall(r"@([\w-]+(?:\.[\w-]+)+)", text):
            assert domain.lower() in allowed, domain
        for name in re.findall(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|uk|io|gov|nhs|police|sch)\b", text, re.I):
            assert name.lower() in allowed, name
        assert "www" not in text.lower() and "http" not in text.lower()


def test_many_narratives_carry_invented_personal_data_and_some_carry_none(reports):
    with_pd = [r for r in reports if r.personal_data]
    assert 120 <= len(with_pd) <= 180
    kinds = Counter(kind for r in reports for kind, _ in r.personal_data)
    for kind in ("first_name", "surname", "street", "school", "phone", "date", "email", "age", "case_reference"):
        assert kinds[kind] >= 3, kind
    for r in with_pd:
        for _, value in r.personal_data:
            assert value.lower() in r.narrative.lower()
    phones = [v for r in reports for k, v in r.personal_data if k == "phone"]
    assert all(p.replace(" ", "").startswith(("07700900", "01632960")) for p in phones)  # Ofcom drama ranges


def test_names_and_places_come_only_from_the_generators_own_lists(reports):
    lists = demo.name_lists()
    for r in reports:
        for kind, value in r.personal_data:
            if kind in lists:
                assert value in lists[kind], (kind, value)
    # Every word of every narrative is either fixed template wording or from those lists: nothing
    # (no name, no place) comes from anywhere else.
    def words(text: str) -> set[str]:
        return {w.lower().removesuffix("'s") for w in re.findall(r"[A-Za-z][A-Za-z']*", text)}

    known = words(demo.template_text()) | set(demo.RELATIVES)
    known |= {w for values in lists.values() for v in values for w in words(v)}
    for text in demo.iter_texts(reports):
        unknown = words(text) - known
        assert not unknown, unknown


def test_the_plan_leaves_some_awaiting_check_and_closes_with_feedback(reports):
    awaiting = [r for r in reports if r.awaiting_check]
    assert len(awaiting) == 15
    assert all(r.target_status == Status.RECEIVED for r in awaiting)
    assert {r.index for r in awaiting} == set(range(185, 200))  # the newest
    closed = [r for r in reports if r.target_status == Status.CLOSED]
    assert closed and all(r.feedback for r in closed)
    assert sum(1 for r in reports if r.thread) >= 8
    assert {s for r in reports for s in [r.target_status]} == set(Status.values)


# --- the loader ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _without_equality_demo(monkeypatch):
    """The equality demo adds its own staff and reports; tests/equality/test_demo.py checks it alone."""
    monkeypatch.setattr("demo.management.commands.load_demo.load_equality_demo", lambda *args, **kwargs: 0)


def _load(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_creates_everything_once(settings):
    settings.DEMO = True
    first = _load("--count", "12")
    demo_org = Organisation.objects.get(slug="demo")
    northshire = Organisation.objects.get(slug="northshire")
    assert demo_org.name == "Demo Borough Council Children's and Adults' Services"
    assert Report.objects.filter(organisation=demo_org, is_demo=True, reporter_group="").count() == 12
    assert Report.objects.filter(organisation=demo_org, is_demo=True).exclude(reporter_group="").count() == 3  # easy read
    assert Report.objects.filter(organisation=northshire, is_demo=True).count() == NORTHSHIRE_COUNT
    roles = dict(Membership.objects.filter(organisation=demo_org).values_list("user__username", "role"))
    assert roles == {"reporter": Role.REPORTER, "reviewer": Role.REVIEWER, "custodian": Role.CUSTODIAN,
                     "manager": Role.MANAGER, "admin": Role.ADMIN}
    assert Membership.objects.filter(organisation=northshire, user__username="northshire").exists()
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert all(u.check_password(DEMO_PASSWORD) for u in User.objects.all())

    # Through the real pipeline: proposed, mostly confirmed, de-identified text only.
    reports = Report.objects.filter(organisation=demo_org, reporter_group="")  # the easy-read ones: demo/easy_read.py
    statuses = Counter(reports.values_list("deid_status", flat=True))
    assert statuses[DeidStatus.DRAFT] == 1 and statuses[DeidStatus.CONFIRMED] == 11
    assert Redaction.objects.filter(organisation_id=demo_org.pk).exists()
    for report in reports.filter(deid_status=DeidStatus.DRAFT):
        assert report.what_happened == ""
    for report in reports.filter(deid_status=DeidStatus.CONFIRMED):
        assert report.what_happened
    assert all(r.is_demo for r in Report.objects.all())
    assert reports.exclude(status=Status.RECEIVED).exists()
    for report in reports.filter(status=Status.CLOSED):
        assert report.status_changes.filter(to_status=Status.CLOSED).exclude(note="").exists()
    # Spread over past months, not all "just now".
    assert len({r.submitted_at.date() for r in reports}) > 3
    for change in StatusChange.objects.filter(report__in=reports):
        assert change.changed_at >= change.report.submitted_at
    for username in ("reporter", "reviewer", "custodian", "manager", "admin", "northshire", "northshire-admin", "health"):
        assert username in first
    # Sharing (demo/sharing.py): cleared copies, an accepted agreement with the health partner, and a partnership.
    from sharing import agreements, partnerships
    from sharing.models import SharedReport

    health = Organisation.objects.get(slug="health")
    assert SharedReport.objects.filter(organisation=demo_org, withdrawn_at__isnull=True).count() == 8
    (agreement,) = agreements.agreements_for(demo_org.pk).outgoing
    assert agreement.partner == health and agreements.is_active(agreement)
    assert len(partnerships.joined_members(partnerships.partnership_with_slug("demo-lscp"))) == 3
    assert "http://127.0.0.1:8000/sign-in/" in first and "http://127.0.0.1:8000/r/demo/" in first

    counts = (Report.objects.count(), User.objects.count(), Membership.objects.count(), Message.objects.count(),
              SealedRecord.objects.count(), Organisation.objects.count())
    second = _load("--count", "12")
    assert (Report.objects.count(), User.objects.count(), Membership.objects.count(), Message.objects.count(),
            SealedRecord.objects.count(), Organisation.objects.count()) == counts
    assert "already loaded" in second and "goodcatch-demo" in second


@pytest.mark.django_db
def test_reset_reloads_only_the_demo_rows(settings, organisation):
    from tests.factories import report as submit

    settings.DEMO = True
    _load("--count", "4")
    real = submit(organisation, "A report that is not demo data.").report
    _load("--count", "4", "--reset")
    demo_reports = Report.objects.filter(is_demo=True)
    assert demo_reports.count() == 4 + NORTHSHIRE_COUNT + 3  # and the three easy-read ones (demo/easy_read.py)
    assert Report.objects.filter(pk=real.pk).exists()
    live_subjects = {subject_for(r) for r in Report.objects.only("pk")}
    assert set(SealedRecord.objects.values_list("subject", flat=True)) <= live_subjects
    assert set(PlaceholderSet.objects.values_list("subject", flat=True)) <= live_subjects


@pytest.mark.django_db
def test_load_demo_refuses_outside_demo_mode(settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="demo mode"):
        _load("--count", "2")
    assert not Organisation.objects.filter(slug="demo").exists()
