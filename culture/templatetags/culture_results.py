"""Reading a construct's mean out of a group's figures, for the results tables."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def score(means: dict | None, construct: str) -> str:
    """The mean to one decimal place, or "" when the group's figures are hidden."""
    if not means or construct not in means:
        return ""
    return number_format(means[construct], 1)
