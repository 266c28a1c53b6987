"""An organisation's learned terms: words its reviewers taught the engine never to redact (allow,
from "keep these words") or always to redact (deny, from "words the engine missed").

A term is often a person's name, and one wrong "keep" would show that name in every later report.
So an admin can see each term with who taught it and when, and remove it; reading the list and
removing a term are audited, and the audit entry never holds the term itself, only its kind.
"""

from __future__ import annotations

from django.db import transaction

from protection.audit import audit
from protection.models import TermRule


def terms_of(organisation_id: int, *, actor) -> list[TermRule]:
    """The organisation's learned terms, allow terms first, each kind in alphabetical order (audited)."""
    terms = sorted(TermRule.objects.filter(organisation_id=organisation_id),
                   key=lambda rule: (rule.kind != TermRule.Kind.ALLOW, rule.term.lower()))
    audit("deid.terms_view", actor=actor, organisation_id=organisation_id,
          detail={"allow": sum(rule.kind == TermRule.Kind.ALLOW for rule in terms),
                  "deny": sum(rule.kind == TermRule.Kind.DENY for rule in terms)})
    return terms


def term_of(organisation_id: int, term_id: int, *, actor) -> TermRule | None:
    """One of the organisation's learned terms, or None (audited when found: it shows the term)."""
    rule = TermRule.objects.filter(organisation_id=organisation_id, pk=term_id).first()
    if rule is not None:
        audit("deid.terms_view", actor=actor, organisation_id=organisation_id, detail={rule.kind: 1})
    return rule


@transaction.atomic
def remove_term(organisation_id: int, term_id: int, *, actor) -> TermRule | None:
    """Forget a learned term: from the next proposal on, the engine decides about those words again.
    Reports already confirmed keep their text. Returns the removed term, or None if there was none."""
    rule = TermRule.objects.select_for_update().filter(organisation_id=organisation_id, pk=term_id).first()
    if rule is None:
        return None
    rule.delete()
    audit("deid.term_remove", actor=actor, organisation_id=organisation_id,
          detail={"kind": rule.kind, **({"label": rule.label} if rule.kind == TermRule.Kind.DENY else {})})
    return rule
