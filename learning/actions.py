"""Actions and recommendations: every write goes through here, each move through an explicit table,
and each change leaves a row in the action's history (ActionEvent) with who and when.

History is never deleted with a link: a report taken off an action (or deleted by retention) stays in
the history by its reference. An action moves from done to verified effective, or not, only through
an effectiveness review (learning.effectiveness.verify), with the counts it was decided on.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from coding import taxonomy
from intelligence import themes
from organisations.permissions import MANAGE_ACTIONS
from organisations.services import OrgAccess, members_of
from protection import redaction
from protection.audit import audit
from reporting import services as reporting

from . import action_strength
from .models.actions import Action, ActionEvent, ActionFactor, ActionReport, ActionStatus, ActionTheme, Level, Strength

if TYPE_CHECKING:
    from intelligence.models import Theme

DESCRIPTION_MAX = 2000
OPEN = (ActionStatus.PROPOSED, ActionStatus.AGREED, ActionStatus.IN_PROGRESS)
FINISHED = (ActionStatus.DONE, ActionStatus.EFFECTIVE, ActionStatus.NOT_EFFECTIVE)

# The moves a person may make. Backward moves undo an agreement or reopen work; a not-effective
# action can be taken up again. Done → effective or not effective is missing on purpose: only
# learning.effectiveness.verify makes it, with the evidence it was decided on.
def _to(*statuses: object) -> frozenset[str]:
    return frozenset(str(status) for status in statuses)


TRANSITIONS: dict[str, frozenset[str]] = {
    str(ActionStatus.PROPOSED): _to(ActionStatus.AGREED),
    str(ActionStatus.AGREED): _to(ActionStatus.PROPOSED, ActionStatus.IN_PROGRESS),
    str(ActionStatus.IN_PROGRESS): _to(ActionStatus.AGREED, ActionStatus.DONE),
    str(ActionStatus.DONE): _to(ActionStatus.IN_PROGRESS),
    str(ActionStatus.EFFECTIVE): _to(),
    str(ActionStatus.NOT_EFFECTIVE): _to(ActionStatus.IN_PROGRESS),
}
VERIFIED = _to(ActionStatus.EFFECTIVE, ActionStatus.NOT_EFFECTIVE)


class ActionError(ValueError):
    """A change the rules refuse, in words for the person who tried it."""


# ---- reading ------------------------------------------------------------------------------------

def actions_of(organisation_id: int) -> QuerySet[Action]:
    """The only way to list actions: always one organisation's."""
    return Action.objects.filter(organisation_id=organisation_id).select_related("owner")


def action_in(organisation_id: int, action_id: int) -> Action | None:
    return actions_of(organisation_id).filter(pk=action_id).first()


def is_overdue(action: Action, today: dt.date | None = None) -> bool:
    return bool(action.due_date and action.status in OPEN and action.due_date < (today or timezone.localdate()))


@dataclass(frozen=True)
class ActionFilters:
    status: str = ""
    level: str = ""
    strength: str = ""
    overdue: bool = False
    owner_id: int | None = None


def filtered(organisation_id: int, filters: ActionFilters, today: dt.date | None = None) -> QuerySet[Action]:
    found = actions_of(organisation_id)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.level:
        found = found.filter(level=filters.level)
    if filters.strength:
        found = found.filter(strength=filters.strength)
    if filters.overdue:
        found = found.filter(status__in=OPEN, due_date__lt=today or timezone.localdate())
    if filters.owner_id:
        found = found.filter(owner_id=filters.owner_id)
    return found


def possible_owners(organisation) -> list:
    """Members who may own an action: those allowed to move it."""
    return [membership.user for membership in members_of(organisation)
            if OrgAccess(organisation, membership.role).can(MANAGE_ACTIONS)]


def _owner_in(organisation, owner_id: int | None):
    if owner_id is None:
        return None
    for user in possible_owners(organisation):
        if user.pk == owner_id:
            return user
    raise ActionError(_("Choose an owner from the members who manage actions."))


def report_exists(organisation, reference: str) -> bool:
    return reporting.report_in_organisation(organisation, reference) is not None


def linked_reports(action: Action) -> list[str]:
    """The references of the reports the action answers."""
    ids = action.report_links.values_list("report_id", flat=True)
    return sorted(reporting.reports_with_ids(action.organisation_id, ids).values_list("reference", flat=True))


