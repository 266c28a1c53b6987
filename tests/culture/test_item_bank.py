"""The item bank is versioned: published wording never changes, and waves compare like with like."""

from __future__ import annotations

import pytest
from django.utils import translation

from culture import item_bank, results, waves
from culture.item_bank import Item
from tests.culture.factories import respond_scored

PS = item_bank.PSYCHOLOGICAL_SAFETY


def test_no_published_version_has_been_edited():
    assert set(item_bank.FINGERPRINTS) == set(item_bank.VERSIONS)
    for version, pinned in item_bank.FINGERPRINTS.items():
        assert item_bank.fingerprint(version) == pinned, f"version {version} changed: make a new version instead"


def test_a_key_means_the_same_words_in_every_version():
    wording: dict[str, str] = {}
    with translation.override("en-gb"):
        for items in item_bank.VERSIONS.values():
            assert len({i.key for i in items}) == len(items)
            for item in items:
                assert wording.setdefault(item.key, str(item.text)) == str(item.text), item.key


def test_the_current_version_covers_every_construct_with_reverse_scored_statements_where_needed():
    items = item_bank.items_of(item_bank.CURRENT_VERSION)
    assert set(item_bank.constructs_of(item_bank.CURRENT_VERSION)) == set(item_bank.CONSTRUCTS)
    by_construct = {c: [i for i in items if i.construct == c] for c in item_bank.CONSTRUCTS}
    assert len(by_construct[PS]) == 7  # Edmondson's seven aspects
    for construct in (PS, item_bank.JUST_CULTURE, item_bank.SUPPORT, item_bank.CHALLENGE):
        assert any(i.reverse for i in by_construct[construct]), construct
    turned = next(i for i in items if i.reverse)
    assert (turned.score(1), turned.score(5), turned.score(3)) == (5, 1, 3)


@pytest.mark.django_db
def test_a_wave_keeps_its_version_and_a_reworded_statement_is_left_out_of_comparisons(organisation, monkeypatch,
                                                                                     settings):
    settings.GOODCATCH_SUPPRESSION_K = 5
    first = waves.open_wave(organisation, teams=[])
    respond_scored(first, 6, 2)
    waves.close_wave(first)
    # A later version rewords one psychological-safety statement, so it gets a new key.
    old = item_bank.items_of("2026.1")
    reworded = tuple(Item("ps_risk_v2", PS, "Trying something new is welcome here.") if i.key == "ps_risk" else i
                     for i in old)
    monkeypatch.setitem(item_bank.VERSIONS, "2027.1", reworded)
    second = waves.open_wave(organisation, teams=[], version="2027.1")
    respond_scored(second, 6, 4)
    waves.close_wave(second)
    first.refresh_from_db()
    assert (first.item_bank_version, second.item_bank_version) == ("2026.1", "2027.1")
    shared = item_bank.common_items("2026.1", "2027.1")
    assert "ps_risk" not in shared and "ps_risk_v2" not in shared and len(shared) == len(old) - 1
    reading = results.reading(organisation)
    assert reading.sentences[-1] == ("Some questions changed between these waves; only the questions both asked "
                                     "are compared.")
    assert reading.changes[0].before == 2 and reading.changes[0].after == 4
