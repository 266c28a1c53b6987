from django import template

from coding import risk
from reporting.choices import Stage

register = template.Library()


@register.filter
def saved_rating(coding) -> risk.Rating:
    """The rating a coding was given when saved: its band then, even if the matrix has changed since."""
    return risk.Rating(coding.potential_harm, coding.likelihood, coding.risk_score, risk.band(coding.risk_band))


@register.filter
def stage_label(value: str) -> str:
    return str(Stage(value).label) if value in Stage.values else value


@register.filter
def kappa(value) -> str:
    return "–" if value is None else f"{value:.2f}"


@register.filter
def metrics(evaluation) -> list[tuple[str, str]]:
    """A model's evaluation, its plain numbers only, for a table cell."""
    if not isinstance(evaluation, dict):
        return []
    return [(str(name), f"{value:.3f}" if isinstance(value, float) else str(value))
            for name, value in evaluation.items() if isinstance(value, int | float) and not isinstance(value, bool)]


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)


@register.filter
def index(sequence, position: int):
    return sequence[position]