def linked_themes(action: Action) -> list[Theme]:
    ids = set(action.theme_links.values_list("theme_id", flat=True))
    return [theme for theme in themes.all_themes(action.organisation_id) if theme.pk in ids]


def linked_codes(action: Action) -> list:
    codes = taxonomy.codes_by_pk(action.organisation_id, action.factor_links.values_list("code_id", flat=True))
    return sorted(codes.values(), key=lambda code: code.name)


def factor_choices(organisation) -> list[tuple[int, str]]:
    return [(code.pk, code.name) for code in taxonomy.choosable(organisation, "factor")]


def history(action: Action) -> list[ActionEvent]:
    return list(action.events.select_related("by"))


# ---- writing ------------------------------------------------------------------------------------

def deidentified(organisation_id: int, text: str) -> str:
    """Staff other than the author read an action's description, so it is de-identified with the
    organisation's own settings, as a report's narrative is. The typed text is not kept."""
    return redaction.redact_staff_texts(organisation_id, {"text": text})["text"]


@dataclass(frozen=True)
class ActionInput:
    description: str
    level: str
    owner_id: int | None = None
    due_date: dt.date | None = None


def _clean(data: ActionInput) -> tuple[str, str]:
    description = (data.description or "").strip()
    if not description:
        raise ActionError(_("Describe the action."))
    if len(description) > DESCRIPTION_MAX:
        raise ActionError(_("Keep the description to %(n)s characters.") % {"n": DESCRIPTION_MAX})
    if data.level not in Level.values:
        raise ActionError(_("Choose what the action changes."))
    return description, data.level


def _event(action: Action, kind: str, *, by, detail: str = "", from_status: str = "", to_status: str = "") -> None:
    ActionEvent.objects.create(action=action, kind=kind, by=by, detail=detail, from_status=from_status,
                               to_status=to_status, at=timezone.now())


def _subject(action: Action) -> str:
    return f"action:{action.pk}"


def _classify(action: Action) -> None:
    if not action.strength_overridden:
        found = action_strength.classify(action.description, action.level)
        action.strength, action.strength_reason = found.strength, found.reason


@transaction.atomic
def create_action(access: OrgAccess, data: ActionInput, *, by, theme_ids: Sequence[int] = (),
                  report_references: Sequence[str] = (), code_ids: Sequence[int] = ()) -> Action:
    organisation = access.organisation
    description, level = _clean(data)
    owner = _owner_in(organisation, data.owner_id)
    action = Action(organisation=organisation, description=deidentified(organisation.pk, description), level=level,
                    owner=owner, due_date=data.due_date, created_by=by)
    _classify(action)
    action.save()
    _event(action, "created", by=by, to_status=action.status,
           detail=_("Strength %(strength)s: %(reason)s") % {"strength": action.get_strength_display(),
                                                             "reason": action.strength_reason})
    audit("action.create", actor=by, organisation_id=organisation.pk, subject=_subject(action),
          detail={"level": level, "strength": action.strength})
    for theme_id in theme_ids:
        link_theme(access, action, theme_id, by=by)
    for reference in report_references:
        link_report(access, action, reference, by=by)
    for code_id in code_ids:
        link_factor(access, action, code_id, by=by)
    return action


@transaction.atomic
def edit_action(access: OrgAccess, action: Action, data: ActionInput, *, by) -> Action:
    description, level = _clean(data)
    owner = _owner_in(access.organisation, data.owner_id)
    action = Action.objects.select_for_update().get(pk=action.pk, organisation=access.organisation)
    changed = []
    new_description = deidentified(action.organisation_id, description)
    if new_description != action.description:
        action.description = new_description
        changed.append(("description", _("description")))
    if level != action.level:
        action.level = level
        changed.append(("level", _("level")))
    if owner != action.owner:
        action.owner = owner
        changed.append(("owner", _("owner")))
    if data.due_date != action.due_date:
        action.due_date = data.due_date
        changed.append(("due_date", _("due date")))
    if not changed:
        return action
    before = action.strength
    _classify(action)
    action.updated_at = timezone.now()
    action.save()
    detail = _("Changed: %(fields)s.") % {"fields": ", ".join(str(label) for _key, label in changed)}
    if action.strength != before:
        detail += " " + _("Strength now %(strength)s: %(reason)s") % {
            "strength": action.get_strength_display(), "reason": action.strength_reason}
    _event(action, "edited", by=by, detail=detail)
    audit("action.edit", actor=by, organisation_id=action.organisation_id, subject=_subject(action),
          detail={"changed": [key for key, _label in changed]})
    return action


