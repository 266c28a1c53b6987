"""Fixtures for coding: reports a reviewer can read (de-identification confirmed), two reviewers to
code them blind, and an admin who keeps the taxonomy."""

from __future__ import annotations

import pytest

from coding.services import CodingInput
from organisations.models import Role
from organisations.services import access_for
from tests.factories import member, readable_report


@pytest.fixture
def coded_report(organisation, reviewer):
    return readable_report(organisation, by=reviewer, potential_harm=3, stage="referral")


@pytest.fixture
def second_reviewer(organisation):
    return member(organisation, Role.REVIEWER, username="reviewer2")


@pytest.fixture
def admin(organisation):
    return member(organisation, Role.ADMIN, username="admin1")


def access(user, organisation):
    return access_for(user, organisation.slug)


def coding_input(*factors: str, error_type: str = "", stage: str = "referral", actual_harm: int = 1,
                 potential_harm: int = 3, likelihood: int = 4, failures: dict[str, str] | None = None) -> CodingInput:
    failures = failures or {}
    return CodingInput(factors={key: failures.get(key, "") for key in factors or ("workload-caseload",)},
                       error_type=error_type, stage=stage, actual_harm=actual_harm, potential_harm=potential_harm,
                       likelihood=likelihood)


def form_data(*factors: str, **overrides) -> dict:
    data = {"factors": list(factors or ("workload-caseload",)), "error_type": "", "stage": "referral",
            "actual_harm": "1", "potential_harm": "3", "likelihood": "4"}
    data.update(overrides)
    return data
