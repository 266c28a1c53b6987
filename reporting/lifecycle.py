"""The report lifecycle as an explicit state machine: received → in review → coded → closed."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from protection import services as protection
from protection.models import SealedRecord
from reporting.choices import Status
from reporting.feedback import ClosingFeedback
from reporting.feedback import deidentify as deidentify_feedback
from reporting.feedback import record as record_feedback
from reporting.models import Report, StatusChange
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


def transition(report: Report, to_status: str, *, by, note: str = "",
               feedback: ClosingFeedback | None = None) -> StatusChange:
    """Move a report on and record who did it. Closing needs feedback for the reporter, in two parts;
    it is de-identified before the move, outside the transaction that locks the report."""
    if to_status == Status.CLOSED:
        if feedback is None or feedback.problems():
            problems = feedback.problems() if feedback else {}
            raise TransitionError(next(iter(problems.values()), _("Write the feedback for the reporter before "
                                                                    "closing the report.")))
        _check_allowed(report.status, to_status)
        feedback = deidentify_feedback(report, feedback)
        note = feedback.as_message()
    return _move(report, to_status, by=by, note=note.strip(), feedback=feedback)


def _check_allowed(current: str, to_status: str) -> None:
    if to_status not in TRANSITIONS.get(current, ()):
        raise TransitionError(
            _("A report that is “%(current)s” cannot move to “%(target)s”.")
            % {"current": Status(current).label, "target": Status(to_status).label if to_status in Status.values else to_status}
        )


@transaction.atomic
def _move(report: Report, to_status: str, *, by, note: str, feedback: ClosingFeedback | None) -> StatusChange:
    locked = Report.objects.select_for_update().get(pk=report.pk)
    _check_allowed(locked.status, to_status)
    change = StatusChange.objects.create(report=locked, from_status=locked.status, to_status=to_status,
                                         changed_by=by, note=note)
    locked.status = to_status
    locked.save(update_fields=["status", "updated_at"])
    if to_status == Status.CLOSED and feedback is not None:
        record_feedback(locked, change, feedback, by=by)
        # As ASRS does: once the follow-up is over, the confidential reporter's identity is destroyed.
        protection.destroy(locked.organisation_id, subject_for(locked), SealedRecord.Kind.IDENTITY,
                           reason="report closed")
    report.status = to_status
    return change


def history(report: Report) -> list[StatusChange]:
    return list(report.status_changes.select_related("changed_by"))
