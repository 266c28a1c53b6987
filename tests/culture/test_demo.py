"""The demo's survey shows what the pages are for: figures shown, one team suppressed, a real change."""

from __future__ import annotations

import pytest

from culture import item_bank, results, waves
from demo.culture import TEAMS, load_culture_survey

pytestmark = pytest.mark.django_db


def test_the_demo_survey_has_two_waves_with_one_suppressed_team(organisation, settings):
    settings.GOODCATCH_SUPPRESSION_K = 5
    assert "loaded 2 culture survey waves" in load_culture_survey(organisation)
    assert "already loaded" in load_culture_survey(organisation)
    first, second = waves.waves_of(organisation).order_by("number")
    assert not first.is_open and second.is_open
    latest = results.wave_results(second)
    assert latest.overall.means is not None and latest.quadrants
    small = next(t for t in latest.teams if t.label == TEAMS[3])
    assert small.count.display == "<5" and small.means is None
    assert sum(t.means is not None for t in latest.teams) >= 2
    change = next(c for c in results.reading(organisation).changes
                  if c.subject == results.construct_names()[item_bank.PSYCHOLOGICAL_SAFETY])
    assert change.beyond_chance and change.difference > 0
