"""The scores the evaluation prints and the models store: micro-F1, macro-F1, precision@1 of what is suggested."""

from __future__ import annotations

from collections.abc import Sequence


def scores_report(gold: Sequence[Sequence[str]], suggested: Sequence[Sequence[str]], labels: Sequence[str] | None = None) -> dict:
    """Micro- and macro-F1 of the suggested sets, and precision@1 with how many reports it covers.

    ``precision_at_1``: how often the first suggestion is right, over the reports with a suggestion (a
    model may abstain when it is not confident); ``coverage``: the share of reports with a suggestion;
    ``precision_at_1_all``: over every report, one with no suggestion counting as a miss.

    Macro-F1 averages over ``labels`` (default: every label in gold or suggested), so a label the
    model never suggests counts as 0, as it should.
    """
    if len(gold) != len(suggested):
        raise ValueError("gold and suggested differ in length")
    names = list(labels) if labels is not None else sorted({x for row in gold for x in row} | {x for row in suggested for x in row})
    tp = dict.fromkeys(names, 0)
    fp = dict.fromkeys(names, 0)
    fn = dict.fromkeys(names, 0)
    hits = answered = 0
    for g_row, s_row in zip(gold, suggested, strict=True):
        g, s = set(g_row), set(s_row)
        for label in s:
            if label in tp:
                (tp if label in g else fp)[label] += 1
        for label in g - s:
            if label in fn:
                fn[label] += 1
        answered += bool(s_row)
        hits += bool(s_row) and s_row[0] in g
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro = 2 * total_tp / max(2 * total_tp + total_fp + total_fn, 1)
    per_label = {n: 2 * tp[n] / max(2 * tp[n] + fp[n] + fn[n], 1) for n in names}
    return {
        "micro_f1": round(micro, 4),
        "macro_f1": round(sum(per_label.values()) / max(len(names), 1), 4),
        "precision_at_1": round(hits / max(answered, 1), 4),
        "coverage": round(answered / max(len(gold), 1), 4),
        "precision_at_1_all": round(hits / max(len(gold), 1), 4),
        "micro_precision": round(total_tp / max(total_tp + total_fp, 1), 4),
        "micro_recall": round(total_tp / max(total_tp + total_fn, 1), 4),
        "per_label_f1": {n: round(v, 4) for n, v in per_label.items()},
    }
