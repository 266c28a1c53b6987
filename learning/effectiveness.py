"""Did it work? After an action has been done for GOODCATCH_EFFECTIVENESS_REVIEW_DAYS, count the
reports with its contributing factors or in its themes in two equal windows: the one before it was
done and the review period after. The counts come from the database; the answer from an exact test.

The test: if reports arrive as a Poisson process at the same rate in both windows, then given n
reports in all, the number after is Binomial(n, 1/2) (the conditional test for two Poisson rates
with equal exposure). A two-sided p below ALPHA answers "went down" or "went up"; otherwise "no clear
change". Below MIN_REPORTS in all, no test can tell, and the review says so.

Reporting rates change for other reasons too (a campaign, a new team): the verdict is evidence for
a person's judgement, which is why a reviewer, not this module, marks the action effective or not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from scipy.stats import binomtest

from coding import series as coding_series
from coding import taxonomy
from intelligence import themes
from organisations.services import OrgAccess
from protection import suppression
from protection.audit import audit
from reporting import services as reporting

from . import actions
from .models.actions import Action, ActionFactor, ActionStatus, ActionTheme, EffectivenessReview, Verdict

ALPHA = 0.05
MIN_REPORTS = 10
MIN_WINDOW_DAYS = 7


def review_days() -> int:
    return settings.GOODCATCH_EFFECTIVENESS_REVIEW_DAYS


@dataclass(frozen=True)
class Outcome:
    before: int
    after: int
    p_value: float | None
    verdict: str


def compare(before: int, after: int, *, alpha: float = ALPHA, min_reports: int = MIN_REPORTS) -> Outcome:
    """The verdict on two counts from windows of equal length."""
    n = before + after
    if n < min_reports:
        return Outcome(before, after, None, str(Verdict.TOO_FEW))
    p_value = float(binomtest(after, n, 0.5, alternative="two-sided").pvalue)
    if p_value >= alpha:
        return Outcome(before, after, p_value, str(Verdict.NO_CLEAR_CHANGE))
    return Outcome(before, after, p_value, str(Verdict.WENT_DOWN if after < before else Verdict.WENT_UP))


def _windows(done_at: dt.datetime, now: dt.datetime, days: int) -> tuple[dt.datetime, dt.datetime, int]:
    """(start of the window before, end of the window after, its length in days). Asked before the
    review period is over, the windows shrink to the days since it was done, both the same length."""
    elapsed = (now - done_at).days
    length = min(days, elapsed)
    if length < MIN_WINDOW_DAYS:
        raise actions.ActionError(_("An action must have been done for at least %(n)s days before its effect "
                                    "can be counted.") % {"n": MIN_WINDOW_DAYS})
    span = dt.timedelta(days=length)
    return done_at - span, done_at + span, length


def count_windows(action: Action, before_from: dt.datetime, done_at: dt.datetime, after_to: dt.datetime
                  ) -> tuple[int, int, str]:
    """Reports with any of the action's factor codes or in any of its themes, submitted in each window,
    counted by one query (a report in both a theme and a factor counts once); and what was counted."""
    organisation_id = action.organisation_id
    codes = taxonomy.codes_by_pk(organisation_id, ActionFactor.objects.filter(action=action)
                                 .values_list("code_id", flat=True))
    theme_ids = list(ActionTheme.objects.filter(action=action).values_list("theme_id", flat=True))
    if not codes and not theme_ids:
        raise actions.ActionError(_("Link a contributing factor or a theme first: the review counts their reports."))
    matching = Q()
    for code in codes.values():
        matching |= Q(pk__in=coding_series.reports_with_factor(organisation_id, code.key, before_from, after_to))
    for theme_id in theme_ids:
        matching |= Q(pk__in=themes.report_ids_query(organisation_id, theme_id))
    reports = reporting.readable_reports(organisation_id).filter(matching)
    counts = reports.aggregate(
        before=Count("pk", filter=Q(submitted_at__gte=before_from, submitted_at__lt=done_at)),
        after=Count("pk", filter=Q(submitted_at__gte=done_at, submitted_at__lt=after_to)))
    theme_names = [theme.label for theme in actions.linked_themes(action)]
    basis = "; ".join(filter(None, [
        _("factors: %(names)s") % {"names": ", ".join(sorted(c.name for c in codes.values()))} if codes else "",
        _("themes: %(names)s") % {"names": ", ".join(theme_names)} if theme_names else ""]))
    return counts["before"], counts["after"], basis


@transaction.atomic
def review(action: Action, *, now: dt.datetime | None = None) -> EffectivenessReview:
    """Compute and store the evidence for a done action."""
    now = now or timezone.now()
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.status != ActionStatus.DONE or action.done_at is None:
        raise actions.ActionError(_("Only a done action can be reviewed for its effect."))
    before_from, after_to, length = _windows(action.done_at, now, review_days())
    before, after, basis = count_windows(action, before_from, action.done_at, after_to)
    outcome = compare(before, after)
    return EffectivenessReview.objects.create(
        action=action, computed_at=now, window_days=length, before_from=before_from, done_at=action.done_at,
        after_to=after_to, before_count=before, after_count=after, p_value=outcome.p_value, verdict=outcome.verdict,
        basis=basis)


def latest_review(action: Action) -> EffectivenessReview | None:
    return action.effectiveness_reviews.first()


def reviews_of(action: Action) -> list[EffectivenessReview]:
    return list(action.effectiveness_reviews.select_related("decided_by"))


@dataclass(frozen=True)
class Shown:
    """A review as people see it: counts through small-number suppression, and a weekly rate only
    beside a count that is shown (the rate of a hidden count would give it away)."""

    review: EffectivenessReview
    before: suppression.Count
    after: suppression.Count
    before_weekly: str
    after_weekly: str


def shown(review_row: EffectivenessReview) -> Shown:
    weeks = review_row.window_days / 7
    before = suppression.suppress_count(review_row.before_count)
    after = suppression.suppress_count(review_row.after_count)

    def weekly(count: suppression.Count) -> str:
        return f"{count.value / weeks:.1f}" if count.value is not None else "–"

    return Shown(review_row, before, after, weekly(before), weekly(after))


def evidence_words(review_row: EffectivenessReview) -> str:
    """The review in one line for the action's history, with suppressed counts."""
    view = shown(review_row)
    return _("Effectiveness review of %(computed)s: %(verdict)s (%(days)s days before: %(before)s reports; "
             "%(days)s days after: %(after)s reports; %(basis)s).") % {
        "computed": timezone.localtime(review_row.computed_at).date().isoformat(),
        "verdict": review_row.get_verdict_display().lower(), "days": review_row.window_days,
        "before": view.before.display, "after": view.after.display, "basis": review_row.basis}


