"""seed_reports: synthetic, confirmed, de-identified reports in bulk, for measuring safety intelligence."""

import re
from collections import Counter
from datetime import date, timedelta

import numpy as np
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from coding import risk, taxonomy
from coding.models import Code, CodedFactor, Coding, Use
from demo import name_lists
from demo.synthetic import deidentify, synthesise
from intelligence import vectors
from organisations.models import Organisation
from reporting import services as reporting
from reporting.choices import Confidentiality, DeidStatus, MessageAuthor, Status
from reporting.models import Message, Report, StatusChange

END = date(2026, 3, 15)
COUNT = 150


def seed(slug: str, count: int = COUNT, *, seed: int = 7, **options) -> None:
    call_command("seed_reports", organisation=slug, count=count, seed=seed, end_date=END, no_progress=True, **options)


def _local(at):
    return timezone.localtime(at)


@pytest.fixture
def seeded(organisation, other_organisation):
    seed(organisation.slug)
    return organisation


def test_makes_that_many_confirmed_readable_reports_in_that_organisation_only(seeded, other_organisation):
    reports = Report.objects.filter(organisation=seeded)
    assert reports.count() == COUNT
    assert not Report.objects.filter(organisation=other_organisation).exists()
    assert set(reports.values_list("deid_status", flat=True)) == {DeidStatus.CONFIRMED}
    assert set(reports.values_list("is_demo", flat=True)) == {True}
    texts = [reporting.readable_text(r) for r in reports]
    assert all(len(text.split()) >= 30 for text in texts)
    assert len(set(texts)) >= COUNT - 5  # varied, not copies (a few deliberate duplicates may repeat closely)
    # De-identified as confirmed text reads: typed placeholders, and none of the invented details left.
    joined = "\n".join(texts)
    assert re.search(r"\[PERSON \d+\]", joined)
    labels = set(re.findall(r"\[([A-Z_]+)(?: \d+)?\]", joined))
    assert {"PERSON", "ADDRESS", "AGE"} <= labels
    lists = name_lists()
    for value in lists["surname"] + lists["street"] + lists["school"] + lists["hospital"]:
        assert not re.search(rf"\b{re.escape(value)}\b", joined, re.IGNORECASE), value
    assert not re.search(r"07700|01632|@example\.org|\b999 \d{3} \d{4}\b", joined)
    # Nothing of them opens with a receipt code, and their coder cannot sign in.
    coder = get_user_model().objects.get(username="synthetic-coder")
    assert not coder.is_active and not coder.has_usable_password()
    assert all(not h.isalnum() and h.startswith("synthetic-") for h in reports.values_list("receipt_hash", flat=True))


def test_the_same_seed_gives_the_same_reports_and_another_seed_others(organisation, other_organisation):
    third = Organisation.objects.create(slug="third", name="Third Council")
    inline = Organisation.objects.create(slug="inline", name="Inline Council")
    seed(organisation.slug, 60, seed=3)
    seed(other_organisation.slug, 60, seed=3)
    seed(third.slug, 60, seed=4)
    seed(inline.slug, 60, seed=3, no_background=True, batch_size=7)  # composed here, in other batches

    def content(org):
        rows = []
        for r in Report.objects.filter(organisation=org).order_by("pk"):
            factors = sorted(CodedFactor.objects.filter(coding__report=r).values_list("code__key", "failure"))
            rows.append((r.kind, r.service_area, r.stage, r.what_happened, r.how_noticed, r.submitted_at, r.status,
                         r.confidentiality, factors, list(r.messages.values_list("body", "created_at"))))
        return rows

    assert content(organisation) == content(other_organisation) == content(inline)
    assert content(third) != content(organisation)
    # References are unique across the whole database all the same.
    assert Report.objects.values("reference").distinct().count() == 240


