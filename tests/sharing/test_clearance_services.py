"""Clearing a confirmed report for sharing, re-clearing it and withdrawing it, through the services."""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict

from coding import services as coding
from organisations.models import Role
from protection.models import AuditEntry
from sharing import clearance
from tests.factories import member, report
from tests.sharing.factories_clearance import access, confirmed_report

pytestmark = pytest.mark.django_db


def _shared_values(shared) -> str:
    """Everything the copy holds that may leave the organisation, as one text to search."""
    values = model_to_dict(shared, exclude=["id", "organisation", "source_report_id", "cleared_by", "withdrawn_by"])
    return repr(values)


def test_a_confirmed_report_is_cleared_with_its_quasi_identifiers_generalised(organisation, reviewer):
    subject = confirmed_report(organisation, by=reviewer, occurred_month=3, occurred_year=2026)
    shared = clearance.clear_report(access(reviewer, organisation), subject, by=reviewer)
    assert shared.what_happened.startswith("The duty worker missed the call in the evening in March 2026 from ")
    assert "aged [AGE]" in shared.what_happened  # the first de-identification took the age already
    assert (shared.period, shared.kind, shared.stage, shared.potential_harm) == ("2026-Q1", "near_miss", "referral", 3)
    assert shared.organisation == organisation and shared.origin == "" and not shared.is_withdrawn


def test_the_quarter_is_the_one_it_came_in_when_the_reporter_gave_no_month(organisation, reviewer):
    subject = confirmed_report(organisation, by=reviewer)
    shared = clearance.clear_report(access(reviewer, organisation), subject, by=reviewer)
    submitted = subject.submitted_at
    assert shared.period == f"{submitted.year}-Q{(submitted.month - 1) // 3 + 1}"


def test_an_unconfirmed_report_cannot_be_cleared(organisation, reviewer):
    waiting = report(organisation, "The referral sat in the shared inbox at 17:42.").report
    with pytest.raises(clearance.NotConfirmed):
        clearance.clear_report(access(reviewer, organisation), waiting, by=reviewer)
    with pytest.raises(clearance.NotConfirmed):
        clearance.preview(access(reviewer, organisation), waiting)
    assert not clearance.shared_copies(organisation.pk).exists()


@pytest.mark.parametrize("role", [Role.REPORTER, Role.MANAGER, Role.CUSTODIAN])
def test_only_a_role_that_may_clear_can_clear(organisation, reviewer, role):
    subject = confirmed_report(organisation, by=reviewer)
    someone = member(organisation, role, username=f"not-a-clearer-{role}")
    with pytest.raises(clearance.NotPermitted):
        clearance.clear_report(access(someone, organisation), subject, by=someone)
    assert not clearance.shared_copies(organisation.pk).exists()


def test_a_reviewer_cannot_clear_another_organisations_report(organisation, other_organisation, reviewer):
    theirs = confirmed_report(other_organisation, by=member(other_organisation, Role.REVIEWER, username="theirs"))
    with pytest.raises(clearance.NotPermitted):
        clearance.clear_report(access(reviewer, organisation), theirs, by=reviewer)


def test_no_sealed_text_identity_exact_time_or_internal_id_is_in_the_copy(organisation, reviewer, reporter_user):
    subject = confirmed_report(organisation, by=reviewer, reporter=reporter_user, confidentiality="confidential")
    shared = clearance.clear_report(access(reviewer, organisation), subject, by=reviewer)
    held = _shared_values(shared)
    for secret in ("Kerensa", "Polglase", "17:42", "14 March", "aged 14", reporter_user.username, "Robin",
                   subject.reference, f"report:{subject.pk}", subject.receipt_hash):
        assert secret not in held, secret
    assert len(shared.public_id) == 32 and str(subject.pk) != shared.public_id
    assert shared.source_report_id == subject.pk  # the one link back, which stays inside (never exported)


def test_the_reports_own_reference_is_removed_from_the_text(organisation, reviewer):
    subject = confirmed_report(organisation, by=reviewer, what_happened="The referral was logged as a duplicate.")
    mentioned = clearance.preview(access(reviewer, organisation), subject,
                                  edited={"what_happened": f"Logged as {subject.reference} by mistake."})
    assert subject.reference not in mentioned.shareable["what_happened"]


def test_each_copy_gets_its_own_random_public_id(organisation, reviewer):
    first = clearance.clear_report(access(reviewer, organisation), confirmed_report(organisation, by=reviewer),
                                   by=reviewer)
    second = clearance.clear_report(access(reviewer, organisation), confirmed_report(organisation, by=reviewer),
                                    by=reviewer)
    assert first.public_id != second.public_id


def test_clearing_is_audited_under_the_copys_own_subject(organisation, reviewer):
    subject = confirmed_report(organisation, by=reviewer)
    shared = clearance.clear_report(access(reviewer, organisation), subject, by=reviewer)
    entry = AuditEntry.objects.get(action="sharing.clear", subject=f"shared:{shared.public_id}")
    assert entry.actor_id == reviewer.pk and entry.organisation_id == organisation.pk
    assert entry.detail["changes"] == {"date": 1, "time": 1}  # "on March 2026" and "at 17:42"


