"""The evaluation's scores, checked on cases worked out by hand."""

from semantic import scores_report


def test_micro_and_macro_f1_and_precision_at_one():
    gold = [["Fatigue", "Equipment"], ["Communication"], ["Equipment"]]
    suggested = [["Equipment"], ["Fatigue"], []]
    report = scores_report(gold, suggested, ["Fatigue", "Equipment", "Communication"])
    # tp=1 (Equipment), fp=1 (Fatigue on the second), fn=3: micro-F1 = 2/(2+1+3).
    assert report["micro_f1"] == round(2 / 6, 4)
    # Equipment 2/(2+0+1), Fatigue 0, Communication 0.
    assert report["macro_f1"] == round((2 / 3) / 3, 4)
    # Two reports have a suggestion and the first one's is right; over all three, the third (none) is a miss.
    assert report["precision_at_1"] == 0.5
    assert report["coverage"] == round(2 / 3, 4)
    assert report["precision_at_1_all"] == round(1 / 3, 4)


def test_a_label_never_suggested_still_counts_in_macro_f1():
    report = scores_report([["A"], ["B"]], [["A"], ["A"]], ["A", "B"])
    assert report["per_label_f1"] == {"A": round(2 / 3, 4), "B": 0.0}