def test_codes_come_from_the_live_taxonomy_and_follow_the_risk_matrix(organisation):
    taxonomy.codes_of(organisation)  # the organisation's own copy of the default taxonomy
    Code.objects.filter(organisation=organisation, key="information-systems").update(retired_at=timezone.now())
    seed(organisation.slug, 200)

    codings = Coding.objects.filter(report__organisation=organisation)
    coded = Report.objects.filter(organisation=organisation, status__in=[Status.CODED, Status.CLOSED])
    assert codings.count() == coded.count() > 100
    assert set(codings.values_list("organisation_id", flat=True)) == {organisation.pk}
    live = {code.pk for code in taxonomy.choosable(organisation, Use.FACTOR)}
    factors = CodedFactor.objects.filter(coding__in=codings)
    assert set(factors.values_list("code_id", flat=True)) <= live
    assert not factors.filter(code__key="information-systems").exists()  # retired before seeding
    assert all(c.factors.exists() for c in codings)
    assert all(f.code_version.code_id == f.code_id for f in factors.select_related("code_version"))
    used = Counter(factors.values_list("code__key", flat=True))
    assert len(used) >= 12  # a spread of factors, not one
    for coding in codings:
        rated = risk.rate(coding.potential_harm, coding.likelihood)
        assert (coding.risk_score, coding.risk_band) == (rated.score, rated.band.key)
        assert coding.coded_at > coding.report.submitted_at
    assert len(set(codings.values_list("risk_band", flat=True))) >= 3


def test_dates_span_three_years_with_more_reports_recently(seeded):
    submitted = [_local(at) for at in Report.objects.filter(organisation=seeded).values_list("submitted_at", flat=True)]
    first, last = min(submitted).date(), max(submitted).date()
    assert last <= END and first >= END - timedelta(days=3 * 365 + 7)
    assert (last - first).days > 365 * 2.5
    years = Counter((END - at.date()).days // 365 for at in submitted)
    assert years[0] > years[2]  # a growing reporting culture


def test_anonymous_reports_keep_their_times_to_the_day(seeded):
    anonymous = Report.objects.filter(organisation=seeded, confidentiality=Confidentiality.ANONYMOUS)
    others = Report.objects.filter(organisation=seeded).exclude(confidentiality=Confidentiality.ANONYMOUS)
    assert anonymous.exists() and others.exists()
    midnight = (0, 0, 0, 0)

    def clock(at):
        local = _local(at)
        return (local.hour, local.minute, local.second, local.microsecond)

    assert all(clock(r.submitted_at) == midnight and clock(r.updated_at) == midnight for r in anonymous)
    received = StatusChange.objects.filter(report__in=anonymous, from_status="")
    assert all(clock(at) == midnight for at in received.values_list("changed_at", flat=True))
    replies = Message.objects.filter(report__in=anonymous, author_kind=MessageAuthor.REPORTER)
    assert all(clock(at) == midnight for at in replies.values_list("created_at", flat=True))
    assert any(clock(r.submitted_at) != midnight for r in others)


def test_reviewers_write_back_after_the_report_came_in(seeded):
    closed = Report.objects.filter(organisation=seeded, status=Status.CLOSED)
    assert closed.count() > 30
    for report in closed:
        feedback = report.messages.filter(author_kind=MessageAuthor.REVIEWER)
        assert feedback.exists()
        assert min(feedback.values_list("created_at", flat=True)) > report.submitted_at
        steps = list(report.status_changes.order_by("changed_at", "pk").values_list("to_status", flat=True))
        assert steps == [Status.RECEIVED, Status.IN_REVIEW, Status.CODED, Status.CLOSED]
        assert report.status_changes.get(to_status=Status.CLOSED).note


def test_embeddings_are_computed(seeded, other_organisation):
    ids, matrix = vectors.load_vectors(seeded.pk)
    assert sorted(ids.tolist()) == sorted(Report.objects.filter(organisation=seeded).values_list("pk", flat=True))
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-3)
    assert len(vectors.load_vectors(other_organisation.pk)[0]) == 0


def test_progress_is_shown_and_figures_are_written(organisation, capsys, tmp_path):
    stats = tmp_path / "seed.json"
    call_command("seed_reports", organisation=organisation.slug, count=30, end_date=END, stats_json=stats)
    captured = capsys.readouterr()
    assert "30/30" in captured.err and "Reports" in captured.err and "Embeddings" in captured.err
    assert "reports/s" in captured.out
    figures = __import__("json").loads(stats.read_text())
    assert figures["count"] == 30 and figures["insert"]["reports_per_second"] > 0
    assert figures["after_seed"]["embeddings"]["reports"] == 30


def test_bad_arguments_give_clear_errors_and_change_nothing(organisation):
    with pytest.raises(CommandError, match=r"No organisation with the slug 'nowhere'.*--create-organisation"):
        seed("nowhere", 5)
    for count in (0, -3):
        with pytest.raises(CommandError, match="--count must be at least 1"):
            seed(organisation.slug, count)
    with pytest.raises(CommandError, match="not a valid slug"):
        seed("no spaces please", 5, create_organisation=True)
    assert not Report.objects.exists()
    assert not Organisation.objects.filter(slug="nowhere").exists()


