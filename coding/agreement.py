"""How far two blind coders agree: Cohen's kappa, per code, overall and by quarter.

Agreement by chance is large when a code is rare (two coders who never use it agree on almost every
report), which is why plain percentage agreement flatters a taxonomy; kappa removes it:
κ = (pₒ − pₑ) / (1 − pₑ), pₒ the share of reports on which both coders made the same call, pₑ the
share expected if each coded at random with their own rates. It is undefined when pₑ = 1 (both
coders always made one and the same call), and shown then as "not enough variation".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


def cohens_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two coders' calls on the same items, in the same order; None if undefined."""
    if len(first) != len(second):
        raise ValueError("Both coders must have coded the same items.")
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    rates_first, rates_second = Counter(first), Counter(second)
    expected = sum(rates_first[k] * rates_second[k] for k in rates_first) / (n * n)
    if expected >= 1:
        return None
    return (observed - expected) / (1 - expected)


def strength(kappa: float | None) -> str:
    """Landis and Koch's words for a kappa, the scale most coding studies quote."""
    if kappa is None:
        return "not enough variation"
    if kappa < 0:
        return "poor"
    for limit, words in ((0.2, "slight"), (0.4, "fair"), (0.6, "moderate"), (0.8, "substantial")):
        if kappa <= limit:
            return words
    return "almost perfect"


@dataclass(frozen=True)
class Pair:
    """Two blind codings of one report: the set of factor keys each chose, and when the pair closed."""

    first: frozenset[str]
    second: frozenset[str]
    period: str  # e.g. "2026 Q4"
    # Single choices of each coder, by name: {"error type": ("slip", "lapse"), "risk band": ("high", "high")}
    choices: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class CodeAgreement:
    key: str
    kappa: float | None
    reports: int
    both: int  # reports on which both coders used the code
    either: int  # reports on which at least one did
    by_period: dict[str, float | None]

    @property
    def strength(self) -> str:
        return strength(self.kappa)


def per_code(pairs: Sequence[Pair], keys: Sequence[str]) -> list[CodeAgreement]:
    """Kappa for each code over every pair, and within each period. A code counts as a yes/no call on
    every double-coded report, whether or not either coder used it there."""
    periods = sorted({pair.period for pair in pairs})
    rows = []
    for key in keys:
        calls = [(key in pair.first, key in pair.second, pair.period) for pair in pairs]
        rows.append(CodeAgreement(
            key=key,
            kappa=cohens_kappa([a for a, _b, _p in calls], [b for _a, b, _p in calls]),
            reports=len(calls),
            both=sum(a and b for a, b, _p in calls),
            either=sum(a or b for a, b, _p in calls),
            by_period={period: cohens_kappa([a for a, _b, p in calls if p == period],
                                            [b for _a, b, p in calls if p == period]) for period in periods},
        ))
    return rows


def quarter(at) -> str:
    return f"{at.year} Q{(at.month - 1) // 3 + 1}"


def per_choice(pairs: Sequence[Pair]) -> list[tuple[str, float | None]]:
    """Kappa of each single-choice question (the error type, the risk band) over every pair, its
    answers taken as categories ("" for none is a category too)."""
    names = list(dict.fromkeys(name for pair in pairs for name, _a, _b in pair.choices))
    results = []
    for name in names:
        calls = [(a, b) for pair in pairs for n, a, b in pair.choices if n == name]
        results.append((name, cohens_kappa([a for a, _b in calls], [b for _a, b in calls])))
    return results
