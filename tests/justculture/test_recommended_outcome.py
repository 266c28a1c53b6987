"""The recommendation follows the guide's tests in order and stops at the first that decides."""

import pytest

from justculture.models import Outcome
from justculture.services import JustCultureError, recommended_outcome
from tests.justculture.conftest import answers

DEPARTED = dict(protocol_agreed="yes", protocol_workable="yes", protocol_departed="yes")


def test_an_intention_to_cause_harm_opens_the_referral_route_whatever_else_was_answered():
    recommendation = recommended_outcome(answers(deliberate_harm="yes", health="yes", **DEPARTED))
    assert (recommendation.outcome, recommendation.test) == (Outcome.REFERRAL, 1)


def test_ill_health_or_a_substance_leads_to_health_support_not_sanction():
    recommendation = recommended_outcome(answers(health="yes", **DEPARTED))
    assert (recommendation.outcome, recommendation.test) == (Outcome.HEALTH_SUPPORT, 2)
    assert "not sanction" in recommendation.reason


@pytest.mark.parametrize("missing", ["protocol_agreed", "protocol_workable", "protocol_departed"])
@pytest.mark.parametrize("answer", ["no", "unsure"])
def test_without_a_knowing_departure_from_a_workable_protocol_the_learning_is_for_the_system(missing, answer):
    recommendation = recommended_outcome(answers(**{**DEPARTED, missing: answer}))
    assert (recommendation.outcome, recommendation.test) == (Outcome.SYSTEM_LEARNING, 3)


@pytest.mark.parametrize("question", ["substitution_peers", "substitution_training", "substitution_supervision"])
@pytest.mark.parametrize("answer", ["yes", "unsure"])
def test_a_yes_to_any_substitution_question_means_not_singling_out_the_individual(question, answer):
    recommendation = recommended_outcome(answers(**DEPARTED, **{question: answer}))
    assert (recommendation.outcome, recommendation.test) == (Outcome.SYSTEM_LEARNING, 4)


@pytest.mark.parametrize("answer", ["yes", "unsure"])
def test_significant_mitigating_circumstances_keep_it_with_the_system(answer):
    recommendation = recommended_outcome(answers(**DEPARTED, mitigating=answer))
    assert (recommendation.outcome, recommendation.test) == (Outcome.SYSTEM_LEARNING, 5)


def test_a_knowing_departure_others_would_not_make_leads_to_a_supportive_conversation():
    recommendation = recommended_outcome(answers(**DEPARTED))
    assert recommendation.outcome == Outcome.SUPPORTIVE
    assert "not sanction" in recommendation.reason


def test_with_every_answer_no_the_recommendation_is_system_learning():
    assert recommended_outcome(answers()).outcome == Outcome.SYSTEM_LEARNING


@pytest.mark.parametrize("answer", ["unsure", "no"])
def test_only_a_definite_yes_to_deliberate_harm_opens_the_referral_route(answer):
    assert recommended_outcome(answers(deliberate_harm=answer)).outcome != Outcome.REFERRAL


def test_an_answer_outside_yes_no_or_not_sure_is_refused():
    with pytest.raises(JustCultureError):
        answers(health="maybe")
