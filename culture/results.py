"""What a wave's answers say, every figure through small-number suppression.

* Counts of respondents (overall, by team, by support-and-challenge quadrant) go through
  protection.suppression: a count below k is "<k", and complements stop totals giving it away.
* A mean or a share is shown only for a group of at least k people. Teams whose counts are hidden
  are folded into one "other teams" group, and more teams are folded in until that group has at least
  k people, so the organisation's figure minus the teams shown is never a small group's figure.
* Changes between the last two waves are read against a 95% interval, so that a change chance alone
  would give is called what it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from statistics import fmean, pvariance

from django.utils.translation import gettext as _

from culture import item_bank
from culture.models import Response, Wave
from culture.responding import NOT_SAID
from protection.suppression import Count, suppress_breakdown, suppress_count, suppression_k

Z95 = 1.96
QUADRANTS = ("high_support_high_challenge", "high_support_low_challenge", "low_support_high_challenge",
             "low_support_low_challenge")


def quadrant_names() -> dict[str, str]:
    return {
        "high_support_high_challenge": _("High support and high challenge"),
        "high_support_low_challenge": _("High support, low challenge"),
        "low_support_high_challenge": _("Low support, high challenge"),
        "low_support_low_challenge": _("Low support and low challenge"),
    }


def construct_names() -> dict[str, str]:
    return {key: str(c["name"]) for key, c in item_bank.CONSTRUCTS.items()}


def _person_scores(answers: dict[str, int], items: dict[str, item_bank.Item]) -> dict[str, float]:
    """One person's score on each construct: the mean of its statements, reverse-scored ones turned."""
    by_construct: dict[str, list[int]] = {}
    for key, item in items.items():
        if key in answers:
            by_construct.setdefault(item.construct, []).append(item.score(answers[key]))
    return {construct: fmean(scores) for construct, scores in by_construct.items()}


def _quadrant(scores: dict[str, float]) -> str:
    support = "high_support" if scores[item_bank.SUPPORT] >= item_bank.HIGH_AT else "low_support"
    challenge = "high_challenge" if scores[item_bank.CHALLENGE] >= item_bank.HIGH_AT else "low_challenge"
    return f"{support}_{challenge}"


@dataclass(frozen=True)
class GroupFigures:
    """A group's count and, when the group is big enough to show, its mean on each construct."""

    label: str
    count: Count
    means: dict[str, float] | None  # None when hidden


@dataclass(frozen=True)
class QuadrantShare:
    key: str
    label: str
    count: Count
    share: float | None  # a percentage, None when hidden


@dataclass
class WaveResults:
    wave: Wave
    k: int
    constructs: list[str]
    total: Count
    overall: GroupFigures
    teams: list[GroupFigures] = field(default_factory=list)
    folded: GroupFigures | None = None
    folded_labels: list[str] = field(default_factory=list)
    quadrants: list[QuadrantShare] = field(default_factory=list)
    # Kept for comparisons between waves, never shown: per-person scores, only when the total is shown.
    _people: list[dict[str, float]] = field(default_factory=list, repr=False)


def _means(people: list[dict[str, float]], constructs: list[str]) -> dict[str, float]:
    return {c: round(fmean(p[c] for p in people), 2) for c in constructs}


def _group_counts(wave: Wave, rows: list[tuple[str, dict]]) -> dict[str, int]:
    counts = {team: 0 for team in wave.teams}
    counts[NOT_SAID] = 0
    for team, _answers in rows:
        counts[team if team in counts else NOT_SAID] += 1
    return counts


def wave_results(wave: Wave, *, items: dict[str, item_bank.Item] | None = None) -> WaveResults:
    """A wave's suppressed figures. `items` narrows the statements scored (for like-with-like trends)."""
    k = suppression_k()
    items = items if items is not None else item_bank.item_map(wave.item_bank_version)
    constructs = [c for c in item_bank.constructs_of(wave.item_bank_version) if any(i.construct == c for i in items.values())]
    # Read in the random order of the ids: nothing here depends on the order rows were written.
    rows = list(Response.objects.filter(wave=wave).order_by("pk").values_list("team", "answers"))
    people = [(team, _person_scores(answers, items)) for team, answers in rows]
    counts = _group_counts(wave, rows)
    team_labels = {team: (team if team != NOT_SAID else _("Rather not say")) for team in counts}
    breakdown = suppress_breakdown(counts, k=k)
    total = breakdown.total
    if total is None:  # suppress_breakdown always gives a total; say so loudly if that ever changes
        raise RuntimeError("suppress_breakdown returned no total")
    shown_overall = not total.suppressed and total.value is not None and total.value >= k
    overall = GroupFigures(_("Everyone who answered"), total,
                           _means([p for _t, p in people], constructs) if shown_overall else None)
    results = WaveResults(wave, k, constructs, total, overall)
    if not shown_overall:
        results.teams = [GroupFigures(team_labels[item.label], item.count, None) for item in breakdown.items]
        # Fewer than k answered: no shares at all, since a published zero would say how the rest answered.
        return results
    results._people = [p for _t, p in people]
    # Fold every team whose count is hidden into one group, then the smallest shown teams until the
    # group is empty or has at least k people: its figures are the total's minus the teams shown.
    folded = {item.label for item in breakdown.items if item.count.suppressed}
    folded_n = sum(counts[t] for t in folded)
    while 0 < folded_n < k:
        candidates = sorted((counts[t], t) for t in counts if t not in folded and counts[t] > 0)
        if not candidates:
            break
        folded.add(candidates[0][1])
        folded_n = sum(counts[t] for t in folded)
    for item in breakdown.items:
        team = item.label
        if team in folded:
            count = item.count if item.count.suppressed else Count("[c]", True, None, "complement")
            results.teams.append(GroupFigures(team_labels[team], count, None))
        else:
            members = [p for t, p in people if t == team]
            results.teams.append(GroupFigures(team_labels[team], item.count,
                                              _means(members, constructs) if len(members) >= k else None))
    if folded_n:
        members = [p for t, p in people if t in folded]
        results.folded = GroupFigures(_("Other teams together"), suppress_count(folded_n, k=k),
                                      _means(members, constructs) if folded_n >= k else None)
        results.folded_labels = [team_labels[t] for t in counts if t in folded]
    if item_bank.SUPPORT in constructs and item_bank.CHALLENGE in constructs:
        quadrant_counts = dict.fromkeys(QUADRANTS, 0)
        for _t, p in people:
            quadrant_counts[_quadrant(p)] += 1
        quadrant_breakdown = suppress_breakdown(quadrant_counts, k=k)
        n = total.value
        results.quadrants = [
            QuadrantShare(q.label, quadrant_names()[q.label], q.count,
                          round(100 * q.count.value / n) if q.count.value is not None and n else None)
            for q in quadrant_breakdown.items]
    return results


