"""Emerging themes: reports that read alike are grouped and named, and reviewers' renames, merges and
splits survive re-clustering, new reports included."""

from __future__ import annotations

import numpy as np
import pytest
from django.urls import reverse

from intelligence import clustering, themes
from intelligence.models import ReportTheme, Theme, ThemeDecision
from organisations.models import Role
from organisations.services import access_for
from protection.models import AuditEntry
from tests.factories import member, readable_report, report, sign_in

MEDICATION = [
    "The carer nearly gave the evening insulin dose twice because the MAR chart had not been signed.",
    "Insulin was almost given a second time at the evening medication round; the MAR chart was unsigned.",
    "The MAR chart was not signed after the morning insulin dose, so the next carer nearly gave it again.",
    "A double dose of insulin was only just avoided because the medication chart had a gap in the signatures.",
    "The medication round nearly went wrong: the MAR chart had no signature for the insulin dose.",
    "Evening insulin was nearly given twice; nobody had signed the MAR chart at the previous visit.",
]
DISCHARGE = [
    "The hospital discharged him on a Friday evening and the discharge letter never reached the care team.",
    "He was sent home from hospital late on Friday; no discharge summary was sent to the social worker.",
    "Hospital discharge happened on a Friday night without telling the home care agency or the social worker.",
    "The ward discharged her on Friday afternoon and the discharge letter only arrived the following week.",
    "Discharged from hospital on Friday with no discharge letter, so the care package had not restarted.",
    "The hospital ward sent him home on a Friday and the discharge summary never reached his social worker.",
]
INTERPRETER = [
    "The visit went ahead without an interpreter, so the mother could not follow the safety plan in English.",
    "No interpreter was booked for the child protection visit and the father speaks very little English.",
    "We held the meeting without an interpreter; the family's first language is Arabic and they understood little.",
    "The interpreter was cancelled at short notice and the assessment visit went ahead in English anyway.",
    "An interpreter was never booked, so the parents could not understand the plan explained in English.",
    "The safety plan was explained in English without an interpreter although mum speaks only Polish.",
]
TOPICS = {"medication": MEDICATION, "discharge": DISCHARGE, "interpreter": INTERPRETER}


def _seed(organisation, by, topics=("medication", "discharge", "interpreter"), *, texts=None):
    made = {}
    for topic in topics:
        made[topic] = [readable_report(organisation, text, by=by).pk for text in (texts or TOPICS)[topic]]
    return made


def _theme_of_most(report_ids) -> Theme:
    counts = {}
    for report_id in report_ids:
        theme = themes.theme_of(report_id)
        if theme is not None:
            counts[theme.pk] = counts.get(theme.pk, 0) + 1
    return Theme.objects.get(pk=max(counts, key=counts.get))


@pytest.fixture
def seeded(organisation, reviewer):
    made = _seed(organisation, reviewer)
    themes.recluster(organisation.pk)
    return made


# -- the pure clustering --------------------------------------------------------------------------------

def _blobs(sizes, seed=3):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(len(sizes), 384))
    rows, truth = [], []
    for label, (centre, size) in enumerate(zip(centres, sizes, strict=True)):
        rows.append(centre + rng.normal(scale=0.03, size=(size, 384)))
        truth += [label] * size
    matrix = np.vstack(rows).astype(np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True), np.array(truth)


@pytest.mark.parametrize("method", clustering.METHODS)
def test_well_separated_groups_are_found_by_either_method(method):
    from sklearn.metrics import adjusted_rand_score

    matrix, truth = _blobs([30, 20, 12])
    found = clustering.cluster(matrix, method=method).labels
    assert adjusted_rand_score(truth, found) == 1.0
    assert np.bincount(found[found >= 0]).tolist() == [30, 20, 12]  # numbered largest first


def test_above_the_sample_size_every_report_still_gets_its_groups_theme(monkeypatch):
    from sklearn.metrics import adjusted_rand_score

    monkeypatch.setattr(clustering, "SAMPLE_SIZE", 40)
    matrix, truth = _blobs([60, 50, 40])
    found = clustering.cluster(matrix).labels
    assert (found >= 0).all()
    assert adjusted_rand_score(truth, found) == 1.0


