"""The relative likelihood of an outcome in one group compared with a reference group, with its 95%
confidence interval, as the NHS Workforce Race Equality Standard reports disciplinary disproportionality.

    relative rate  RR = (a / n1) / (c / n2)
    a  = reports in the group with the outcome,  n1 = reports in the group
    c  = reports in the reference group with it,  n2 = reports in the reference group

The interval is Katz's log method: SE(ln RR) = sqrt(1/a - 1/n1 + 1/c - 1/n2), and the bounds are
exp(ln RR -/+ 1.96 SE). It needs a and c above zero. When either is zero, 0.5 is added to every cell
of the 2 by 2 table (the Haldane-Anscombe correction): a and c gain 0.5, and n1 and n2 gain 1 (each
is its outcome and no-outcome cells). When both are zero there is nothing to compare, and no ratio.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

Z_95 = NormalDist().inv_cdf(0.975)  # 1.959964...
CONTINUITY_CORRECTION = 0.5


@dataclass(frozen=True)
class RelativeRate:
    ratio: float
    lower: float
    upper: float
    corrected: bool  # the continuity correction was applied because a or c was zero

    @property
    def includes_one(self) -> bool:
        """The interval includes 1: these numbers cannot tell the group's rate from the reference group's."""
        return self.lower <= 1.0 <= self.upper


def relative_rate(a: int, n1: int, c: int, n2: int) -> RelativeRate | None:
    """RR of group (a of n1) against reference (c of n2), with its 95% interval; None when it cannot be
    worked out (an empty group, or no outcome in either group)."""
    if not (0 <= a <= n1 and 0 <= c <= n2):
        raise ValueError("An outcome count cannot be negative or more than its group's total")
    if n1 == 0 or n2 == 0 or (a == 0 and c == 0):
        return None
    corrected = a == 0 or c == 0
    if corrected:
        k = CONTINUITY_CORRECTION
        a_, n1_, c_, n2_ = a + k, n1 + 2 * k, c + k, n2 + 2 * k
    else:
        a_, n1_, c_, n2_ = float(a), float(n1), float(c), float(n2)
    ratio = (a_ / n1_) / (c_ / n2_)
    se = math.sqrt(1 / a_ - 1 / n1_ + 1 / c_ - 1 / n2_)
    log_ratio = math.log(ratio)
    return RelativeRate(ratio, math.exp(log_ratio - Z_95 * se), math.exp(log_ratio + Z_95 * se), corrected)
