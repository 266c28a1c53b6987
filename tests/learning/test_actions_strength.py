"""An action's strength by the hierarchy of intervention effectiveness, with the words that decided it,
and a person's override recorded beside what the rules said."""

from __future__ import annotations

import pytest

from learning import action_strength, actions
from learning.models.actions import ActionEvent
from tests.learning.factories_actions import access, manager_in, new_action

S, M, W = action_strength.STRONG, action_strength.MODERATE, action_strength.WEAK


@pytest.mark.parametrize(("text", "level", "strength", "phrase"), [
    ("Remind staff to check the MAR chart before each dose.", "practice", W, "Remind"),
    ("More training on recording visits for the duty team.", "practice", W, "training"),
    ("Issue a memo to all social workers about the new threshold.", "policy", W, "memo"),
    ("Put a warning poster above the medicines cupboard.", "practice", W, "warning"),
    ("A second person must double-check every insulin dose.", "practice", W, "double-check"),
    ("Introduce a handover checklist for weekend discharges.", "tool_or_system", M, "checklist"),
    ("Recruit two more duty social workers and cap caseloads at 18.", "resource", M, "Recruit"),
    ("Run simulation exercises of an out-of-hours placement breakdown.", "practice", M, "simulation"),
    ("The case system will not let a referral close until a worker is allocated.", "tool_or_system", S, "will not let"),
    ("Automate the reminder for statutory visits from the case record.", "tool_or_system", S, "Automate"),
    ("Simplify the referral route into one form for all teams.", "policy", S, "Simplify"),
    ("Remove the transcription step: the pharmacy sends the MAR chart directly.", "tool_or_system", S, "Remove the transcription"),
    ("Store the two look-alike insulins in separate cupboards.", "tool_or_system", S, "separate cupboard"),
])
def test_strength_and_the_phrase_that_decided_it(text, level, strength, phrase):
    found = action_strength.classify(text, level)
    assert found.strength == strength
    assert phrase.lower() in found.reason.lower()


def test_the_strongest_mechanism_decides_and_the_weaker_ones_are_named_too():
    found = action_strength.classify("Automate the referral alert and train the duty team on it.", "tool_or_system")
    assert found.strength == S
    assert "automation" in found.reason and "training" in found.reason


def test_with_no_recognised_mechanism_the_level_decides():
    assert action_strength.classify("Look again at the Friday arrangements.", "practice").strength == W
    assert action_strength.classify("Drop the 24-hour visiting target for low-risk cases.", "rule_or_target").strength == M
    assert "no mechanism recognised" in action_strength.classify("Look again.", "practice").reason.lower()


@pytest.mark.django_db
def test_a_saved_action_shows_its_strength_and_reason_and_a_person_may_override_it(organisation):
    manager = manager_in(organisation)
    action = new_action(organisation, manager, description="Remind staff to sign the MAR chart.", level="practice")
    assert action.strength == W and "reminder" in action.strength_reason
    action = actions.override_strength(access(manager, organisation), action, M, by=manager,
                                       reason="It comes with a new signing sheet.")
    assert (action.strength, action.strength_overridden) == (M, True)
    event = ActionEvent.objects.filter(action=action, kind="strength").get()
    assert "Moderate" in event.detail and "the rules said Weak" in event.detail
    # An overridden strength stays when the action is edited.
    action = actions.edit_action(access(manager, organisation), action, actions.ActionInput(
        description="Remind staff again to sign the MAR chart.", level="practice"), by=manager)
    assert action.strength == M