def test_distinctive_terms_skip_placeholders_stop_words_and_what_every_group_shares():
    groups = [["[PERSON] missed the insulin dose on the MAR chart, said [PERSON 2]."] * 3,
              ["The discharge letter from the hospital never came for [PERSON]."] * 3]
    terms = clustering.distinctive_terms(groups, background=["The social worker visited the hospital today."])
    assert "insulin" in " ".join(terms[0]) and "discharge" in " ".join(terms[1])
    flat = " ".join(t for ts in terms for t in ts)
    assert "person" not in flat and " the " not in f" {flat} "
    assert clustering.label_of(["insulin dose", "MAR chart"]) == "Insulin dose, MAR chart"


# -- clustering an organisation ------------------------------------------------------------------------

def test_obvious_topics_become_themes_with_readable_labels_and_representatives(organisation, seeded):
    for topic, ids in seeded.items():
        theme = _theme_of_most(ids)
        assert all(themes.theme_of(r) == theme for r in ids), topic
        assert len(theme.representatives) == themes.REPRESENTATIVES
        assert set(theme.representatives) <= set(ids)
        assert theme.size == len(ids)
    labels = {topic: _theme_of_most(ids).auto_label.lower() for topic, ids in seeded.items()}
    assert "insulin" in labels["medication"] or "mar" in labels["medication"]
    assert "discharge" in labels["discharge"] or "hospital" in labels["discharge"]
    assert "interpreter" in labels["interpreter"] or "english" in labels["interpreter"]
    assert "[" not in "".join(labels.values())
    assert ReportTheme.objects.filter(organisation=organisation).count() == 18  # one row per report


def test_rename_survives_reclustering_with_new_reports(organisation, reviewer, seeded):
    access = access_for(reviewer, organisation.slug)
    theme = _theme_of_most(seeded["discharge"])
    themes.rename(access, theme, "Friday discharges", by=reviewer)
    late = readable_report(organisation, "Discharged from the hospital ward on Friday and no discharge letter was sent.",
                           by=reviewer)
    themes.recluster(organisation.pk)

    again = themes.theme_of(seeded["discharge"][0])
    assert again.pk == theme.pk and again.label == "Friday discharges"
    assert themes.theme_of(late.pk) == again
    decision = ThemeDecision.objects.get(theme=theme)
    assert decision.kind == "rename" and decision.decided_by == reviewer
    assert AuditEntry.objects.filter(action="theme.renamed", subject=f"theme:{theme.pk}").exists()


def test_a_new_topic_becomes_a_new_theme_and_the_old_themes_keep_their_identity(organisation, reviewer):
    made = _seed(organisation, reviewer, ("medication", "discharge"))
    themes.recluster(organisation.pk)
    before = {topic: _theme_of_most(ids).pk for topic, ids in made.items()}
    made.update(_seed(organisation, reviewer, ("interpreter",)))
    themes.recluster(organisation.pk)

    after = {topic: _theme_of_most(ids).pk for topic, ids in made.items()}
    assert after["medication"] == before["medication"] and after["discharge"] == before["discharge"]
    assert after["interpreter"] not in before.values()
    assert {themes.theme_of(r).pk for r in made["interpreter"]} == {after["interpreter"]}


def test_merge_survives_reclustering_with_new_reports(organisation, reviewer, seeded):
    access = access_for(reviewer, organisation.slug)
    medication, discharge = _theme_of_most(seeded["medication"]), _theme_of_most(seeded["discharge"])
    themes.merge(access, medication, discharge, by=reviewer)
    new_medication = readable_report(organisation, "The insulin dose was nearly given twice as the MAR chart was blank.",
                                     by=reviewer)
    themes.recluster(organisation.pk)
    themes.recluster(organisation.pk)  # twice: nothing drifts

    for report_id in seeded["medication"] + seeded["discharge"] + [new_medication.pk]:
        assert themes.theme_of(report_id) == discharge
    medication.refresh_from_db()
    assert medication.status == Theme.Status.MERGED and medication.merged_into == discharge
    assert sorted(themes.report_ids_in(organisation.pk, medication.pk)) == \
        sorted(themes.report_ids_in(organisation.pk, discharge.pk)) == \
        sorted(themes.report_ids_query(organisation.pk, medication.pk))
    assert themes.theme_of(seeded["interpreter"][0]) not in (discharge, medication)