def allowed_moves(action: Action) -> list[str]:
    return [status for status in ActionStatus.values if status in TRANSITIONS[action.status]]


@transaction.atomic
def move(access: OrgAccess, action: Action, to_status: str, *, by, note: str = "") -> Action:
    """Move the action along its lifecycle, or refuse with the reason."""
    if to_status not in ActionStatus.values:
        raise ActionError(_("That is not a status an action can have."))
    action = Action.objects.select_for_update().get(pk=action.pk, organisation=access.organisation)
    if to_status in VERIFIED:
        raise ActionError(_("An action is verified effective or not effective through its effectiveness review, "
                            "with the counts it was decided on."))
    if to_status not in TRANSITIONS[action.status]:
        raise ActionError(_("An action that is %(from)s cannot be moved to %(to)s.") % {
            "from": ActionStatus(action.status).label.lower(), "to": ActionStatus(to_status).label.lower()})
    return _record_move(action, to_status, by=by, note=note)


def _record_move(action: Action, to_status: str, *, by, note: str = "") -> Action:
    """Write the move and its history row; the caller holds the action's row locked."""
    previous = action.status
    now = timezone.now()
    action.status = to_status
    if to_status == ActionStatus.DONE:
        action.done_at = now
    elif to_status in OPEN:
        action.done_at = None  # reopened: its effectiveness is reviewed from when it is done again
    action.updated_at = now
    action.save(update_fields=["status", "done_at", "updated_at"])
    _event(action, "status", by=by, from_status=previous, to_status=to_status,
           detail=deidentified(action.organisation_id, note.strip()) if note.strip() else "")
    audit("action.status", actor=by, organisation_id=action.organisation_id, subject=_subject(action),
          detail={"from": previous, "to": to_status})
    return action


def record_verification(action: Action, to_status: str, *, by, evidence: str) -> Action:
    """Done → effective or not effective, for learning.effectiveness.verify (which holds the lock and
    has checked the review); the evidence is the review's counts in words."""
    if action.status != ActionStatus.DONE or to_status not in VERIFIED:
        raise ActionError(_("Only a done action can be verified effective or not effective."))
    previous = action.status
    action.status, action.updated_at = to_status, timezone.now()
    action.save(update_fields=["status", "updated_at"])
    _event(action, "status", by=by, from_status=previous, to_status=to_status, detail=evidence)
    audit("action.status", actor=by, organisation_id=action.organisation_id, subject=_subject(action),
          detail={"from": previous, "to": to_status})
    return action


@transaction.atomic
def override_strength(access: OrgAccess, action: Action, strength: str, *, by, reason: str = "") -> Action:
    """A person knows better than the rules: their choice stands, recorded with what the rules said."""
    if strength not in Strength.values:
        raise ActionError(_("Choose strong, moderate or weak."))
    action = Action.objects.select_for_update().get(pk=action.pk, organisation=access.organisation)
    computed = action_strength.classify(action.description, action.level)
    reason = reason.strip()
    action.strength, action.strength_overridden = strength, True
    action.strength_reason = (deidentified(action.organisation_id, reason) if reason
                              else _("Chosen by %(name)s") % {"name": by.get_username()})
    action.updated_at = timezone.now()
    action.save(update_fields=["strength", "strength_overridden", "strength_reason", "updated_at"])
    _event(action, "strength", by=by, detail=_("Strength set to %(chosen)s (the rules said %(computed)s: %(why)s)") % {
        "chosen": action.get_strength_display(), "computed": Strength(computed.strength).label, "why": computed.reason})
    audit("action.strength_override", actor=by, organisation_id=action.organisation_id, subject=_subject(action),
          detail={"strength": strength, "computed": computed.strength})
    return action


# ---- links --------------------------------------------------------------------------------------

def _linked(action: Action, *, by, kind: str, detail: str) -> None:
    _event(action, kind, by=by, detail=detail)
    audit("action.link" if kind.startswith("link") else "action.unlink", actor=by,
          organisation_id=action.organisation_id, subject=_subject(action), detail={"kind": kind})


