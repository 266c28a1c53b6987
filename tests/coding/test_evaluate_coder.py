"""`manage.py evaluate_coder`: trains on one file, writes suggestions for another, prints the scores."""

import json

import pytest
from django.core.management import call_command

from coding.management.commands.evaluate_coder import Command
from tests.semantic.synthetic import RARE, narratives


def write_jsonl(path, texts, labels, extra_lines=()):
    with open(path, "w") as f:
        for i, (text, row) in enumerate(zip(texts, labels, strict=True)):
            f.write(json.dumps({"id": f"r{i}", "text": text, "labels": row}) + "\n")
        for line in extra_lines:
            f.write(line + "\n")


@pytest.fixture
def files(tmp_path):
    texts, labels = narratives(80, seed=3)
    train, test, output = tmp_path / "train.jsonl", tmp_path / "test.jsonl", tmp_path / "preds.jsonl"
    write_jsonl(train, texts[:60], labels[:60], extra_lines=['{"id": "broken", "text": ', '{"id": "x", "text": "no labels"}'])
    write_jsonl(test, texts[60:], labels[60:])
    return train, test, output, labels[60:]


def run(train, test, output):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(Command(), train=str(train), test=str(test), output=str(output), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_writes_scores_and_suggestions_for_every_test_report(files):
    train, test, output, gold = files
    run(train, test, output)
    lines = [json.loads(line) for line in output.read_text().splitlines()]
    assert [p["id"] for p in lines] == [f"r{i}" for i in range(20)]
    assert set(lines[0]["scores"]) == {"Fatigue", "Equipment", "Communication"}
    right = sum(bool(p["suggested"]) and p["suggested"][0] in g for p, g in zip(lines, gold, strict=True))
    assert right >= 18


def test_it_prints_the_scores_timings_and_the_labels_it_could_not_learn(files):
    train, test, output, _ = files
    out, _ = run(train, test, output)
    assert "micro-F1" in out and "macro-F1" in out and "precision@1" in out
    assert "training" in out and "ms/report" in out
    assert f"not learned: '{RARE}' is on 3 training report(s), fewer than 5" in out


def test_malformed_lines_are_reported_by_number_and_the_rest_is_used(files):
    train, test, output, _ = files
    _, err = run(train, test, output)
    assert "line 61: not JSON" in err
    assert 'line 62: "labels" is not a list of strings' in err
    assert len(output.read_text().splitlines()) == 20


def test_like_the_product_it_abstains_below_a_cross_validated_confidence_point(files):
    from io import StringIO

    train, test, output, _ = files
    out = StringIO()
    call_command(Command(), train=str(train), test=str(test), output=str(output), stdout=out, stderr=StringIO())
    point = float(out.getvalue().split("abstains below a first-suggestion score of ")[1].split()[0])
    assert 0.0 < point <= 1.0
    for line in output.read_text().splitlines():
        prediction = json.loads(line)
        if prediction["suggested"]:
            assert prediction["scores"][prediction["suggested"][0]] >= point


def test_abstaining_can_be_turned_off_so_every_report_gets_suggestions(files):
    from io import StringIO

    train, test, output, _ = files
    out = StringIO()
    call_command(Command(), train=str(train), test=str(test), output=str(output), abstain_below=0, stdout=out, stderr=StringIO())
    assert "abstains below a first-suggestion score of 0.0 " in out.getvalue()
    assert all(json.loads(line)["suggested"] for line in output.read_text().splitlines())
