"""The shapes narrative pieces come in, and the one rule for which pieces fit a situation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reporting.choices import Agency, PotentialHarm, ReportKind, ServiceArea, Stage

# Placeholders: {child} {child_full} {child2} {age_paren} {c_he} {c_him} {c_his} {parent} {partner}
# {adult} {age_paren} {a_he} {a_him} {a_his} {carer} {carer_short} {person} {p_he} {p_him} {p_his}
# {address} {street} {school} {hospital} {on_date} {phone} {email} {ref_paren} {colleague}
# {nhs_paren}. Each has an invented specific value and a generic one ("the child", "mum", "school").

CHILD, ADULT, MH, ANY = "child", "adult", "mh", "any"
NEAR, INCIDENT, WELL, WORRY = ReportKind.NEAR_MISS, ReportKind.INCIDENT, ReportKind.GOOD_PRACTICE, ReportKind.CONCERN

A = Agency
S = Stage
H = PotentialHarm

CHILD_AREAS = (ServiceArea.CHILDREN, ServiceArea.EARLY_HELP, ServiceArea.FOSTERING_ADOPTION, ServiceArea.RESIDENTIAL,
               ServiceArea.LEAVING_CARE)
# Children living at home (as opposed to in care), where core groups, nurseries and parents' post belong.
AT_HOME = (ServiceArea.CHILDREN, ServiceArea.EARLY_HELP)


@dataclass(frozen=True)
class Situation:
    key: str
    area: str
    group: str
    stages: tuple[str, ...]
    agencies: tuple[str, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Slip:
    """What went wrong (near miss, incident), what went well (good practice) or what worries (concern)."""

    key: str
    kind: str
    groups: tuple[str, ...]
    theme: str
    harm: tuple[int, ...]
    text: str
    harm_texts: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    situations: tuple[str, ...] = ()  # only after these situations (keys), when set


@dataclass(frozen=True)
class Block:
    text: str
    groups: tuple[str, ...] = (ANY,)
    areas: tuple[str, ...] = ()  # empty: any area of the groups
    stages: tuple[str, ...] = ()  # empty: any stage
    skip: tuple[str, ...] = ()  # situations (keys) it doesn't fit


def fitting(blocks: Iterable[Block], situation: Situation, stage: str) -> list[Block]:
    return [b for b in blocks if situation.key not in b.skip and suits(situation, stage, b.groups, b.areas, b.stages)]


def suits(situation: Situation, stage: str, groups: tuple[str, ...], areas: tuple[str, ...],
          stages: tuple[str, ...]) -> bool:
    """The rule blocks and slips share: empty areas or stages mean any; a piece for ANY goes with any group."""
    if (areas and situation.area not in areas) or (stages and stage not in stages):
        return False
    return ANY in groups or situation.group in groups