def test_create_organisation_makes_a_missing_one(db):
    seed("fresh-org", 5, create_organisation=True)
    assert Report.objects.filter(organisation__slug="fresh-org").count() == 5


# --- the generator, without a database --------------------------------------------------------------


def test_deliberate_duplicates_retell_a_recent_event():
    reports = list(synthesise(3000, seed=11, end=END))
    by_index = {r.index: r for r in reports}
    duplicates = [r for r in reports if r.duplicate_of is not None]
    assert 10 <= len(duplicates) <= 90
    for copy in duplicates:
        original = by_index[copy.duplicate_of]
        assert (copy.situation, copy.slip, copy.kind) == (original.situation, original.slip, original.kind)
        assert timedelta(0) <= copy.submitted_at - original.submitted_at <= timedelta(days=7)
    assert [r.submitted_at for r in reports] == sorted(r.submitted_at for r in reports)


def test_a_reports_factors_follow_its_story():
    coded = [r for r in synthesise(1500, seed=5, end=END) if r.coding is not None]
    mentions = [r for r in coded if "cases at the time" in r.narrative.lower()]
    others = [r for r in coded if "cases at the time" not in r.narrative.lower() and r.theme != "workload"]
    assert len(mentions) >= 20

    def share(reports):
        return sum("workload-caseload" in r.coding.factors for r in reports) / len(reports)

    assert share(mentions) >= 0.6 > 0.1 >= share(others)
    by_theme = Counter((r.theme, next(iter(r.coding.factors))) for r in coded if r.kind != "good_practice")
    top = {theme: max((n, key) for (t, key), n in by_theme.items() if t == theme)[1] for theme, _ in by_theme}
    assert top["info_systems"] == "information-systems" and top["prioritisation"] == "prioritising-cases"


def test_placeholders_are_numbered_in_order_and_the_same_person_keeps_a_number():
    fields = {"what_happened": "Ava Pellowby (7) at 12 Cobnut Lane. Mrs Pellowby rang. Ava said no.",
              "potential_harm_text": "", "how_noticed": "Ava's school, Wrenfold High, rang 07700 900123.",
              "what_would_help": ""}
    personal = (("first_name", "Ava"), ("surname", "Pellowby"), ("age", "7"), ("street", "Cobnut Lane"),
                ("house_number", "12"), ("school", "Wrenfold High"), ("phone", "07700 900123"))
    out = deidentify(fields, personal)
    assert out["what_happened"] == "[PERSON 1] ([AGE]) at [ADDRESS 1]. [PERSON 1] rang. [PERSON 1] said no."
    assert out["how_noticed"] == "[PERSON 1]'s school, [ORGANISATION 1], rang [PHONE 1]."


def test_a_share_of_the_reports_is_cleared_for_sharing_so_open_data_has_something_to_export(organisation, tmp_path):
    """What the product owner runs: seed_reports, then export_open_data on what it made."""
    import csv

    from sharing.models import SharedReport

    organisation.region = "north_west"
    organisation.save(update_fields=["region"])
    seed(organisation.slug, count=300, share=0.5)
    copies = SharedReport.objects.filter(organisation=organisation)
    assert copies.count() == 150
    reports = {report.pk: report for report in Report.objects.filter(organisation=organisation)}
    for copy in copies:
        source = reports[copy.source_report_id]
        assert re.fullmatch(r"20\d\d-Q[1-4]", copy.period) and copy.kind == source.kind
        assert set(copy.factor_codes) == set(CodedFactor.objects.filter(coding__report_id=source.pk)
                                             .values_list("code__key", flat=True))
        assert not re.search(r"\b\d{1,2}:\d\d\b", copy.what_happened)  # no clock times survive the pass
    call_command("export_open_data", output=str(tmp_path / "open"), organisation=organisation.slug)
    with (tmp_path / "open" / "aggregates_by_kind.csv").open() as rows:
        grand = next(row for row in csv.DictReader(rows) if row["period"] == "all" and row["kind"] == "all")
    assert grand["reports"] == "150"


def test_no_share_makes_no_copies(organisation):
    from sharing.models import SharedReport

    seed(organisation.slug, count=20, share=0)
    assert not SharedReport.objects.exists()
