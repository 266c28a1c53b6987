"""Suggested contributing factors: proposed with a confidence and supporting phrases, never applied,
each decision recorded; the organisation's own model retrained every N codings and kept with its
evaluation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding import suggestions, taxonomy
from coding.models import CoderModelVersion, SuggestionDecision, Use
from coding.services import record_coding
from protection.models import AuditEntry
from tests.factories import sign_in

from .conftest import access, coding_input, readable_report

pytestmark = pytest.mark.django_db

TIRED = "The duty worker was exhausted after a fourteen-hour shift and missed the call back to the school."


def test_a_reviewer_is_shown_ranked_suggestions_with_confidence_and_phrases(organisation, reviewer):
    subject = readable_report(organisation, TIRED + " Nobody told the team, because the handover email was not sent.",
                              by=reviewer)
    shown = suggestions.propose(organisation, subject, reviewer)
    assert shown, "the narrative names fatigue and a handover that failed"
    assert [s.confidence for s in shown] == sorted((s.confidence for s in shown), reverse=True)
    assert all(0.5 <= s.confidence <= 1 and s.phrases for s in shown)
    assert all(phrase in subject.what_happened for s in shown for phrase in s.phrases)
    live = {code.key for code in taxonomy.choosable(organisation, Use.FACTOR)}
    assert {s.code.key for s in shown} <= live
    rows = SuggestionDecision.objects.filter(report=subject, reviewer=reviewer).order_by("rank")
    assert [(row.code_id, row.accepted) for row in rows] == [(s.code.pk, None) for s in shown]
    assert {row.model_kind for row in rows} == {"cold_start"} and rows[0].model_version is None


def test_nothing_is_ticked_for_the_reviewer(client, organisation, reviewer):
    subject = readable_report(organisation, TIRED, by=reviewer)
    sign_in(client, reviewer)
    html = client.get(reverse("coding:report", args=[organisation.slug, subject.reference])).content.decode()
    suggested = html[html.index('data-testid="suggestions"'):html.index("</fieldset>", html.index('data-testid="suggestions"'))]
    assert 'name="factors"' in suggested and " checked" not in suggested
    assert "% confidence" in suggested and "Supported by:" in suggested


def test_saving_a_coding_settles_each_suggestion_as_accepted_or_rejected(organisation, reviewer):
    subject = readable_report(organisation, TIRED + " The handover email was never sent.", by=reviewer)
    shown = suggestions.propose(organisation, subject, reviewer)
    assert len(shown) >= 2
    taken = shown[0].code.key
    own = next(key for key in ("leadership", "confusion", "supervision") if key not in {s.code.key for s in shown})
    record_coding(access(reviewer, organisation), subject, coding_input(taken, own), by=reviewer)
    decided = {row.code.key: row.accepted for row in SuggestionDecision.objects.filter(report=subject)}
    assert decided == {s.code.key: s.code.key == taken for s in shown}
    rates = {row.code.key: (row.shown, row.accepted, row.rate) for row in suggestions.acceptance_by_code(organisation)}
    assert rates[taken] == (1, 1, 100)
    assert rates[shown[1].code.key] == (1, 0, 0)


def test_a_failing_suggester_leaves_the_coding_page_working(client, organisation, reviewer, monkeypatch):
    subject = readable_report(organisation, TIRED, by=reviewer)

    def broken(*args, **kwargs):
        raise RuntimeError("no model")

    monkeypatch.setattr(suggestions, "_model", broken)
    sign_in(client, reviewer)
    response = client.get(reverse("coding:report", args=[organisation.slug, subject.reference]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="coding-form"' in html and 'data-testid="suggestions"' not in html
    assert 'data-testid="no-suggestion"' in html and "Choose from the full list." in html


STORIES = [
    ("The worker was exhausted after a double shift and forgot to book the review.", ("fatigue",)),
    ("Tired after working late every night this week, the worker misread the referral.", ("fatigue",)),
    ("The duty worker was worn out from the overnight rota and did not call the family back.", ("fatigue",)),
    ("After twelve hours on duty the worker was too tired to check the plan.", ("fatigue", "workload-caseload")),
    ("The team was exhausted by weeks of cover and the visit slipped.", ("fatigue", "workload-caseload")),
    ("The worker held forty cases and the visit kept being moved back.", ("workload-caseload",)),
]


def test_after_every_n_codings_the_suggester_is_retrained_and_kept_with_its_evaluation(
        settings, organisation, reviewer, django_capture_on_commit_callbacks):
    settings.GOODCATCH_CODER_RETRAIN_EVERY = 3
    settings.GOODCATCH_CODER_MIN_REPORTS = 6
    for index, (text, factors) in enumerate(STORIES):
        subject = readable_report(organisation, text, by=reviewer)
        with django_capture_on_commit_callbacks(execute=True):
            record_coding(access(reviewer, organisation), subject, coding_input(*factors), by=reviewer)
        if index == 2:  # three codings: retraining was asked for, but six reports are needed to learn
            assert not CoderModelVersion.objects.exists()
    version = CoderModelVersion.objects.get()
    assert (version.organisation_id, version.trained_on, version.kind) == (organisation.pk, 6, "blend")
    assert version.evaluation["reports"] == 6 and "fatigue" in version.labels
    assert AuditEntry.objects.filter(action="coding.model_trained", actor_label="system").count() == 1

    # The next suggestions come from that version, loaded once and kept while it is the newest.
    subject = readable_report(organisation, "The worker was exhausted after a long night shift.", by=reviewer)
    suggestions.propose(organisation, subject, reviewer)
    first, _version = suggestions._model(organisation, [])
    again, found = suggestions._model(organisation, [])
    assert first is again and found == version
    assert set(SuggestionDecision.objects.filter(report=subject).values_list("model_version", flat=True)) <= {version.pk}


def test_only_the_newest_versions_keep_their_model_and_every_version_keeps_its_evaluation(
        settings, organisation, reviewer):
    from coding import training

    old = [CoderModelVersion.objects.create(organisation=organisation, kind="blend", blob=b"model", trained_on=n,
                                            evaluation={"reports": n}) for n in range(1, training.KEEP_MODELS + 1)]
    settings.GOODCATCH_CODER_MIN_REPORTS = 6
    for text, factors in STORIES:
        record_coding(access(reviewer, organisation), readable_report(organisation, text, by=reviewer),
                      coding_input(*factors), by=reviewer)
    newest = training.train_for(organisation)
    assert suggestions.current_version(organisation) == newest and len(bytes(newest.blob)) > 1000
    blobs = {v.pk: bytes(v.blob) for v in CoderModelVersion.objects.all()}
    assert blobs[old[0].pk] == b"" and all(blobs[v.pk] == b"model" for v in old[1:])
    assert CoderModelVersion.objects.get(pk=old[0].pk).evaluation == {"reports": 1}


def test_the_quality_page_lists_model_versions_with_their_evaluation(client, organisation, reviewer):
    CoderModelVersion.objects.create(organisation=organisation, kind="blend", blob=b"", trained_on=40,
                                     evaluation={"micro_f1": 0.61234, "reports": 40, "per_label": {"x": 1}})
    sign_in(client, reviewer)
    html = client.get(reverse("coding:quality", args=[organisation.slug])).content.decode()
    assert "micro_f1: 0.612" in html and "reports: 40" in html and "per_label" not in html
