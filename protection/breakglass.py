"""Break-glass access to sealed data: a stated reason, a second approving person, an audit trail.

Only two purposes are allowed (see AccessRequest.Purpose). The caller checks roles; this module
enforces the rules that do not depend on who holds which role.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from protection import services as sealed
from protection.audit import audit
from protection.models import AccessRequest, SealedRecord

OPEN_WINDOW = timedelta(hours=24)


class BreakGlassError(Exception):
    pass


def request_access(organisation_id: int, subject: str, *, kind: str, purpose: str, reason: str, requester) -> AccessRequest:
    if purpose not in AccessRequest.Purpose.values:
        raise BreakGlassError("Sealed data can be opened only to follow up with a confidential reporter, "
                              "or for a just-culture finding of deliberate harm.")
    if kind not in SealedRecord.Kind.values:
        raise BreakGlassError("Unknown kind of sealed data.")
    reason = reason.strip()
    if len(reason) < 10:
        raise BreakGlassError("Give the reason in a sentence: the custodian and the reporter will read it.")
    if not SealedRecord.objects.filter(organisation_id=organisation_id, subject=subject, kind=kind,
                                       destroyed_at__isnull=True).exists():
        raise BreakGlassError("There is nothing sealed to open: it was never given or has been destroyed.")
    access = AccessRequest.objects.create(organisation_id=organisation_id, subject=subject, kind=kind, purpose=purpose,
                                          reason=reason, requested_by_id=requester.pk)
    audit("breakglass.request", actor=requester, organisation_id=organisation_id, subject=subject,
          detail={"request": access.pk, "kind": kind, "purpose": purpose, "reason": reason})
    return access


@transaction.atomic
def decide(access: AccessRequest, *, approver, approve: bool, reason: str) -> AccessRequest:
    access = AccessRequest.objects.select_for_update().get(pk=access.pk)
    if access.decision != AccessRequest.Decision.PENDING:
        raise BreakGlassError("This request has already been decided.")
    if approver.pk == access.requested_by_id:
        raise BreakGlassError("A second person must decide: you cannot approve your own request.")
    access.decision = AccessRequest.Decision.APPROVED if approve else AccessRequest.Decision.DECLINED
    access.decided_by_id = approver.pk
    access.decided_at = timezone.now()
    access.decision_reason = reason.strip()
    access.save()
    audit("breakglass.approve" if approve else "breakglass.decline", actor=approver,
          organisation_id=access.organisation_id, subject=access.subject,
          detail={"request": access.pk, "reason": access.decision_reason})
    return access


@transaction.atomic
def open_approved(access: AccessRequest, *, actor) -> dict[str, Any] | str:
    """Open the sealed data of an approved request, once, by the person who asked, within a day."""
    access = AccessRequest.objects.select_for_update().get(pk=access.pk)
    if access.decision != AccessRequest.Decision.APPROVED:
        raise BreakGlassError("This request has not been approved.")
    if actor.pk != access.requested_by_id:
        raise BreakGlassError("Only the person who asked can open it.")
    if access.opened_at is not None:
        raise BreakGlassError("This request was already used. Ask again if you need it again.")
    if timezone.now() - access.decided_at > OPEN_WINDOW:
        raise BreakGlassError("The approval has expired. Ask again.")
    value = sealed.open_sealed(access.organisation_id, access.subject, access.kind, actor=actor,
                               purpose=f"break-glass: {access.purpose}", detail={"request": access.pk})
    access.opened_at = timezone.now()
    access.save(update_fields=["opened_at"])
    return value


def requests_for(organisation_id: int, *, subject: str | None = None, decision: str | None = None):
    rows = AccessRequest.objects.filter(organisation_id=organisation_id)
    if subject:
        rows = rows.filter(subject=subject)
    if decision:
        rows = rows.filter(decision=decision)
    return rows.order_by("-requested_at")


def get_request(organisation_id: int, pk: int) -> AccessRequest | None:
    return AccessRequest.objects.filter(organisation_id=organisation_id, pk=pk).first()
