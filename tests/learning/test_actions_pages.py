"""The action pages: created from a theme or a report, the list's filters, and the plan's balance by
level and strength with a warning when weak actions dominate."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import actions
from learning.models.actions import Action, ActionTheme
from organisations.models import Role
from tests.factories import member, sign_in
from tests.factories import report as submit
from tests.learning.factories_actions import manager_in, new_action, theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(organisation):
    return manager_in(organisation)


def _url(name, organisation, **kwargs):
    return reverse(f"learning:{name}", kwargs={"org_slug": organisation.slug, **kwargs})


def test_a_manager_creates_an_action_from_a_theme(client, organisation, manager):
    the_theme = theme(organisation, "Friday discharges")
    sign_in(client, manager)
    theme_page = client.get(reverse("intelligence:theme", kwargs={"org_slug": organisation.slug,
                                                                  "theme_id": the_theme.pk})).content.decode()
    assert f"/actions/new/?theme={the_theme.pk}" in theme_page
    form = client.get(_url("action-new", organisation) + f"?theme={the_theme.pk}").content.decode()
    assert "Friday discharges" in form
    response = client.post(_url("action-new", organisation), {
        "theme": the_theme.pk, "description": "Make the discharge form refuse to submit until a worker is named.",
        "level": "tool_or_system", "owner": manager.pk, "due_date": "27/3/2027"})
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("action", organisation, action_id=action.pk)
    assert ActionTheme.objects.filter(action=action, theme=the_theme).exists()
    assert action.strength == "strong" and action.due_date.isoformat() == "2027-03-27"
    detail = client.get(response["Location"]).content.decode()
    assert "Friday discharges" in detail and "forcing function" in detail


def test_the_theme_page_offers_no_action_link_to_those_who_cannot_manage_actions(client, organisation):
    custodian = member(organisation, Role.CUSTODIAN, username="custodian1")
    the_theme = theme(organisation)
    sign_in(client, custodian)
    page = client.get(reverse("intelligence:theme", kwargs={"org_slug": organisation.slug, "theme_id": the_theme.pk}))
    assert page.status_code == 200 and "/actions/new/" not in page.content.decode()


def test_an_action_created_from_a_report_is_linked_to_it(client, organisation, manager):
    subject = submit(organisation).report
    sign_in(client, manager)
    assert subject.reference in client.get(_url("action-new", organisation) + f"?report={subject.reference}").content.decode()
    client.post(_url("action-new", organisation), {"report": subject.reference, "description": "Train the duty team.",
                                                   "level": "practice", "owner": ""})
    assert actions.linked_reports(Action.objects.get()) == [subject.reference]


def test_a_form_with_errors_says_what_is_wrong(client, organisation, manager):
    sign_in(client, manager)
    response = client.post(_url("action-new", organisation), {"description": "", "level": "", "due_date": "soon"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text and "Error:" in text
    assert not Action.objects.exists()


def test_the_list_filters_by_status_level_strength_owner_and_overdue(client, organisation, manager):
    other = manager_in(organisation, username="manager-b", email="b@example.org")
    weak = new_action(organisation, manager, description="Remind staff to sign.", level="practice", owner_id=manager.pk,
                      due_date=timezone.localdate() - timedelta(days=1))
    strong = new_action(organisation, manager, description="Automate the visit reminder.", level="tool_or_system",
                        owner_id=other.pk)
    type(strong).objects.filter(pk=strong.pk).update(status="agreed")
    sign_in(client, manager)

    def listed(**query):
        page = client.get(_url("actions", organisation), query).content.decode()
        return {a.pk for a in (weak, strong) if _url("action", organisation, action_id=a.pk) in page}

    assert listed() == {weak.pk, strong.pk}
    assert listed(status="agreed") == {strong.pk}
    assert listed(level="practice") == {weak.pk}
    assert listed(strength="strong") == {strong.pk}
    assert listed(owner=other.pk) == {strong.pk}
    assert listed(overdue="on") == {weak.pk}


def test_the_overview_counts_the_plan_by_level_and_strength_and_flags_weak_plans(client, organisation, manager):
    for text in ("Remind staff to sign the chart.", "More training on visits.", "Send a memo to all staff."):
        new_action(organisation, manager, description=text, level="practice")
    new_action(organisation, manager, description="Automate the visit reminder.", level="tool_or_system")
    ineffective = new_action(organisation, manager, description="Put up a poster.", level="practice")
    type(ineffective).objects.filter(pk=ineffective.pk).update(status="not_effective")  # not part of the plan
    plan = actions.balance(organisation.pk)
    assert (plan.total, plan.weak, plan.double_loop) == (4, 3, 0)
    assert plan.by_level()["practice"] == 3 and plan.by_strength() == {"strong": 1, "moderate": 0, "weak": 3}
    assert plan.weak_dominated

    sign_in(client, manager)
    page = client.get(_url("action-overview", organisation)).content.decode()
    assert 'data-testid="weak-warning"' in page and "3 of the 4 actions are weak" in page
    assert 'data-testid="no-double-loop"' in page
    assert 'data-testid="total">4<' in page
    spec = json.loads(page.split('id="balance-spec" type="application/json">')[1].split("</script>")[0])
    counts = {(v["level"], v["strength"]): v["reports"] for v in spec["data"]["values"]}
    assert counts == {("Practice: how people do the work", "Weak"): 3, ("A tool or system", "Strong"): 1}


def test_a_balanced_plan_is_not_flagged(organisation):
    manager = manager_in(organisation)
    new_action(organisation, manager, description="Remind staff to sign the chart.", level="practice")
    new_action(organisation, manager, description="Automate the visit reminder.", level="tool_or_system")
    new_action(organisation, manager, description="Drop the 24-hour target for low-risk visits.", level="rule_or_target")
    plan = actions.balance(organisation.pk)
    assert not plan.weak_dominated and plan.double_loop == 1
