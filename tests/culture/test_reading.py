"""The plain-language reading of what changed: only what is more than chance, against hand-worked numbers."""

from __future__ import annotations

import pytest

from culture import item_bank, results, waves
from tests.culture.factories import respond_scored

pytestmark = pytest.mark.django_db
PS = item_bank.PSYCHOLOGICAL_SAFETY


@pytest.fixture(autouse=True)
def _k5(settings):
    settings.GOODCATCH_SUPPRESSION_K = 5


def _two_waves(organisation, first, second):
    """first and second: lists of (people, score on psychological safety, score elsewhere)."""
    made = []
    for groups in (first, second):
        wave = waves.open_wave(organisation, teams=[])
        for people, ps, other in groups:
            respond_scored(wave, people, other, psychological_safety=ps)
        made.append(waves.close_wave(wave))
    return made


def _change(reading: results.Reading, construct: str) -> results.Change:
    name = results.construct_names()[construct]
    return next(c for c in reading.changes if c.subject == name)


def test_a_clear_rise_is_called_a_rise(organisation):
    _two_waves(organisation, [(10, 2, 3)], [(10, 4, 3)])
    reading = results.reading(organisation)
    change = _change(reading, PS)
    assert (change.before, change.after, change.beyond_chance) == (2, 4, True)
    assert "Psychological safety in your team: up from 2.0 to 4.0. That is more than chance alone would give" \
        in reading.sentences[0]


def test_a_small_change_is_read_as_no_clear_change_against_a_hand_worked_interval(organisation):
    # Wave 1: five at 3 and five at 4 (mean 3.5, variance 0.25). Wave 2: four at 3 and six at 4 (mean 3.6,
    # variance 0.24). Difference 0.1; standard error sqrt(0.25/10 + 0.24/10) = 0.2214; 95% interval
    # 0.1 +/- 1.96 x 0.2214 = -0.334 to 0.534, which includes no change.
    _two_waves(organisation, [(5, 3, 3), (5, 4, 3)], [(4, 3, 3), (6, 4, 3)])
    reading = results.reading(organisation)
    change = _change(reading, PS)
    assert change.before == pytest.approx(3.5) and change.after == pytest.approx(3.6)
    assert change.low == pytest.approx(-0.3339, abs=1e-3) and change.high == pytest.approx(0.5339, abs=1e-3)
    assert not change.beyond_chance
    sentence = next(s for s in reading.sentences if s.startswith("Psychological safety in your team"))
    assert sentence == ("Psychological safety in your team: 3.5 then 3.6. That is within what chance alone would give "
                        "(the likely change runs from -0.3 to +0.5), so read it as no clear change.")


def test_a_fall_in_the_share_with_high_support_and_challenge_is_read_with_its_interval(organisation):
    # Wave 1: 10 of 10 high on both; wave 2: 2 of 10 (the rest low on both). 100% -> 20%.
    first = waves.open_wave(organisation, teams=[])
    respond_scored(first, 10, 4)
    waves.close_wave(first)
    second = waves.open_wave(organisation, teams=[])
    respond_scored(second, 5, 4)
    respond_scored(second, 5, 4, support=2, challenge=2)
    reading = results.reading(organisation)
    share = next(c for c in reading.changes if c.unit == "percent")
    assert (share.before, share.after) == (100, 50)
    assert share.beyond_chance and share.difference < 0
    assert any(s.startswith("Staff with both high support and high challenge: down from 100% to 50%.")
               for s in reading.sentences)


def test_no_reading_when_either_wave_is_too_small(organisation):
    _two_waves(organisation, [(3, 2, 2)], [(10, 4, 4)])
    reading = results.reading(organisation)
    assert reading.changes == []
    assert reading.sentences == ["Fewer than 5 people answered in one of the last two waves, so they are not compared."]


def test_one_wave_has_nothing_to_compare(organisation):
    wave = waves.open_wave(organisation, teams=[])
    respond_scored(wave, 6, 4)
    assert results.reading(organisation).sentences == ["There is only one wave so far, so there is nothing to compare yet."]