def test_split_by_chosen_reports_survives_reclustering_and_new_reports_follow_the_nearer_side(
        organisation, reviewer, seeded):
    access = access_for(reviewer, organisation.slug)
    medication, discharge = _theme_of_most(seeded["medication"]), _theme_of_most(seeded["discharge"])
    themes.merge(access, medication, discharge, by=reviewer)
    # The reviewer changes their mind: the medication reports go back out, as a theme of their own.
    new = themes.split(access, discharge, by=reviewer, report_ids=seeded["medication"], name="Insulin doses")
    late_medication = readable_report(organisation, "Nearly gave insulin twice because the MAR chart had no signature.",
                                      by=reviewer)
    late_discharge = readable_report(organisation, "Hospital discharged him on Friday and the discharge letter was lost.",
                                     by=reviewer)
    themes.recluster(organisation.pk)

    assert {themes.theme_of(r) for r in seeded["medication"]} == {new}
    assert {themes.theme_of(r) for r in seeded["discharge"]} == {discharge}
    assert themes.theme_of(late_medication.pk) == new
    assert themes.theme_of(late_discharge.pk) == discharge
    new.refresh_from_db()
    assert new.label == "Insulin doses" and new.split_from_id == discharge.pk
    assert ThemeDecision.objects.get(kind="split").detail["moved"] == sorted(seeded["medication"])


def test_a_split_the_clustering_would_undo_stays_split(organisation, reviewer, seeded):
    """Moving three reports of one topic out: the clustering puts them back with their topic, the
    reviewer's choice wins, and the rest of the topic stays where it was."""
    access = access_for(reviewer, organisation.slug)
    interpreter = _theme_of_most(seeded["interpreter"])
    moved = seeded["interpreter"][:3]
    new = themes.split(access, interpreter, by=reviewer, report_ids=moved)
    themes.recluster(organisation.pk)

    assert {themes.theme_of(r) for r in moved} == {new}
    assert {themes.theme_of(r) for r in seeded["interpreter"][3:]} == {interpreter}


def test_automatic_split_halves_a_theme_and_stays_split(organisation, reviewer):
    # Two topics the clustering keeps together at first because they are reviewed as one.
    made = _seed(organisation, reviewer, ("medication", "discharge"))
    themes.recluster(organisation.pk)
    access = access_for(reviewer, organisation.slug)
    medication, discharge = _theme_of_most(made["medication"]), _theme_of_most(made["discharge"])
    if medication != discharge:
        themes.merge(access, medication, discharge, by=reviewer)
    new = themes.split(access, discharge, by=reviewer)
    sides = ({themes.theme_of(r) for r in made["medication"]}, {themes.theme_of(r) for r in made["discharge"]})
    assert sides in (({new}, {discharge}), ({discharge}, {new}))
    themes.recluster(organisation.pk)
    assert ({themes.theme_of(r) for r in made["medication"]}, {themes.theme_of(r) for r in made["discharge"]}) == sides


def test_edits_check_their_inputs(organisation, other_organisation, reviewer, seeded):
    access = access_for(reviewer, organisation.slug)
    theme = _theme_of_most(seeded["medication"])
    with pytest.raises(themes.ThemeError):
        themes.merge(access, theme, theme, by=reviewer)
    with pytest.raises(themes.ThemeError):
        themes.split(access, theme, by=reviewer, report_ids=seeded["medication"])  # all of it
    with pytest.raises(themes.ThemeError):
        themes.split(access, theme, by=reviewer, report_ids=seeded["discharge"])  # none of it
    outsider = access_for(member(other_organisation, Role.REVIEWER, username="outsider"), other_organisation.slug)
    with pytest.raises(themes.ThemeError):
        themes.rename(outsider, theme, "Mine now", by=reviewer)


