"""What an equality profile may hold: the ONS 2021 Census questions for England and Wales, each with
"Prefer not to say", because every answer is voluntary.

Ethnic group is the census's two-step question: 5 high-level groups, 19 detailed categories. The
high-level group names are the ones ONS uses for 2021 Census results in England and Wales.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

PREFER_NOT_TO_SAY = "prefer_not_to_say"


class EthnicGroup(models.TextChoices):
    """The high-level groups. White is the reference group, as in the NHS Workforce Race Equality Standard."""

    WHITE = "white", _("White")
    MIXED = "mixed", _("Mixed or Multiple ethnic groups")
    ASIAN = "asian", _("Asian, Asian British or Asian Welsh")
    BLACK = "black", _("Black, Black British, Black Welsh, Caribbean or African")
    OTHER = "other", _("Other ethnic group")


class Ethnicity(models.TextChoices):
    """The 19 detailed categories, each prefixed by its high-level group's value."""

    WHITE_BRITISH = "white_british", _("English, Welsh, Scottish, Northern Irish or British")
    WHITE_IRISH = "white_irish", _("Irish")
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", _("Gypsy or Irish Traveller")
    WHITE_ROMA = "white_roma", _("Roma")
    WHITE_OTHER = "white_other", _("Any other White background")
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean", _("White and Black Caribbean")
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", _("White and Black African")
    MIXED_WHITE_ASIAN = "mixed_white_asian", _("White and Asian")
    MIXED_OTHER = "mixed_other", _("Any other Mixed or Multiple ethnic background")
    ASIAN_INDIAN = "asian_indian", _("Indian")
    ASIAN_PAKISTANI = "asian_pakistani", _("Pakistani")
    ASIAN_BANGLADESHI = "asian_bangladeshi", _("Bangladeshi")
    ASIAN_CHINESE = "asian_chinese", _("Chinese")
    ASIAN_OTHER = "asian_other", _("Any other Asian background")
    BLACK_CARIBBEAN = "black_caribbean", _("Caribbean")
    BLACK_AFRICAN = "black_african", _("African")
    BLACK_OTHER = "black_other", _("Any other Black, Black British or Caribbean background")
    OTHER_ARAB = "other_arab", _("Arab")
    OTHER_ANY = "other_any", _("Any other ethnic group")
    PREFER_NOT = PREFER_NOT_TO_SAY, _("Prefer not to say")


def high_level_group(ethnicity: str) -> str | None:
    """The high-level group of a detailed category; None for "Prefer not to say" (or an unknown value)."""
    prefix = ethnicity.split("_", 1)[0]
    return prefix if ethnicity in Ethnicity.values and prefix in EthnicGroup.values else None


class Disability(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT = PREFER_NOT_TO_SAY, _("Prefer not to say")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    PREFER_NOT = PREFER_NOT_TO_SAY, _("Prefer not to say")
