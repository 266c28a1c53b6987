"""The benchmark's scoring functions (bench/deid_scoring.py)."""

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench"))
import deid_scoring as scoring  # noqa: E402


def doc(text, spans):
    return scoring.GoldDoc("d-A01", text, spans)


def test_protected_requires_all_alnum_covered():
    text = "Zara Vantry, 12"
    gold = (0, 11, "PERSON")
    assert scoring.protected(text, gold, [(0, 11, "PERSON")])
    assert scoring.protected(text, gold, [(0, 4, "PERSON"), (5, 11, "LOCATION")])  # any label, space ignored
    assert not scoring.protected(text, gold, [(0, 4, "PERSON")])


def test_score_recall_precision_f2_and_leaks():
    text = "Zara rang 07700 900123 on Monday"
    d = doc(text, [(0, 4, "PERSON"), (10, 22, "PHONE")])
    res = scoring.score([d], [[(0, 4, "PERSON"), (26, 32, "DATE")]])
    assert res["labels"]["PERSON"]["recall"] == 1.0
    assert res["labels"]["PHONE"]["recall"] == 0.0
    assert res["labels"]["DATE"]["precision"] == 0.0
    assert res["overall"]["recall"] == 0.5 and res["overall"]["precision"] == 0.5
    assert res["structured"]["leaked"] == 1
    assert res["overall"]["f2"] == pytest.approx(0.5)
    assert scoring.f_beta(1.0, 0.5) == pytest.approx(5 * 0.5 / (4 + 0.5))


def test_load_conll(tmp_path):
    path = tmp_path / "x.conll"
    path.write_text("Zara\tB-person\nVantry\tI-person\nin\tO\nLeeds\tB-location\nvia\tO\nAcme\tB-corporation\n\n"
                    "hi\tO\n", encoding="utf-8")
    docs = scoring.load_conll(str(path))
    assert len(docs) == 2
    d = docs[0]
    assert d.text == "Zara Vantry in Leeds via Acme"
    assert [(d.text[s:e], lab) for s, e, lab in d.spans] == [("Zara Vantry", "PERSON"), ("Leeds", "LOCATION")]
    assert [d.text[s:e] for s, e, _ in d.ignored] == ["Acme"]
    # predictions of unscored labels are not evaluated; PERSON over a corporation is a false positive
    res = scoring.score([d], [[(25, 29, "ORGANISATION"), (25, 29, "PERSON"), (0, 11, "PERSON")]])
    assert res["labels"]["PERSON"]["precision"] == 0.5
    assert "ORGANISATION" not in res["labels"]



def test_load_conll_2003_articles(tmp_path):
    """CoNLL-2003 newswire: POS and chunk columns, PER/LOC tags (IOB1), an article per -DOCSTART-."""
    path = tmp_path / "news.txt"
    path.write_text("-DOCSTART- -X- -X- O\n\nZara NNP I-NP I-PER\nVantry NNP I-NP I-PER\nwon VBD I-VP O\n\n"
                    "Vantry NNP I-NP I-PER\nflew VBD I-VP O\nto TO I-PP O\nOslo NNP I-NP I-LOC\n. . O O\n\n"
                    "-DOCSTART- -X- -X- O\n\nAcme NNP I-NP I-ORG\nrose VBD I-VP O\n\n", encoding="utf-8")
    docs = scoring.load_corpus(str(path))
    assert [d.text for d in docs] == ["Zara Vantry won\nVantry flew to Oslo .", "Acme rose"]
    d = docs[0]
    assert [(d.text[s:e], lab) for s, e, lab in d.spans] == [
        ("Zara Vantry", "PERSON"), ("Vantry", "PERSON"), ("Oslo", "LOCATION")]
    assert [docs[1].text[s:e] for s, e, _ in docs[1].ignored] == ["Acme"]

def test_load_jsonl(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "a-B02", "text": "Hi Zara", "spans": [{"start": 3, "end": 7, "label": "PERSON", '
                    '"text": "Zara"}]}\n', encoding="utf-8")
    docs = scoring.load_corpus(str(path))
    assert docs[0].spans == [(3, 7, "PERSON")] and docs[0].scored_labels is None
