"""The urgent rule (reporting.urgency): danger now is flagged, in English and Welsh; a plain
negation or "it stopped long ago" cancels only where it is safe to; it errs towards urgent."""

import json
from pathlib import Path

import pytest

from reporting.urgency import assess, closeness, is_urgent, normalise, rule_assess, semantic_urgent
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


# --- the semantic half (the real packaged model, no mocks) ---

@pytest.mark.parametrize("text", ["mums boyfriend gets angry and i have to hide", "my step dad gets really mad and i stay in my room",
                                  "when he has been drinking i sleep at my mates", "nobody has come to see nan and she is on her own"])
def test_danger_said_indirectly_is_found_by_the_semantic_half(text):
    found = closeness(text)
    assert found is not None and found.urgent, found
    assert "semantic" in assess(text).reasons


@pytest.mark.parametrize("text", ["The letter about my review had the wrong date", "Thank you for sorting out my money",
                                  "When is my next review?", "The taxi to the day centre was late again"])
def test_service_complaints_thanks_and_questions_are_not_close_to_danger(text):
    assert not semantic_urgent(text)
    assert not is_urgent(text)


def test_the_semantic_half_reads_each_sentence_of_a_long_report():
    calm = "I go to the day centre on Mondays and I like the art group. The staff are kind. "
    assert not is_urgent(calm * 3)
    assert "semantic" in assess(calm * 3 + "Since the weekend there has been nothing in the cupboards for us to eat.").reasons


def test_if_the_model_fails_the_rules_decide_alone_and_the_submission_goes_on(monkeypatch, caplog):
    from semantic import embedding

    def broken(texts):
        raise RuntimeError("model file unreadable")

    monkeypatch.setattr(embedding, "embed_minilm", broken)
    monkeypatch.setattr("reporting.urgency._prototypes", None)
    with caplog.at_level("ERROR", logger="reporting.urgency"):
        assert is_urgent("he hits me every night")
        assert not is_urgent("The taxi to the day centre was late again")
    assert "embedding failed" in caplog.text
    assert assess("he hits me every night").reasons == ("violence",)


@pytest.mark.django_db
def test_a_report_is_submitted_and_flagged_by_the_rules_when_the_model_fails(organisation, monkeypatch):
    from semantic import embedding

    monkeypatch.setattr(embedding, "embed_minilm", lambda texts: (_ for _ in ()).throw(OSError("no weights")))
    monkeypatch.setattr("reporting.urgency._prototypes", None)
    assert report(organisation, "My stepdad hits me every night.", reporter_group="child").report.urgent
    assert not report(organisation, "I missed my visit because the taxi was late.", reporter_group="child").report.urgent


@pytest.mark.parametrize("text", ["dad", "cant breathe", "him again", "mam", "not safe"])
def test_a_very_short_text_that_is_not_plainly_harmless_is_urgent(text):
    assert is_urgent(text)


@pytest.mark.parametrize("text", ["thanks", "Thank you!", "ok", "diolch yn fawr", "all good"])
def test_a_very_short_thank_you_is_not_urgent(text):
    assert not is_urgent(text)


@pytest.mark.parametrize("text", ["im so scard of him", "hes gona batter me", "dad said hed kill himself", "kms",
                                  "older boys make me carry stuff for them", "carer leaves nan alone all night",
                                  "no food in the house since friday", "mae e'n fy mhwnsio i", "mae hi'n fy nghledro", "ofan arna i"])
def test_misspellings_text_speak_and_welsh_mutations_are_in_the_rules(text):
    assert rule_assess(text).urgent, text


def test_a_negation_never_cancels_sexual_harm():
    assert is_urgent("he doesn't touch me anymore when mum is in")
    assert rule_assess("I'm not allowed to tell, he touches me").urgent


def test_the_model_is_loaded_while_the_person_is_still_on_the_start_page(client, organisation, monkeypatch):
    from reporting import urgency

    monkeypatch.setattr("reporting.urgency._prototypes", None)
    started = []
    real = urgency.prepare_in_background
    monkeypatch.setattr("reporting.urgency.prepare_in_background", lambda: started.append(real()) or started[-1])
    assert client.get(f"/r/{organisation.slug}/easy/").status_code == 200
    started[0].join(timeout=60)
    assert urgency._prototypes is not None
    assert urgency.prepare_in_background() is None  # loaded once per process
