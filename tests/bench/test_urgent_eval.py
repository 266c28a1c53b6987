"""bench/urgent_eval.py: recall and false-urgent rate per corpus and language, beside the baseline,
for the dev phrases, a seeded generated set, and any corpus given."""

import json

import urgent_eval
from urgent_templates import generate


def test_the_generated_set_is_the_same_for_a_seed_and_balanced():
    assert generate(5, 40) == generate(5, 40)
    assert generate(5, 40) != generate(6, 40)
    items = generate(5, 200)
    assert sum(item["urgent"] for item in items) == 100
    assert {item["lang"] for item in items} == {"en", "cy"}


def test_scores_count_recall_and_false_urgent_rate():
    items = [{"text": "he hits me", "urgent": True}, {"text": "the bus was late", "urgent": True},
             {"text": "I like my room", "urgent": False}, {"text": "I was scared of the dog", "urgent": False}]
    flags = [True, False, False, True]  # found one of two urgent, flagged one of two calm
    assert urgent_eval.scores(items, flags) == {"urgent": 2, "not_urgent": 2, "recall": 0.5, "false_urgent_rate": 0.5}


def test_a_corpus_given_is_scored_and_written(tmp_path, capsys):
    corpus = tmp_path / "extra.jsonl"
    corpus.write_text('{"text": "help", "urgent": true, "lang": "en"}\n{"text": "Roedd y bws yn hwyr", "urgent": false, '
                      '"lang": "cy"}\n', encoding="utf-8")
    output = tmp_path / "out.json"
    assert urgent_eval.main(["--seed", "3", "--n", "40", "--corpus", str(corpus), "--output", str(output)]) == 0
    written = json.loads(output.read_text(encoding="utf-8"))
    extra = written["corpora"][str(corpus)]
    assert extra["all"]["rules"] == {"urgent": 1, "not_urgent": 1, "recall": 1.0, "false_urgent_rate": 0.0}
    assert set(extra) == {"all", "en", "cy"}
    assert written["corpora"]["dev"]["all"]["rules"]["recall"] == 1.0
    assert "baseline" in capsys.readouterr().out