@transaction.atomic
def link_report(access: OrgAccess, action: Action, reference: str, *, by) -> None:
    report = reporting.report_in_organisation(access.organisation, (reference or "").strip().upper())
    if report is None:
        raise ActionError(_("There is no report with that reference."))
    _link, made = ActionReport.objects.get_or_create(action=action, report_id=report.pk)
    if made:
        _linked(action, by=by, kind="link_report", detail=report.reference)


@transaction.atomic
def unlink_report(access: OrgAccess, action: Action, reference: str, *, by) -> None:
    """The link goes; the history keeps the report's reference."""
    report = reporting.report_in_organisation(access.organisation, (reference or "").strip().upper())
    if report is None or not ActionReport.objects.filter(action=action, report_id=report.pk).delete()[0]:
        raise ActionError(_("That report is not linked to this action."))
    _linked(action, by=by, kind="unlink_report", detail=report.reference)


@transaction.atomic
def link_theme(access: OrgAccess, action: Action, theme_id: int, *, by) -> None:
    theme = themes.theme_in(access.organisation.pk, theme_id)
    if theme is None:
        raise ActionError(_("There is no such theme."))
    _link, made = ActionTheme.objects.get_or_create(action=action, theme_id=theme.pk)
    if made:
        _linked(action, by=by, kind="link_theme", detail=theme.label)


@transaction.atomic
def unlink_theme(access: OrgAccess, action: Action, theme_id: int, *, by) -> None:
    theme = themes.theme_in(access.organisation.pk, theme_id)
    if theme is None or not ActionTheme.objects.filter(action=action, theme_id=theme.pk).delete()[0]:
        raise ActionError(_("That theme is not linked to this action."))
    _linked(action, by=by, kind="unlink_theme", detail=theme.label)


@transaction.atomic
def link_factor(access: OrgAccess, action: Action, code_id: int, *, by) -> None:
    code = taxonomy.code_of(access.organisation, code_id)
    if code is None:
        raise ActionError(_("There is no such contributing factor."))
    _link, made = ActionFactor.objects.get_or_create(action=action, code_id=code.pk)
    if made:
        _linked(action, by=by, kind="link_factor", detail=code.name)


@transaction.atomic
def unlink_factor(access: OrgAccess, action: Action, code_id: int, *, by) -> None:
    code = taxonomy.code_of(access.organisation, code_id)
    if code is None or not ActionFactor.objects.filter(action=action, code_id=code.pk).delete()[0]:
        raise ActionError(_("That contributing factor is not linked to this action."))
    _linked(action, by=by, kind="unlink_factor", detail=code.name)


# ---- the balance of the plan --------------------------------------------------------------------

WEAK_SHARE_FLAG = 0.5  # more than half the plan weak: flagged
WEAK_FLAG_MIN_ACTIONS = 3  # one weak action out of one is not yet a plan


@dataclass(frozen=True)
class Balance:
    """Actions by level and strength. Actions are not reports: these counts name no reporter and are
    shown as they are."""

    levels: list[tuple[str, str]]  # (value, label)
    strengths: list[tuple[str, str]]
    cells: dict[tuple[str, str], int]
    total: int
    weak: int
    double_loop: int

    def by_level(self) -> dict[str, int]:
        return {level: sum(self.cells.get((level, s), 0) for s, _l in self.strengths) for level, _l in self.levels}

    def by_strength(self) -> dict[str, int]:
        return {s: sum(self.cells.get((level, s), 0) for level, _l in self.levels) for s, _l in self.strengths}

    @property
    def weak_dominated(self) -> bool:
        return self.total >= WEAK_FLAG_MIN_ACTIONS and self.weak / self.total > WEAK_SHARE_FLAG


def balance(organisation_id: int) -> Balance:
    """The plan: actions not yet found ineffective (open, done or verified effective)."""
    rows = (actions_of(organisation_id).exclude(status=ActionStatus.NOT_EFFECTIVE).order_by()
            .values_list("level", "strength"))
    cells = Counter(rows)
    total = sum(cells.values())
    return Balance(levels=list(Level.choices), strengths=list(Strength.choices), cells=dict(cells), total=total,
                   weak=sum(n for (_level, strength), n in cells.items() if strength == Strength.WEAK),
                   double_loop=sum(n for (level, _s), n in cells.items() if level == Level.RULE_OR_TARGET))

