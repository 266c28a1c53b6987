"""The risk rating: consequence × likelihood on a 5×5 matrix, NHS style.

The consequence is the potential harm, the worst that could credibly have happened: for a near miss
that is what matters, since the actual harm is usually none. An organisation can set its own band
for any cell; the default bands are the NHS ones (score 1–3 low, 4–6 moderate, 8–12 high, 15–25
extreme). A band is always shown with its words and score, never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SIZE = 5


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    tag_class: str  # the GOV.UK tag colour; the label carries the meaning


BANDS: dict[str, Band] = {
    "low": Band("low", _("Low risk"), "govuk-tag--green"),
    "moderate": Band("moderate", _("Moderate risk"), "govuk-tag--yellow"),
    "high": Band("high", _("High risk"), "govuk-tag--orange"),
    "extreme": Band("extreme", _("Extreme risk"), "govuk-tag--red"),
}


def nhs_band(score: int) -> str:
    if score <= 3:
        return "low"
    if score <= 6:
        return "moderate"
    if score <= 12:
        return "high"
    return "extreme"


def default_matrix() -> list[list[str]]:
    """bands[likelihood - 1][consequence - 1], from the NHS score thresholds."""
    return [[nhs_band(likelihood * consequence) for consequence in range(1, SIZE + 1)]
            for likelihood in range(1, SIZE + 1)]


class MatrixError(ValueError):
    pass


def check_matrix(bands: object) -> list[list[str]]:
    """The matrix if it is 5×5 of known bands, and never rates a worse cell lower than a better one."""
    if (not isinstance(bands, list) or len(bands) != SIZE
            or any(not isinstance(row, list) or len(row) != SIZE for row in bands)):
        raise MatrixError(_("The matrix must have five rows of five cells."))
    if any(cell not in BANDS for row in bands for cell in row):
        raise MatrixError(_("Every cell must be one of the bands: low, moderate, high or extreme."))
    order = list(BANDS)
    for likelihood in range(SIZE):
        for consequence in range(SIZE):
            here = order.index(bands[likelihood][consequence])
            if likelihood and order.index(bands[likelihood - 1][consequence]) > here:
                raise MatrixError(_("A more likely recurrence cannot have a lower band than a less likely one."))
            if consequence and order.index(bands[likelihood][consequence - 1]) > here:
                raise MatrixError(_("A worse consequence cannot have a lower band than a milder one."))
    return bands


@dataclass(frozen=True)
class Rating:
    consequence: int
    likelihood: int
    score: int
    band: Band

    @property
    def label(self) -> str:
        return str(self.band.label)


def rate(consequence: int, likelihood: int, bands: list[list[str]] | None = None) -> Rating:
    """The rating of one cell of the matrix (the default NHS one unless `bands` is given)."""
    if not (1 <= consequence <= SIZE and 1 <= likelihood <= SIZE):
        raise MatrixError(_("Consequence and likelihood are each rated from 1 to 5."))
    bands = bands or default_matrix()
    return Rating(consequence, likelihood, consequence * likelihood, BANDS[bands[likelihood - 1][consequence - 1]])


def band(key: str) -> Band:
    return BANDS.get(key, BANDS["extreme"])
