"""Scoring the generated corpus: leaks of the new structured labels, the side-by-side table, the options."""

import re

import deid_eval
import deid_scoring as scoring
import engines
import pytest

TEXT = "Pay IBAN GB82 WEST 1234 5698 7654 32 from 81.2.69.160, Anna rang 07700 900123"
GOLD = scoring.GoldDoc("ml-x-00001-financial", TEXT, [(9, 36, "IBAN"), (42, 53, "IP_ADDRESS"), (55, 59, "PERSON"),
                                                      (65, 77, "PHONE")])


def test_a_small_hand_made_example_is_scored_per_label_with_leaks():
    assert TEXT[9:36] == "GB82 WEST 1234 5698 7654 32" and TEXT[42:53] == "81.2.69.160" and TEXT[65:77] == "07700 900123"
    ours = [(9, 36, "IBAN"), (55, 59, "PERSON"), (65, 77, "PHONE"), (0, 3, "PERSON")]
    res = scoring.score([GOLD], [ours], scoring.STRUCTURED_ALL)
    assert res["labels"]["IBAN"] == {"gold": 1, "protected": 1, "recall": 1.0, "predicted": 1, "correct": 1,
                                     "precision": 1.0, "f2": 1.0, "leaked": 0}
    assert res["labels"]["IP_ADDRESS"]["recall"] == 0.0 and res["labels"]["IP_ADDRESS"]["leaked"] == 1
    assert res["labels"]["PERSON"]["precision"] == 0.5 and "leaked" not in res["labels"]["PERSON"]
    assert res["structured"] == {"gold": 3, "protected": 2, "recall": pytest.approx(2 / 3), "leaked": 1}
    assert [leak["text"] for leak in res["leaked"]] == ["81.2.69.160"]
    assert res["overall"]["recall"] == 0.75 and res["overall"]["precision"] == 0.75
    # the shared corpora keep the five structured labels: an IP is not counted as leaked there
    assert scoring.score([GOLD], [ours])["structured"]["leaked"] == 0


def test_the_comparison_table_puts_both_engines_side_by_side():
    ours = scoring.score([GOLD], [[(9, 36, "IBAN"), (42, 53, "IP_ADDRESS"), (55, 59, "PERSON")]], scoring.STRUCTURED_ALL)
    presidio = scoring.score([GOLD], [[(9, 36, "IBAN"), (65, 77, "PHONE"), (0, 3, "NRP")]], scoring.STRUCTURED_ALL)
    table = scoring.format_comparison("t", ours, presidio, ["PERSON", "PHONE", "IBAN", "IP_ADDRESS"]).splitlines()
    rows = {line.split()[0]: line.split()[1:] for line in table[3:]}
    assert list(rows)[:4] == ["PERSON", "PHONE", "IBAN", "IP_ADDRESS"] and "NRP" in rows
    assert rows["PHONE"] == ["1", "0.000", "-", "-", "1", "1.000", "1.000", "1.000", "0"]
    assert rows["IP_ADDRESS"] == ["1", "1.000", "1.000", "1.000", "0", "0.000", "-", "-", "1"]
    assert rows["OVERALL"][0] == "4" and rows["OVERALL"][4] == "1" and rows["OVERALL"][8] == "1"


def test_generate_option_takes_seed_and_count_and_otherwise_draws_a_seed():
    assert deid_eval.parse_generate(None, None) is None
    assert deid_eval.parse_generate("42:100", None) == ("42", 100)
    assert deid_eval.parse_generate("42", None) == ("42", deid_eval.GENERATED_COUNT)
    assert deid_eval.parse_generate(None, "7") == ("7", deid_eval.GENERATED_COUNT)
    seed, count = deid_eval.parse_generate("", None)
    assert seed.isdigit() and count == deid_eval.GENERATED_COUNT
    assert deid_eval.parse_generate(":50", "9") == ("9", 50)


def test_an_engine_that_raises_is_recorded_not_fatal():
    crashes: list[dict] = []

    def brittle(text):
        if "0" in text:
            raise IndexError("string index out of range")
        return [(0, 4, "PERSON")]

    safe = deid_eval.guarded(brittle, crashes)
    assert safe("Anna") == [(0, 4, "PERSON")]
    assert safe("rang 0") == []
    assert crashes == [{"error": "IndexError: string index out of range", "text": "rang 0"}]


def test_presidio_types_map_to_our_labels():
    labels = engines.PRESIDIO_LABELS
    assert labels["CREDIT_CARD"] == "CARD" and labels["IBAN_CODE"] == "IBAN" and labels["IP_ADDRESS"] == "IP_ADDRESS"
    assert {labels[t] for t in ("US_SSN", "US_PASSPORT", "US_DRIVER_LICENSE", "PL_PESEL", "IT_FISCAL_CODE")} == {"NATIONAL_ID"}
    assert labels["PHONE_NUMBER"] == "PHONE" and labels["US_BANK_NUMBER"] == "BANK_ACCOUNT"


def test_the_generated_corpus_is_scored_for_both_engines_in_the_same_run(capsys):
    """With stand-in engines (no spaCy): one finds long digit runs, the other always raises."""
    def digit_runs(text):
        return [(m.start(), m.end(), "PHONE") for m in re.finditer(r"\+?\d[\d ]{7,}\d", text)]

    def broken(text):
        raise ValueError("boom")

    entry = deid_eval.evaluate_generated("11", 30, digit_runs, broken)
    assert entry["seed"] == "11" and entry["docs"] == 30
    assert entry["ours"]["overall"]["gold"] == entry["baseline"]["overall"]["gold"] > 100
    assert entry["ours"]["labels"]["PHONE"]["recall"] > 0.3 and entry["baseline"]["overall"]["predicted"] == 0
    assert entry["crashes"]["ours"] == [] and entry["crashes"]["baseline"][0]["error"] == "ValueError: boom"
    assert sum(v["docs"] for v in entry["by_style"].values()) == 30
    assert entry["ours_speed"]["chars_per_s"] > 0 and "baseline_speed" in entry
    out = capsys.readouterr().out
    assert "seed 11" in out and "Presidio" in out and "baseline raised on" in out


def test_speed_takes_turns_and_reports_each_engines_median_round():
    """The slow engine is slow in every round, whichever goes first; each reports its own median."""
    import time

    calls: list[str] = []

    def fast(text):
        calls.append("fast")
        return []

    def slow(text):
        calls.append("slow")
        time.sleep(0.002)
        return []

    docs = [scoring.GoldDoc(f"d{i}", "x" * 100, []) for i in range(5)]
    timed = deid_eval.speeds({"ours": fast, "baseline": slow}, docs, [], rounds=3)
    assert calls[:15] == ["fast"] * 5 + ["slow"] * 5 + ["fast"] * 5  # in turn, not all of one then the other
    assert timed["ours"]["rounds"] == 3 and len(timed["ours"]["chars_per_s_rounds"]) == 3
    assert timed["ours"]["chars_per_s"] > timed["baseline"]["chars_per_s"]
    assert timed["baseline"]["chars_per_s"] <= 500 / 0.010  # 500 characters in no less than 5 x 2 ms
