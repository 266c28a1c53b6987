"""The taxonomy: the default set from its data file (and the doc generated from it), each
organisation's own copy, and versioned changes that keep old codings and trends meaningful."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from coding import services, taxonomy
from coding.models import Code, Use
from protection.models import AuditEntry
from tests.factories import sign_in

from .conftest import access, coding_input

pytestmark = pytest.mark.django_db


def test_the_committed_taxonomy_doc_is_generated_from_the_current_data_file():
    assert taxonomy.DOC_FILE.read_text(encoding="utf-8") == taxonomy.render_doc(), \
        "docs/taxonomy.md is stale: run `manage.py taxonomy_doc`"
    call_command("taxonomy_doc", "--check")


def test_the_data_migration_loaded_every_code_of_the_data_file():
    _version, groups = taxonomy.read_default()
    keys = [entry.key for entry in taxonomy.walk(groups)]
    defaults = Code.objects.filter(organisation__isnull=True)
    assert sorted(defaults.values_list("key", flat=True)) == sorted(keys)
    assert all(code.versions.count() == 1 for code in defaults)
    mistake = defaults.get(key="rule-based-mistake")
    assert (mistake.parent.key, mistake.parent.parent.key) == ("mistake", "error-types")


def test_every_code_has_a_definition_and_a_source_and_every_leaf_an_example():
    _version, groups = taxonomy.read_default()
    for entry in taxonomy.walk(groups):
        assert entry.definition and entry.source, entry.key
        if not entry.children and entry.parent:
            assert entry.example, entry.key


def test_the_default_set_holds_the_frameworks_the_product_builds_on(organisation):
    names = {code.name for code in taxonomy.choosable(organisation, Use.FACTOR)}
    for expected in ("Communication breakdown", "Time pressure", "Workload and caseload", "Situational awareness",
                     "Distraction", "Fatigue", "Training and qualification", "Confusion",
                     "Tools and the case-management system", "Supervision", "Leadership", "Information systems",
                     "Human reasoning", "How cases were prioritised"):
        assert expected in names
    error_types = [code.key for code in taxonomy.choosable(organisation, Use.ERROR_TYPE)]
    assert error_types == ["slip", "lapse", "rule-based-mistake", "knowledge-based-mistake", "routine-violation",
                           "situational-violation", "exceptional-violation"]


def test_an_organisation_gets_its_own_copy_of_the_default_set(organisation, other_organisation):
    ours = list(taxonomy.codes_of(organisation))
    theirs = list(taxonomy.codes_of(other_organisation))
    assert [c.key for c in ours] == [c.key for c in theirs]
    assert not {c.pk for c in ours} & {c.pk for c in theirs}
    assert len(list(taxonomy.codes_of(organisation))) == len(ours)  # copied once only


def test_renaming_a_code_makes_a_version_and_old_codings_keep_what_their_coder_saw(
        organisation, admin, reviewer, second_reviewer, coded_report):
    services.record_coding(access(reviewer, organisation), coded_report, coding_input("fatigue"), by=reviewer)
    fatigue = Code.objects.get(organisation=organisation, key="fatigue")
    revised = taxonomy.revise_code(access(admin, organisation), fatigue, name="Tiredness",
                                   definition="Tired from long hours or emotional strain.", by=admin)
    assert (revised.version, revised.name, revised.key) == (2, "Tiredness", "fatigue")
    assert [v.name for v in taxonomy.versions_of(revised)] == ["Tiredness", "Fatigue"]
    services.record_coding(access(second_reviewer, organisation), coded_report, coding_input("fatigue"),
                           by=second_reviewer)
    first, second = services.codings_of(coded_report)
    assert [(f.code_id, f.code_version.name) for f in first.factors.all()] == [(fatigue.pk, "Fatigue")]
    assert [(f.code_id, f.code_version.name) for f in second.factors.all()] == [(fatigue.pk, "Tiredness")]
    # One code throughout, so a count over time (and agreement) treats both as the same code.
    rows, _periods, pairs = services.agreement_for(organisation)
    assert pairs == 1 and [row.code.key for row in rows] == ["fatigue"]
    assert AuditEntry.objects.filter(action="taxonomy.code_revise", subject=f"code:{fatigue.pk}").exists()


def test_saving_the_same_wording_makes_no_new_version(organisation, admin):
    code = next(c for c in taxonomy.codes_of(organisation) if c.key == "fatigue")
    same = taxonomy.revise_code(access(admin, organisation), code, name=code.name, definition=code.definition,
                                example=code.example, source=code.source, by=admin)
    assert same.version == 1


def test_a_retired_code_is_not_offered_but_stays_on_old_reports(client, organisation, admin, reviewer, coded_report):
    services.record_coding(access(reviewer, organisation), coded_report, coding_input("distraction"), by=reviewer)
    distraction = Code.objects.get(organisation=organisation, key="distraction")
    taxonomy.retire_code(access(admin, organisation), distraction, by=admin)
    assert "distraction" not in {c.key for c in taxonomy.choosable(organisation, Use.FACTOR)}
    with pytest.raises(services.CodingError):
        services.record_coding(access(admin, organisation), coded_report, coding_input("distraction"), by=admin)
    sign_in(client, reviewer)
    html = client.get(reverse("coding:report", args=[organisation.slug, coded_report.reference])).content.decode()
    assert "Distraction" in html and "Retired" in html
    taxonomy.restore_code(access(admin, organisation), distraction, by=admin)
    assert "distraction" in {c.key for c in taxonomy.choosable(organisation, Use.FACTOR)}


def test_retiring_a_branch_retires_the_codes_under_it(organisation, admin):
    violation = next(c for c in taxonomy.codes_of(organisation) if c.key == "violation")
    taxonomy.retire_code(access(admin, organisation), violation, by=admin)
    keys = {c.key for c in taxonomy.choosable(organisation, Use.ERROR_TYPE)}
    assert keys == {"slip", "lapse", "rule-based-mistake", "knowledge-based-mistake"}
    # A code under a retired branch comes back only with its branch.
    routine = Code.objects.get(organisation=organisation, key="routine-violation")
    taxonomy.retire_code(access(admin, organisation), routine, by=admin)
    with pytest.raises(taxonomy.TaxonomyError):
        taxonomy.restore_code(access(admin, organisation), routine, by=admin)


def test_an_admin_adds_a_code_under_a_branch_and_reviewers_can_choose_it(client, organisation, admin):
    sign_in(client, admin)
    branch = next(c for c in taxonomy.codes_of(organisation) if c.key == "human-factors")
    response = client.post(reverse("coding:code-new", args=[organisation.slug]), {
        "parent": branch.pk, "name": "Lone working", "definition": "The worker was alone with no one to ask.",
        "example": "The out-of-hours worker had nobody to consult."})
    assert response.status_code == 302
    added = Code.objects.get(organisation=organisation, key="lone-working")
    assert (added.parent_id, added.use, added.version, added.source) == (branch.pk, Use.FACTOR, 1,
                                                                          "Added by the organisation")
    factors = [c.key for c in taxonomy.choosable(organisation, Use.FACTOR)]
    assert factors[factors.index("supervision") + 1] == "lone-working"  # at the end of its branch
    assert AuditEntry.objects.filter(action="taxonomy.code_add").exists()


def test_a_new_code_needs_a_name_and_a_definition(client, organisation, admin):
    sign_in(client, admin)
    branch = next(c for c in taxonomy.codes_of(organisation) if c.key == "human-factors")
    response = client.post(reverse("coding:code-new", args=[organisation.slug]), {"parent": branch.pk, "name": " "})
    assert response.status_code == 400
    assert "Enter the code&#x27;s name" in response.content.decode()


def test_the_admin_renames_and_retires_a_code_through_the_pages(client, organisation, admin):
    sign_in(client, admin)
    code = next(c for c in taxonomy.codes_of(organisation) if c.key == "confusion")
    url = reverse("coding:code-edit", args=[organisation.slug, code.pk])
    response = client.post(url, {"name": "Uncertainty", "definition": code.definition, "example": code.example,
                                 "source": code.source})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Uncertainty" in page and "Confusion" in page  # the history keeps the old name
    client.post(reverse("coding:code-retire", args=[organisation.slug, code.pk]), {"action": "retire"})
    listing = client.get(reverse("coding:codes", args=[organisation.slug])).content.decode()
    assert "Uncertainty" in listing and "Retired" in listing


def test_another_organisations_code_is_not_found(client, organisation, other_organisation, admin):
    theirs = next(c for c in taxonomy.codes_of(other_organisation) if c.key == "confusion")
    sign_in(client, admin)
    assert client.get(reverse("coding:code-edit", args=[organisation.slug, theirs.pk])).status_code == 404


def test_an_organisation_still_gets_the_default_set_if_its_rows_were_emptied(organisation):
    # A flushed test database or a data-only restore loses the migration's rows; the file brings them back.
    while Code.objects.filter(organisation__isnull=True).exists():
        Code.objects.filter(organisation__isnull=True, children__isnull=True).delete()
    assert "fatigue" in {code.key for code in taxonomy.choosable(organisation, Use.FACTOR)}
    assert Code.objects.filter(organisation__isnull=True, key="fatigue").exists()


def test_a_trend_counts_a_renamed_code_as_one_code_across_quarters(client, settings, organisation, admin, reviewer):
    from datetime import UTC, datetime
    from unittest import mock

    from .conftest import readable_report

    settings.GOODCATCH_SUPPRESSION_K = 3
    subjects = [readable_report(organisation, f"Report {n} about a tired duty worker.", by=reviewer) for n in range(6)]
    with mock.patch("django.utils.timezone.now", return_value=datetime(2026, 8, 3, 10, tzinfo=UTC)):
        for subject in subjects[:3]:
            services.record_coding(access(reviewer, organisation), subject, coding_input("fatigue"), by=reviewer)
    fatigue = next(c for c in taxonomy.codes_of(organisation) if c.key == "fatigue")
    taxonomy.revise_code(access(admin, organisation), fatigue, name="Tiredness", definition=fatigue.definition, by=admin)
    with mock.patch("django.utils.timezone.now", return_value=datetime(2026, 11, 3, 10, tzinfo=UTC)):
        for subject in subjects[3:]:
            services.record_coding(access(reviewer, organisation), subject, coding_input("fatigue"), by=reviewer)
    trends = services.factor_trends(organisation)
    assert [row.label for row in trends.table.rows] == ["fatigue"] and trends.names == {"fatigue": "Tiredness"}
    assert [trends.table.cell("fatigue", q).display for q in ("2026 Q3", "2026 Q4")] == ["3", "3"]
    sign_in(client, reviewer)
    html = client.get(reverse("coding:quality", args=[organisation.slug])).content.decode()
    assert 'data-testid="trend-fatigue"' in html and "Tiredness" in html


def test_codes_are_added_under_factor_and_error_type_branches_only(organisation, admin):
    keys = {code.key for code in taxonomy.branches(organisation)}
    assert {"human-factors", "error-types", "mistake", "violation"} <= keys
    assert "failure-levels" not in keys and "fatigue" not in keys
    failure = next(c for c in taxonomy.codes_of(organisation) if c.key == "failure-levels")
    with pytest.raises(taxonomy.TaxonomyError):
        taxonomy.add_code(access(admin, organisation), parent=failure, name="Half-active", definition="No.", by=admin)


def test_the_audit_log_names_a_changed_code(client, organisation, admin):
    code = next(c for c in taxonomy.codes_of(organisation) if c.key == "confusion")
    taxonomy.revise_code(access(admin, organisation), code, name="Uncertainty", definition=code.definition, by=admin)
    sign_in(client, admin)
    html = client.get(reverse("organisations:audit-log", args=[organisation.slug])).content.decode()
    assert "renamed or redefined a code" in html and "Code “Uncertainty”" in html and f"code:{code.pk}" not in html
