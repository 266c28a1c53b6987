"""The equality demo: monitoring on, a named lead, and figures of which some clear suppression."""

from __future__ import annotations

import pytest

from demo.equality import load_equality_demo
from equality import results
from organisations.models import Role
from organisations.services import access_for
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_the_demo_shows_some_figures_and_hides_the_small_groups(organisation):
    users = {name: member(organisation, role, username=name) for name, role in (
        ("admin", Role.ADMIN), ("reviewer", Role.REVIEWER), ("custodian", Role.CUSTODIAN), ("manager", Role.MANAGER))}
    added = load_equality_demo(organisation, users)
    assert added > 50
    organisation.refresh_from_db()
    assert organisation.equality_monitoring_enabled
    lead = access_for(users["manager"], organisation.slug)
    figures = results.results_for(lead, viewer=users["manager"])
    ethnicity = figures.cuts[0]
    shown = [row for row in ethnicity.rows if not row.total.suppressed and row.total.value]
    hidden = [row for row in ethnicity.rows if row.total.suppressed]
    assert len(shown) >= 3 and hidden
    assert any(row.rate is not None for row in ethnicity.rows)
    assert all(cut.rows for cut in figures.cuts)  # disability and sex shown too
    assert load_equality_demo(organisation, users) == 0  # once only
