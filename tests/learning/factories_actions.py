"""Helpers for the actions tests: managers with their access, actions made through the services,
reports placed in time and in a theme (bulk, as the pipeline leaves them), and an email backend that fails."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from intelligence.models import ReportTheme, Theme
from learning import actions
from learning.models import Action
from organisations.models import Role
from organisations.services import access_for
from reporting.choices import DeidStatus, ReportKind
from reporting.models import Report
from tests.factories import member


def access(user, organisation):
    return access_for(user, organisation.slug)


def new_action(organisation, by, description: str = "Put a handover sheet on the duty desk for Friday discharges.",
               level: str = "tool_or_system", **kwargs) -> Action:
    theme_ids = kwargs.pop("theme_ids", [])
    references = kwargs.pop("report_references", [])
    code_ids = kwargs.pop("code_ids", [])
    return actions.create_action(access(by, organisation), actions.ActionInput(description=description, level=level,
                                                                                **kwargs),
                                 by=by, theme_ids=theme_ids, report_references=references, code_ids=code_ids)


def done_at(action: Action, when: datetime) -> Action:
    """Back-date an action's completion, as if it had been done then (the moves themselves are tested)."""
    Action.objects.filter(pk=action.pk).update(status="done", done_at=when)
    action.refresh_from_db()
    return action


def theme(organisation, label: str = "Friday discharges") -> Theme:
    return Theme.objects.create(organisation=organisation, auto_label=label)


def reports_in_theme(organisation, the_theme: Theme | None, n: int, when: datetime) -> list[Report]:
    """n confirmed reports submitted at `when` (spread over its day), in `the_theme` (None: in no theme)."""
    rows = [Report(organisation=organisation, reference=f"GC-{secrets.token_hex(4).upper()}", kind=ReportKind.NEAR_MISS,
                   receipt_hash=secrets.token_hex(32), submitted_at=when, updated_at=when,
                   deid_status=DeidStatus.CONFIRMED, what_happened="A de-identified account.") for _ in range(n)]
    made = Report.objects.bulk_create(rows)
    if the_theme is not None:
        ReportTheme.objects.bulk_create([ReportTheme(report=r, organisation=organisation, theme=the_theme,
                                                     month=when.date().replace(day=1)) for r in made])
    return made


def spread(organisation, the_theme, n: int, start: datetime, days: int) -> None:
    """n reports spread evenly over `days` days from `start`."""
    for i in range(n):
        reports_in_theme(organisation, the_theme, 1, start + timedelta(days=days * (i + 0.5) / n))


def manager_in(organisation, username: str = "manager-a", email: str = "owner@example.org"):
    return member(organisation, Role.MANAGER, username=username, email=email)


def now() -> datetime:
    return timezone.now()


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The mail server refused the connection")
