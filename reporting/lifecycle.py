"""The report lifecycle as an explicit state machine: received → in review → coded → closed."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from protection import services as protection
from protection.models import SealedRecord
from reporting.choices import Status
from reporting.models import Message, Report, StatusChange
from reporting.subjects import subject_for

TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.RECEIVED: (Status.IN_REVIEW,),
    Status.IN_REVIEW: (Status.CODED, Status.RECEIVED),
    Status.CODED: (Status.CLOSED, Status.IN_REVIEW),
    Status.CLOSED: (Status.IN_REVIEW,),
}


class TransitionError(Exception):
    pass


def allowed_next(report: Report) -> tuple[str, ...]:
    return TRANSITIONS.get(report.status, ())


@transaction.atomic
def transition(report: Report, to_status: str, *, by, note: str = "") -> StatusChange:
    """Move a report on and record who did it. Closing needs feedback, which goes to the reporter."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if to_status not in TRANSITIONS.get(locked.status, ()):
        raise TransitionError(
            _("A report that is “%(current)s” cannot move to “%(target)s”.")
            % {"current": Status(locked.status).label, "target": Status(to_status).label if to_status in Status.values else to_status}
        )
    note = note.strip()
    if to_status == Status.CLOSED and not note:
        raise TransitionError(_("Write the feedback for the reporter before closing the report."))
    change = StatusChange.objects.create(report=locked, from_status=locked.status, to_status=to_status,
                                         changed_by=by, note=note)
    locked.status = to_status
    locked.save(update_fields=["status", "updated_at"])
    if to_status == Status.CLOSED:
        Message.objects.create(report=locked, author_kind=Message.Author.REVIEWER, reviewer=by, body=note)
        # As ASRS does: once the follow-up is over, the confidential reporter's identity is destroyed.
        protection.destroy(locked.organisation_id, subject_for(locked), SealedRecord.Kind.IDENTITY,
                           reason="report closed")
    report.status = to_status
    return change


def history(report: Report) -> list[StatusChange]:
    return list(report.status_changes.select_related("changed_by"))