# Trend and reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    wave: Wave
    respondents: Count
    means: dict[str, float] | None
    high_high_share: float | None
    version: str


def trend(organisation) -> list[TrendPoint]:
    """Each wave's overall figures, oldest first; hidden where fewer than k answered."""
    points = []
    for wave in Wave.objects.filter(organisation=organisation).order_by("number"):
        r = wave_results(wave)
        share = next((q.share for q in r.quadrants if q.key == QUADRANTS[0]), None)
        points.append(TrendPoint(wave, r.total, r.overall.means, share, wave.item_bank_version))
    return points


@dataclass(frozen=True)
class Change:
    subject: str
    before: float
    after: float
    low: float
    high: float
    unit: str  # "points" on the 1-5 scale, or "percentage points"

    @property
    def difference(self) -> float:
        return self.after - self.before

    @property
    def beyond_chance(self) -> bool:
        return self.low > 0 or self.high < 0


@dataclass(frozen=True)
class Reading:
    """A plain-language reading of what changed between the last two waves."""

    sentences: list[str]
    changes: list[Change]
    earlier: Wave | None = None
    later: Wave | None = None


def _mean_change(before: list[float], after: list[float]) -> tuple[float, float, float, float]:
    b, a = fmean(before), fmean(after)
    se = math.sqrt(pvariance(before) / len(before) + pvariance(after) / len(after))
    d = a - b
    return b, a, d - Z95 * se, d + Z95 * se


def _share_change(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float, float, float]:
    p1, p2 = x1 / n1, x2 / n2
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    d = p2 - p1
    return 100 * p1, 100 * p2, 100 * (d - Z95 * se), 100 * (d + Z95 * se)


def describe(change: Change) -> str:
    values = {"subject": change.subject, "before": f"{change.before:.1f}", "after": f"{change.after:.1f}",
              "low": f"{change.low:+.1f}", "high": f"{change.high:+.1f}"}
    if change.unit == "percent":
        values.update(before=f"{change.before:.0f}%", after=f"{change.after:.0f}%",
                      low=f"{change.low:+.0f}", high=f"{change.high:+.0f}")
    if not change.beyond_chance:
        return _("%(subject)s: %(before)s then %(after)s. That is within what chance alone would give "
                 "(the likely change runs from %(low)s to %(high)s), so read it as no clear change.") % values
    if change.difference > 0:
        return _("%(subject)s: up from %(before)s to %(after)s. That is more than chance alone would give "
                 "(the likely change runs from %(low)s to %(high)s).") % values
    return _("%(subject)s: down from %(before)s to %(after)s. That is more than chance alone would give "
             "(the likely change runs from %(low)s to %(high)s).") % values


def reading(organisation) -> Reading:
    """Compare the last two waves on the statements they share, where both have at least k answers."""
    waves = list(Wave.objects.filter(organisation=organisation).order_by("-number")[:2])
    if len(waves) < 2:
        return Reading([_("There is only one wave so far, so there is nothing to compare yet.")] if waves else [], [])
    later, earlier = waves
    shared = item_bank.common_items(earlier.item_bank_version, later.item_bank_version)
    first, second = wave_results(earlier, items=shared), wave_results(later, items=shared)
    if first.overall.means is None or second.overall.means is None:
        return Reading([_("Fewer than %(k)s people answered in one of the last two waves, so they are not "
                          "compared.") % {"k": first.k}], [], earlier, later)
    names = construct_names()
    changes = []
    for construct in second.constructs:
        if construct in first.constructs:
            b, a, lo, hi = _mean_change([p[construct] for p in first._people], [p[construct] for p in second._people])
            changes.append(Change(names[construct], b, a, lo, hi, "points"))
    shares = [{q.key: q for q in r.quadrants}.get(QUADRANTS[0]) for r in (first, second)]
    if all(s is not None and s.count.value is not None for s in shares):
        b, a, lo, hi = _share_change(shares[0].count.value, first.total.value, shares[1].count.value,
                                     second.total.value)
        changes.append(Change(_("Staff with both high support and high challenge"), b, a, lo, hi, "percent"))
    sentences = [describe(c) for c in changes]
    if len(shared) < len(item_bank.item_map(later.item_bank_version)):
        sentences.append(_("Some questions changed between these waves; only the questions both asked are compared."))
    return Reading(sentences, changes, earlier, later)
