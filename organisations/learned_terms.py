"""The learned terms as an admin reads them: each term with what it does, who taught it and when.
The terms themselves, and removing one, belong to protection (protection.learned_terms)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from protection.redaction import TERM_LABELS

if TYPE_CHECKING:  # types only
    from protection.models import TermRule

ALLOW = "allow"
# What removing a term changes, said on the confirmation page and after removing it.
AFTER_REMOVAL: dict[str, str] = {
    ALLOW: _("From the next report on, the engine redacts these words again wherever it finds them."),
    "deny": _("From the next report on, these words are redacted only where the engine finds them itself."),
}


@dataclass(frozen=True)
class TermRow:
    id: int
    term: str
    kind: str  # "allow" or "deny"
    redacted_as: str  # for a deny term, what its words are redacted as; "" for an allow term
    added_by: str
    added_on: datetime


def rows(terms: list[TermRule]) -> list[TermRow]:
    """The terms in plain words. Who taught a term is the reviewer who confirmed the check it came
    from; a term kept without one (before this was recorded, or by the system) says so."""
    ids = {rule.created_by_id for rule in terms if rule.created_by_id is not None}
    names = dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "username")) if ids else {}
    return [TermRow(
        id=rule.pk, term=rule.term, kind=rule.kind,
        redacted_as="" if rule.kind == ALLOW else str(TERM_LABELS.get(rule.label, rule.label)),
        added_by=(str(_("Before this was recorded")) if rule.created_by_id is None
                  else names.get(rule.created_by_id) or str(_("An account since deleted"))),
        added_on=rule.created_at,
    ) for rule in terms]