def test_themes_stay_in_their_organisation(organisation, other_organisation, reviewer, seeded):
    other_reviewer = member(other_organisation, Role.REVIEWER, username="elsewhere")
    elsewhere = _seed(other_organisation, other_reviewer, ("medication",))
    themes.recluster(other_organisation.pk)

    mine = {t.pk for t in themes.active_themes(organisation.pk)}
    theirs = {t.pk for t in themes.active_themes(other_organisation.pk)}
    assert mine and theirs and not mine & theirs
    their_theme = themes.theme_of(elsewhere["medication"][0])
    assert themes.theme_in(organisation.pk, their_theme.pk) is None
    assert themes.report_ids_in(organisation.pk, their_theme.pk) == []
    assert list(themes.report_ids_query(organisation.pk, their_theme.pk)) == []
    assert set(themes.report_ids_in(other_organisation.pk, their_theme.pk)) == set(elsewhere["medication"])


def test_unconfirmed_reports_are_not_themed(organisation, reviewer, seeded):
    waiting = report(organisation, MEDICATION[0]).report
    themes.recluster(organisation.pk)
    assert themes.theme_of(waiting.pk) is None
    assert not ReportTheme.objects.filter(report_id=waiting.pk).exists()


def test_themes_over_time_counts_by_month_in_sql(organisation, seeded, django_assert_max_num_queries):
    from django.utils import timezone

    with django_assert_max_num_queries(1):
        months, counts = themes.themes_over_time(organisation.pk, months=3)
    this_month = timezone.localdate().replace(day=1)
    assert months[-1] == this_month and len(months) == 3
    theme = _theme_of_most(seeded["medication"])
    assert counts[theme.pk] == {this_month: 6}


def test_the_management_command_and_the_scheduled_task_recluster(organisation, reviewer, capsys):
    from django.core.management import call_command

    from intelligence import theme_tasks

    _seed(organisation, reviewer)
    call_command("recluster_themes", "--organisation", organisation.slug)
    assert "18 reports" in capsys.readouterr().out
    assert theme_tasks.recluster_themes.call() == len(themes.active_themes(organisation.pk)) >= 3


# -- the pages ------------------------------------------------------------------------------------------

def test_an_empty_organisation_explains_what_will_appear(reviewer_client, organisation):
    response = reviewer_client.get(reverse("intelligence:themes", kwargs={"org_slug": organisation.slug}))
    assert response.status_code == 200
    assert b"no-themes" in response.content and b"confirm" in response.content


def test_the_list_shows_suppressed_counts_and_links(reviewer_client, organisation, seeded):
    response = reviewer_client.get(reverse("intelligence:themes", kwargs={"org_slug": organisation.slug}))
    html = response.content.decode()
    assert response.status_code == 200
    theme = _theme_of_most(seeded["medication"])
    assert reverse("intelligence:theme", kwargs={"org_slug": organisation.slug, "theme_id": theme.pk}) in html
    # Each theme has 6 reports this month: shown; nothing between 1 and 4 is ever printed as a number.
    import re

    table = html[html.index('data-testid="themes"'):html.index("</table>")]
    numbers = [int(n) for n in re.findall(r'numeric"[^>]*>(?:<strong>)?(\d+)<', table)]
    assert 6 in numbers
    assert not [n for n in numbers if 0 < n < 5]


def test_a_small_theme_shows_its_counts_as_fewer_than_k(reviewer_client, organisation, reviewer, seeded):
    access = access_for(reviewer, organisation.slug)
    theme = _theme_of_most(seeded["interpreter"])
    themes.split(access, theme, by=reviewer, report_ids=seeded["interpreter"][:2], name="Two reports")
    html = reviewer_client.get(reverse("intelligence:themes", kwargs={"org_slug": organisation.slug})).content.decode()
    row = html[html.index("Two reports"):]
    row = row[:row.index("</tr>")]
    assert "&lt;5" in row and ">2<" not in row


