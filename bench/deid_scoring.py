"""Scoring for the de-identification benchmark (importable, no heavy imports).

- Recall: a gold span is *protected* when every letter and digit of it lies inside some predicted
  span (of any label). Per label = over that label's gold spans.
- Precision: a predicted span is right when it overlaps a gold span (of any evaluated label). Per
  label = over the spans predicted with that label.
- F2 weighs recall twice as much as precision.
- Leaked structured identifiers: NHS, NI, phone, e-mail, postcode gold spans not fully protected
  (``STRUCTURED``); for the generated multilingual corpus also cards, IBANs, bank accounts, IPs, case
  references, URLs, national IDs and crypto wallets (``STRUCTURED_ALL``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

STRUCTURED = ("NHS_NUMBER", "NI_NUMBER", "PHONE", "EMAIL", "POSTCODE")
STRUCTURED_ALL = STRUCTURED + ("CARD", "IBAN", "BANK_ACCOUNT", "IP_ADDRESS", "CASE_REFERENCE", "URL", "NATIONAL_ID",
                               "CRYPTO_WALLET", "ID_NUMBER")
# CoNLL-style tags we score: WNUT-17's (person, location) and CoNLL-2003's (PER, LOC).
WNUT_MAP = {"person": "PERSON", "location": "LOCATION", "PER": "PERSON", "LOC": "LOCATION"}


@dataclass
class GoldDoc:
    id: str
    text: str
    spans: list[tuple[int, int, str]]
    # Gold spans of types the corpus has but we do not score (WNUT corporation, product ...).
    ignored: list[tuple[int, int, str]] = field(default_factory=list)
    # Predicted labels that are scored for precision on this corpus (None = all).
    scored_labels: frozenset[str] | None = None


def gold_doc(obj: dict) -> GoldDoc:
    """A document in the JSONL format (``{"id", "text", "spans": [{"start", "end", "label"}]}``)."""
    return GoldDoc(obj["id"], obj["text"], [(s["start"], s["end"], s["label"]) for s in obj["spans"]])


def load_jsonl(path: str) -> list[GoldDoc]:
    with open(path, encoding="utf-8") as fh:
        return [gold_doc(json.loads(line)) for line in fh if line.strip()]


def load_conll(path: str, label_map: dict[str, str] | None = None) -> list[GoldDoc]:
    """CoNLL BIO ("token<TAB>TAG" or "token POS ... TAG", blank line between docs). Text = tokens joined
    by single spaces. In a file with "-DOCSTART-" lines (CoNLL-2003 newswire) a document is an article: its
    sentences (blank-line separated) are joined by newlines, so names repeated in an article are seen together."""
    label_map = label_map or WNUT_MAP
    docs: list[GoldDoc] = []
    rows: list[tuple[str, str]] = []

    def flush() -> None:
        while rows and rows[-1][0] == "\n":
            rows.pop()
        if not rows:
            return
        text_parts: list[str] = []
        spans: list[tuple[int, int, str]] = []
        ignored: list[tuple[int, int, str]] = []
        pos = 0
        current: list | None = None
        for token, tag in rows:
            if token == "\n":
                current = _close(current, spans, ignored, label_map)
                text_parts.append("\n")
                pos += 1
                continue
            if text_parts and text_parts[-1] != "\n":
                pos += 1
            start, end = pos, pos + len(token)
            text_parts.append(token)
            pos = end
            kind = tag[2:] if len(tag) > 2 and tag[1] == "-" else ""
            if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != kind)):
                _close(current, spans, ignored, label_map)
                current = [start, end, kind]
            elif tag.startswith("I-") and current is not None:
                current[1] = end
            else:
                current = _close(current, spans, ignored, label_map)
        _close(current, spans, ignored, label_map)
        text = "".join(part if k == 0 or part == "\n" or text_parts[k - 1] == "\n" else " " + part
                       for k, part in enumerate(text_parts))
        docs.append(GoldDoc(
            f"conll-{len(docs) + 1:05d}", text,
            [(s, e, label_map[k]) for s, e, k in spans],
            [(s, e, k) for s, e, k in ignored],
            frozenset(label_map.values()),
        ))
        rows.clear()

    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    articles = any(line.startswith("-DOCSTART-") for line in lines)
    for line in lines:
        if line.startswith("-DOCSTART-"):
            flush()
            continue
        if not line.strip():
            if not articles:
                flush()
            elif rows and rows[-1][0] != "\n":
                rows.append(("\n", "O"))  # a sentence ends; the article goes on
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        if len(parts) >= 2:
            rows.append((parts[0], parts[-1]))
    flush()
    return docs


def _close(current: list | None, spans: list, ignored: list, label_map: dict) -> None:
    """Ends the open entity, if any, as a scored span or an ignored one."""
    if current:
        (spans if current[2] in label_map else ignored).append(tuple(current))


def load_corpus(path: str) -> list[GoldDoc]:
    return load_conll(path) if path.endswith((".conll", ".bio", ".txt")) else load_jsonl(path)


def protected(text: str, gold: tuple[int, int, str], preds: Iterable[tuple[int, int, str]]) -> bool:
    covered = set()
    for s, e, _ in preds:
        if s < gold[1] and gold[0] < e:
            covered.update(range(max(s, gold[0]), min(e, gold[1])))
    return all(i in covered for i in range(gold[0], gold[1]) if text[i].isalnum())


def f_beta(p: float, r: float, beta: float = 2.0) -> float:
    if p <= 0 and r <= 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * p * r / (b2 * p + r) if (b2 * p + r) else 0.0


def score(docs: list[GoldDoc], predictions: list[list[tuple[int, int, str]]],
          structured: tuple[str, ...] = STRUCTURED) -> dict:
    """Per-label and overall recall/precision/F2 plus leaked identifiers of the ``structured`` labels."""
    gold_n: dict[str, int] = {}
    gold_ok: dict[str, int] = {}
    pred_n: dict[str, int] = {}
    pred_ok: dict[str, int] = {}
    leaked: list[dict] = []
    for doc, preds in zip(docs, predictions, strict=True):
        scored = [p for p in preds if doc.scored_labels is None or p[2] in doc.scored_labels]
        for g in doc.spans:
            label = g[2]
            gold_n[label] = gold_n.get(label, 0) + 1
            if protected(doc.text, g, preds):
                gold_ok[label] = gold_ok.get(label, 0) + 1
            elif label in structured:
                leaked.append({"doc": doc.id, "label": label, "text": doc.text[g[0]:g[1]]})
        for p in scored:
            label = p[2]
            pred_n[label] = pred_n.get(label, 0) + 1
            if any(p[0] < g[1] and g[0] < p[1] for g in doc.spans):
                pred_ok[label] = pred_ok.get(label, 0) + 1
    labels = sorted(set(gold_n) | set(pred_n))
    rows: dict[str, dict] = {}
    for label in labels:
        r = gold_ok.get(label, 0) / gold_n[label] if gold_n.get(label) else None
        p = pred_ok.get(label, 0) / pred_n[label] if pred_n.get(label) else None
        rows[label] = {
            "gold": gold_n.get(label, 0), "protected": gold_ok.get(label, 0), "recall": r,
            "predicted": pred_n.get(label, 0), "correct": pred_ok.get(label, 0), "precision": p,
            "f2": f_beta(p or 0.0, r or 0.0) if r is not None and p is not None else None,
        }
        if label in structured:
            rows[label]["leaked"] = gold_n.get(label, 0) - gold_ok.get(label, 0)
    tg, tgo = sum(gold_n.values()), sum(gold_ok.values())
    tp, tpo = sum(pred_n.values()), sum(pred_ok.values())
    r = tgo / tg if tg else 0.0
    p = tpo / tp if tp else 0.0
    sg = sum(gold_n.get(label, 0) for label in structured)
    sgo = sum(gold_ok.get(label, 0) for label in structured)
    overall = {"gold": tg, "protected": tgo, "recall": r, "predicted": tp, "correct": tpo, "precision": p,
               "f2": f_beta(p, r)}
    return {
        "labels": rows,
        "overall": overall,
        "structured": {"gold": sg, "protected": sgo, "recall": sgo / sg if sg else None, "leaked": len(leaked)},
        "leaked": leaked,
    }


def format_table(title: str, result: dict) -> str:
    lines = [title, f"{'label':<16}{'gold':>6}{'recall':>8}{'pred':>6}{'prec':>8}{'F2':>7}"]

    def fmt(v: float | None) -> str:
        return f"{v:.3f}" if v is not None else "  -  "

    for label, row in result["labels"].items():
        lines.append(f"{label:<16}{row['gold']:>6}{fmt(row['recall']):>8}{row['predicted']:>6}"
                     f"{fmt(row['precision']):>8}{fmt(row['f2']):>7}")
    o = result["overall"]
    lines.append(f"{'OVERALL':<16}{o['gold']:>6}{fmt(o['recall']):>8}{o['predicted']:>6}{fmt(o['precision']):>8}"
                 f"{fmt(o['f2']):>7}")
    st = result["structured"]
    lines.append(f"structured identifiers: recall {fmt(st['recall'])}, leaked {st['leaked']}")
    return "\n".join(lines)


def format_comparison(title: str, ours: dict, theirs: dict, label_order: Iterable[str] = ()) -> str:
    """Side by side per label: gold count, then recall, precision, F2 and leaked for each engine.

    Labels with gold spans come first (in ``label_order``), then labels only one engine predicts."""
    def fmt(v: float | None) -> str:
        return f"{v:.3f}" if v is not None else "  -  "

    def cells(row: dict | None) -> str:
        row = row or {}
        leaked = row.get("leaked")
        return (f"{fmt(row.get('recall')):>7}{fmt(row.get('precision')):>7}{fmt(row.get('f2')):>7}"
                f"{leaked if leaked is not None else '':>6}")

    gold_labels = [lab for lab in label_order if lab in ours["labels"] and ours["labels"][lab]["gold"]]
    gold_labels += sorted(lab for lab, row in ours["labels"].items() if row["gold"] and lab not in gold_labels)
    others = sorted((set(ours["labels"]) | set(theirs["labels"])) - set(gold_labels))
    lines = [title, f"{'':<16}{'':>6}  {'--------- ours ---------':<27}  {'------- Presidio -------':<27}",
             f"{'label':<16}{'gold':>6}  {'R':>7}{'P':>7}{'F2':>7}{'leak':>6}  {'R':>7}{'P':>7}{'F2':>7}{'leak':>6}"]
    for label in gold_labels + others:
        gold = (ours["labels"].get(label) or theirs["labels"].get(label) or {}).get("gold", 0)
        lines.append(f"{label:<16}{gold:>6}  {cells(ours['labels'].get(label))}  {cells(theirs['labels'].get(label))}")
    o, t = ours["overall"], theirs["overall"]
    lines.append(f"{'OVERALL':<16}{o['gold']:>6}  {fmt(o['recall']):>7}{fmt(o['precision']):>7}{fmt(o['f2']):>7}"
                 f"{ours['structured']['leaked']:>6}  {fmt(t['recall']):>7}{fmt(t['precision']):>7}{fmt(t['f2']):>7}"
                 f"{theirs['structured']['leaked']:>6}")
    return "\n".join(lines)
