"""The urgent rule (reporting.urgency): danger now is flagged, in English and Welsh; a plain
negation or "it stopped long ago" cancels only where it is safe to; it errs towards urgent."""

import json
from pathlib import Path

import pytest

from reporting.urgency import assess, is_urgent, normalise
from tests.factories import report

DEV = [json.loads(line) for line in (Path(__file__).resolve().parents[2] / "bench" / "urgent_dev.jsonl").open(encoding="utf-8")]


@pytest.mark.parametrize("case", DEV, ids=[c["text"][:40] for c in DEV])
def test_each_phrase_of_the_development_list(case):
    assert is_urgent(case["text"]) is case["urgent"], (case, assess(case["text"]).reasons)


@pytest.mark.parametrize("text", ["he hits me", "I'm scared to go home", "she hasn't eaten for days", "help",
                                  "mae e'n fy nharo", "dw i'n ofnus mynd adref"])
def test_the_examples_in_the_issue_are_urgent(text):
    assert is_urgent(text)


@pytest.mark.parametrize("text", ["help", "Help.", "HELP!!!", "  help  ", "please help", "helpwch", "sos"])
def test_a_plea_on_its_own_is_urgent(text):
    assert is_urgent(text)


def test_a_negation_cancels_only_right_before_the_words():
    assert not is_urgent("He doesn't hit me")
    assert not is_urgent("I do not really feel scared")
    assert is_urgent("It isn't just that he hits me")
    assert is_urgent("I'm not sure, but he hits me")


def test_negation_never_cancels_threats_self_harm_or_a_plea():
    for text in ("I don't want to die", "He didn't say he has a knife, he showed me", "I can't say, help me",
                 "Does neb yn gwybod fy mod i eisiau marw"):
        assert is_urgent(text), text


def test_long_ago_cancels_only_when_nothing_says_now():
    assert not is_urgent("The hitting stopped years ago")
    assert is_urgent("He hit me years ago and he still does")
    assert is_urgent("It stopped years ago but now he hits my sister")
    # Sexual harm is never put down to "long ago": it is for a person to decide.
    assert is_urgent("He touched me when I was little")


def test_any_answer_can_make_a_report_urgent():
    assert is_urgent("The taxi was late.", "", "Take me away from him")
    assert not is_urgent("The taxi was late.", "Cross.", "A phone call next time.")


def test_curly_apostrophes_accents_and_capitals_do_not_hide_danger():
    assert is_urgent("I’M SCARED TO GO HOME")
    assert normalise("Dw i’n ddiogel rŵan") == "dw i'n ddiogel rwan"
    assert is_urgent("DW I DDIM YN TEIMLO’N DDIOGEL")


@pytest.mark.django_db
def test_easy_read_reports_are_checked_and_staff_reports_are_not(organisation):
    assert report(organisation, "My stepdad hits me every night.", reporter_group="child").report.urgent
    assert not report(organisation, "I missed my visit.", reporter_group="child").report.urgent
    # Staff write about routine work in these words; see docs/easy-read.md for why they are not flagged.
    assert not report(organisation, "Police found the child missing after the strategy meeting.").report.urgent
