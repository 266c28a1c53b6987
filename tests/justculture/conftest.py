"""Fixtures for the just-culture decision aid: people with and without the approval permission."""

import pytest

from justculture.models import Outcome
from justculture.services import Answers
from organisations.models import Role
from tests.factories import member, report, sign_in


@pytest.fixture
def subject_report(organisation):
    return report(organisation, potential_harm=3).report


@pytest.fixture
def custodian(organisation):
    return member(organisation, Role.CUSTODIAN, username="custodian1")


@pytest.fixture
def custodian_client(client, custodian):
    return sign_in(client, custodian)


def answers(**overrides) -> Answers:
    """Answers that lead nowhere near the individual, changed where a test says."""
    values = dict(deliberate_harm="no", health="no", protocol_agreed="no", protocol_workable="no",
                  protocol_departed="no", substitution_peers="no", substitution_training="no",
                  substitution_supervision="no", mitigating="no")
    values.update(overrides)
    return Answers(**values)


def form_data(**overrides) -> dict:
    data = {"action": "The referral was not passed to the duty team", "outcome": Outcome.SYSTEM_LEARNING,
            "rationale": "The rota left nobody to pick it up.", "step": "save",
            **{name: value for name, value in vars(answers()).items()}}
    data.update(overrides)
    return data