def test_clearing_again_replaces_the_copy_and_is_audited_as_a_re_clearance(organisation, reviewer):
    subject = confirmed_report(organisation, by=reviewer)
    reviewing = access(reviewer, organisation)
    first = clearance.clear_report(reviewing, subject, by=reviewer)
    again = clearance.clear_report(reviewing, subject, by=reviewer, edited={
        "what_happened": "The call was missed in the evening.", "potential_harm_text": "", "how_noticed": "",
        "what_would_help": ""})
    assert again.pk == first.pk and again.public_id == first.public_id
    assert again.what_happened == "The call was missed in the evening."
    assert AuditEntry.objects.filter(action="sharing.reclear", subject=f"shared:{first.public_id}").count() == 1


def test_a_reviewers_edit_goes_through_the_pass_again(organisation, reviewer):
    subject = confirmed_report(organisation, by=reviewer)
    shared = clearance.clear_report(access(reviewer, organisation), subject, by=reviewer, edited={
        "what_happened": "Seen at 09:10 on 2/3/2026 by a 15-year-old's teacher."})
    assert shared.what_happened == "Seen in the morning in March 2026 by a child aged 12-15's teacher."


def test_withdrawing_stops_the_copy_being_shared_and_is_audited(organisation, reviewer):
    subject = confirmed_report(organisation, by=reviewer)
    reviewing = access(reviewer, organisation)
    shared = clearance.clear_report(reviewing, subject, by=reviewer)
    assert list(clearance.cleared_reports(organisation.pk)) == [shared]
    withdrawn = clearance.withdraw(reviewing, shared.public_id, by=reviewer)
    assert withdrawn.is_withdrawn and withdrawn.withdrawn_by == reviewer
    assert list(clearance.cleared_reports(organisation.pk)) == []
    assert list(clearance.shared_copies(organisation.pk)) == [withdrawn]
    assert AuditEntry.objects.filter(action="sharing.withdraw", subject=f"shared:{shared.public_id}").count() == 1
    # Clearing it again shares it again, under the same public id.
    back = clearance.clear_report(reviewing, subject, by=reviewer)
    assert back.public_id == shared.public_id and not back.is_withdrawn


def test_a_manager_cannot_withdraw_and_nobody_withdraws_another_organisations_copy(organisation, other_organisation,
                                                                                    reviewer, manager):
    shared = clearance.clear_report(access(reviewer, organisation), confirmed_report(organisation, by=reviewer),
                                    by=reviewer)
    with pytest.raises(clearance.NotPermitted):
        clearance.withdraw(access(manager, organisation), shared.public_id, by=manager)
    outsider = member(other_organisation, Role.REVIEWER, username="outside-reviewer")
    with pytest.raises(clearance.ClearanceError):
        clearance.withdraw(access(outsider, other_organisation), shared.public_id, by=outsider)
    shared.refresh_from_db()
    assert not shared.is_withdrawn


def test_a_rare_service_area_is_generalised_until_k_cleared_reports_share_it(organisation, reviewer, settings):
    settings.GOODCATCH_SUPPRESSION_K = 3
    reviewing = access(reviewer, organisation)
    areas = [clearance.clear_report(reviewing, confirmed_report(organisation, by=reviewer, service_area="leaving_care"),
                                    by=reviewer).service_area for _ in range(3)]
    assert areas == ["children", "children", "leaving_care"]
    common = clearance.clear_report(reviewing, confirmed_report(organisation, by=reviewer, service_area="adults"),
                                    by=reviewer)
    assert common.service_area == "adults"


def test_the_codes_of_a_coded_report_go_with_it(organisation, reviewer):
    subject = confirmed_report(organisation, by=reviewer)
    coding.record_coding(access(reviewer, organisation), subject, coding.CodingInput(
        factors={"workload-caseload": "latent"}, error_type="", stage="referral", actual_harm=1, potential_harm=3,
        likelihood=4), by=reviewer)
    shared = clearance.clear_report(access(reviewer, organisation), subject, by=reviewer)
    assert shared.factor_codes == ["workload-caseload"]
    assert shared.risk_band and shared.actual_harm == 1


def test_an_uncoded_report_is_shared_without_codes(organisation, reviewer):
    shared = clearance.clear_report(access(reviewer, organisation), confirmed_report(organisation, by=reviewer),
                                    by=reviewer)
    assert (shared.factor_codes, shared.error_types, shared.risk_band, shared.actual_harm) == ([], [], "", None)


def test_the_theme_title_goes_with_it_through_the_pass(organisation, reviewer):
    from intelligence.models import ReportTheme, Theme

    subject = confirmed_report(organisation, by=reviewer)
    theme = Theme.objects.create(organisation=organisation, name="Missed calls at 17:00 handover")
    ReportTheme.objects.update_or_create(report_id=subject.pk, defaults={
        "organisation": organisation, "theme": theme, "month": subject.submitted_at.date().replace(day=1)})
    shared = clearance.clear_report(access(reviewer, organisation), subject, by=reviewer)
    assert shared.themes == ["Missed calls in the evening handover"]
