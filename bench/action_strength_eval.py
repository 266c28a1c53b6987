"""Action-strength classifier (learning.action_strength) against hand labels, and the trivial baseline
that calls every action weak (most real action plans are).

    python bench/action_strength_eval.py [--output bench/results/action_strength.json]

Two sets, both hand-written and hand-labelled by the hierarchy of intervention effectiveness (VA NCPS
action hierarchy, as in IHI RCA2): DEV, written with the rules and used to tune them; HELD_OUT,
written after the rules were fixed, in other phrasings and settings, and never tuned on. Accuracy
and per-class recall are reported for both, with the confusion on the held-out set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from learning.action_strength import MODERATE, STRONG, WEAK, classify  # noqa: E402

S, M, W = STRONG, MODERATE, WEAK

# (text, level, label). Written with the rules (they were tuned on these).
DEV = [
    ("Remind all staff to check the MAR chart before giving medication.", "practice", W),
    ("Refresher training on safeguarding thresholds for the duty team.", "practice", W),
    ("Circulate a memo about the new out-of-hours contact numbers.", "policy", W),
    ("Update the lone working policy and ask staff to read it.", "policy", W),
    ("Put a warning sticker on the insulin pens.", "practice", W),
    ("Introduce a double check of controlled drugs by two carers.", "practice", W),
    ("Discuss the incident at the next team meeting to raise awareness.", "practice", W),
    ("Encourage workers to take more care when recording visits.", "practice", W),
    ("All staff to complete the e-learning module on record keeping.", "practice", W),
    ("Remind managers to sign off overdue assessments.", "practice", W),
    ("Use a checklist for every discharge from hospital.", "tool_or_system", M),
    ("Recruit two additional duty social workers.", "resource", M),
    ("Introduce SBAR for handovers between day and night staff.", "practice", M),
    ("Add a mandatory drop-down for the allocated worker on the case management system.", "tool_or_system", S),
    ("Reduce caseloads for newly qualified workers to 15.", "resource", M),
    ("Run simulation training on placement breakdown out of hours.", "practice", M),
    ("Provide a quick reference card for the escalation route.", "tool_or_system", M),
    ("Protected time each week for supervision.", "resource", M),
    ("A daily safety huddle at 9am in the duty team.", "practice", M),
    ("The system will automatically alert the manager when a visit is overdue.", "tool_or_system", S),
    ("Redesign the referral pathway so that there is a single front door.", "policy", S),
    ("The form cannot be submitted until the risk section is completed.", "tool_or_system", S),
    ("Remove the step where the referral is re-typed into the second system.", "tool_or_system", S),
    ("Store the two look-alike medicines in separate cupboards.", "tool_or_system", S),
    ("Standardise the equipment across all residential homes.", "tool_or_system", S),
    ("The head of service will chair the monthly review of every missed visit.", "practice", S),
    ("Automate the booking of interpreters from the case record.", "tool_or_system", S),
    ("Replace the hoists with a single model across the service.", "resource", S),
    ("Drop the 24-hour target that pushes workers to close contacts early.", "rule_or_target", M),
    ("Simplify the consent form into one page.", "policy", S),
]

# Written after the rules were fixed (no rule changed after this list was written).
HELD_OUT = [
    ("Team leaders to reinforce the importance of completing body maps.", "practice", W),
    ("Staff reminded via the weekly newsletter to log key safes.", "practice", W),
    ("Safeguarding leads will deliver a lunchtime session on neglect indicators.", "practice", W),
    ("Re-issue the guidance on transport of medicines between homes.", "policy", W),
    ("Add a note to the front of each file asking workers to check the address.", "practice", W),
    ("Agency carers to read and sign the moving and handling procedure.", "policy", W),
    ("Ask a senior carer to check all PRN entries at the end of each shift.", "practice", W),
    ("Workers must be vigilant about checking ID at the door.", "practice", W),
    ("Coaching for the two workers involved.", "practice", W),
    ("Include the learning in the next practice bulletin.", "practice", W),
    ("A new protocol on missing children episodes.", "policy", W),
    ("Highlight high-risk cases in red on the whiteboard.", "practice", W),
    ("Introduce a structured template for handover between hospital and community teams.", "tool_or_system", M),
    ("Fund a second out-of-hours duty worker at weekends.", "resource", M),
    ("Weighted caseload tool so that no worker carries more than 20 points.", "resource", M),
    ("Give every carer a laminated prompt card for the falls response.", "tool_or_system", M),
    ("Role-play rehearsals of difficult conversations with parents before court.", "practice", M),
    ("Add a flag to the electronic record for children subject to a plan.", "tool_or_system", M),
    ("Use read-back when taking referrals over the phone.", "practice", M),
    ("Extra admin support so that social workers spend less time on paperwork.", "resource", M),
    ("A backup phone for the on-call manager in case the main one fails.", "resource", M),
    ("Step-by-step decision tree for when to call an ambulance.", "tool_or_system", M),
    ("Stop requiring the target of visits within 5 working days for stable placements.", "rule_or_target", M),
    ("Lower the threshold for strategy meetings in the child protection procedures.", "rule_or_target", M),
    ("The medicines trolley now has a locked drawer that opens only with the resident's barcode.", "tool_or_system", S),
    ("Mosaic will not allow a case to be transferred without a named receiving worker.", "tool_or_system", S),
    ("Referrals are now created automatically from the police notification.", "tool_or_system", S),
    ("Take the concentrated potassium out of every home's stock.", "tool_or_system", S),
    ("One shared care record replaces the three separate files.", "tool_or_system", S),
    ("The director will visit each team quarterly to hear what gets in the way.", "practice", S),
    ("Rebuild the office layout so that the duty desk is next to the manager.", "resource", S),
    ("Stop the double entry of visit notes: the app writes them straight into the record.", "tool_or_system", S),
    ("Pre-populated discharge forms pulled from the hospital system.", "tool_or_system", S),
    ("Merge the two referral teams into one front door.", "policy", S),
    ("Swap the bed rails for a model that cannot trap a limb.", "resource", S),
    ("Eliminate the fax route for urgent referrals.", "tool_or_system", S),
]


def evaluate(cases):
    predicted = [classify(text, level).strength for text, level, _label in cases]
    truth = [label for _text, _level, label in cases]
    n = len(cases)
    accuracy = sum(p == t for p, t in zip(predicted, truth, strict=True)) / n
    baseline = sum(t == W for t in truth) / n
    recall = {}
    for cls in (S, M, W):
        relevant = [p for p, t in zip(predicted, truth, strict=True) if t == cls]
        recall[cls] = round(sum(p == cls for p in relevant) / len(relevant), 3) if relevant else None
    confusion = Counter(f"{t}->{p}" for p, t in zip(predicted, truth, strict=True))
    errors = [{"text": text, "label": label, "predicted": p}
              for (text, _level, label), p in zip(cases, predicted, strict=True) if p != label]
    return {"n": n, "labels": dict(Counter(truth)), "accuracy": round(accuracy, 3),
            "baseline_always_weak": round(baseline, 3), "recall": recall, "confusion": dict(sorted(confusion.items())),
            "errors": errors}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=os.path.join(ROOT, "bench", "results", "action_strength.json"))
    args = parser.parse_args(argv)
    results = {"dev": evaluate(DEV)}
    if HELD_OUT:
        results["held_out"] = evaluate(HELD_OUT)
    for name, result in results.items():
        print(f"{name:9s} n={result['n']:3d}  accuracy {result['accuracy']:.3f}  "
              f"baseline (always weak) {result['baseline_always_weak']:.3f}  recall {result['recall']}")
        for error in result["errors"]:
            print(f"    {error['label']:8s} -> {error['predicted']:8s} {error['text']}")
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