@transaction.atomic
def verify(access: OrgAccess, action: Action, review_id: int, decision: str, *, by) -> Action:
    """A person marks a done action verified effective or not effective, on a computed review."""
    if decision not in (ActionStatus.EFFECTIVE, ActionStatus.NOT_EFFECTIVE):
        raise actions.ActionError(_("Choose effective or not effective."))
    action = Action.objects.select_for_update().get(pk=action.pk, organisation=access.organisation)
    review_row = EffectivenessReview.objects.filter(action=action, pk=review_id).first()
    if review_row is None:
        raise actions.ActionError(_("Compute the effectiveness review first: the decision rests on its counts."))
    if review_row.done_at != action.done_at:
        raise actions.ActionError(_("That review counted an earlier round of this action: compute it again."))
    action = actions.record_verification(action, decision, by=by, evidence=evidence_words(review_row))
    review_row.decision, review_row.decided_by, review_row.decided_at = decision, by, timezone.now()
    review_row.save(update_fields=["decision", "decided_by", "decided_at"])
    audit("action.effectiveness_verified", actor=by, organisation_id=access.organisation.pk,
          subject=f"action:{action.pk}", detail={"decision": decision, "verdict": review_row.verdict})
    return action


def due_for_review(now: dt.datetime | None = None):
    """Done actions whose review period is over and that have no review of this round yet."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=review_days())
    done = Action.objects.filter(status=ActionStatus.DONE, done_at__lte=cutoff)
    return [action for action in done
            if not EffectivenessReview.objects.filter(action=action, done_at=action.done_at,
                                                      window_days__gte=review_days()).exists()]


def review_due(now: dt.datetime | None = None) -> int:
    """The periodic task's work: review every action that is due; returns how many were reviewed. An
    action with nothing linked to count is passed by (its page asks for a factor or a theme)."""
    reviewed = 0
    for action in due_for_review(now):
        try:
            review(action, now=now)
        except actions.ActionError:
            continue
        reviewed += 1
    return reviewed