def test_the_theme_page_shows_representatives_and_members_and_takes_edits(reviewer_client, organisation, reviewer,
                                                                         seeded):
    theme = _theme_of_most(seeded["discharge"])
    url = reverse("intelligence:theme", kwargs={"org_slug": organisation.slug, "theme_id": theme.pk})
    html = reviewer_client.get(url).content.decode()
    assert html.count('data-testid="representative"') == 3
    for report_id in seeded["discharge"]:
        reference = ReportTheme.objects.get(report_id=report_id)
        assert reference.theme_id == theme.pk
    assert reverse("triage:report", kwargs={"org_slug": organisation.slug,
                                            "reference": theme_report_reference(organisation, seeded)}) in html
    assert "csrfmiddlewaretoken" in html

    kwargs = {"org_slug": organisation.slug, "theme_id": theme.pk}
    response = reviewer_client.post(reverse("intelligence:theme-rename", kwargs=kwargs), {"name": "Weekend discharges"})
    assert response.status_code == 302
    assert "Weekend discharges" in reviewer_client.get(url).content.decode()

    medication = _theme_of_most(seeded["medication"])
    response = reviewer_client.post(reverse("intelligence:theme-merge", kwargs={
        "org_slug": organisation.slug, "theme_id": medication.pk}), {"into": theme.pk})
    assert response.status_code == 302 and response["Location"] == url
    assert themes.theme_of(seeded["medication"][0]) == theme

    response = reviewer_client.post(reverse("intelligence:theme-split", kwargs=kwargs),
                                    {"how": "chosen", "reports": seeded["medication"], "name": "Insulin"})
    assert response.status_code == 302
    assert themes.theme_of(seeded["medication"][0]).label == "Insulin"
    assert AuditEntry.objects.filter(action__in=["theme.renamed", "theme.merged", "theme.split"]).count() == 3
    history = reviewer_client.get(url).content.decode()
    history = history[history.index('data-testid="decisions"'):]
    assert "Renamed" in history and "Merged" in history and "Split" in history and "Insulin" in history


def theme_report_reference(organisation, seeded):
    from reporting.services import reports_with_ids

    return reports_with_ids(organisation.pk, seeded["discharge"][:1]).get().reference


def test_bad_edits_are_explained_not_errors(reviewer_client, organisation, seeded):
    theme = _theme_of_most(seeded["discharge"])
    kwargs = {"org_slug": organisation.slug, "theme_id": theme.pk}
    assert reviewer_client.post(reverse("intelligence:theme-merge", kwargs=kwargs), {"into": "x"}).status_code == 400
    response = reviewer_client.post(reverse("intelligence:theme-split", kwargs=kwargs), {"how": "chosen"})
    assert response.status_code == 400 and b"govuk-error-summary" in response.content


def test_a_manager_sees_themes_but_cannot_edit_them(client, organisation, manager, seeded):
    sign_in(client, manager)
    theme = _theme_of_most(seeded["discharge"])
    kwargs = {"org_slug": organisation.slug, "theme_id": theme.pk}
    page = client.get(reverse("intelligence:theme", kwargs=kwargs))
    assert page.status_code == 200 and b"theme-rename" not in page.content and b"/rename/" not in page.content
    assert client.post(reverse("intelligence:theme-rename", kwargs=kwargs), {"name": "x"}).status_code == 403


def test_another_organisations_theme_is_not_found(reviewer_client, organisation, other_organisation):
    other_reviewer = member(other_organisation, Role.REVIEWER, username="elsewhere")
    elsewhere = _seed(other_organisation, other_reviewer, ("medication",))
    themes.recluster(other_organisation.pk)
    theirs = themes.theme_of(elsewhere["medication"][0])
    kwargs = {"org_slug": organisation.slug, "theme_id": theirs.pk}
    assert reviewer_client.get(reverse("intelligence:theme", kwargs=kwargs)).status_code == 404
    assert reviewer_client.post(reverse("intelligence:theme-rename", kwargs=kwargs), {"name": "x"}).status_code == 404


def test_the_navigation_links_to_themes(reviewer_client, organisation):
    html = reviewer_client.get(reverse("triage:queue", kwargs={"org_slug": organisation.slug})).content.decode()
    assert reverse("intelligence:themes", kwargs={"org_slug": organisation.slug}) in html
