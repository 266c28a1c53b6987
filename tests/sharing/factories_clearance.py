"""Confirmed reports to clear, and the reviewer's access, for the clearance tests."""

from __future__ import annotations

from organisations.services import access_for
from tests.factories import readable_report

# What a reporter might type: a name, an exact date and time, an age. The first de-identification
# takes the name (and turns the date into a month); the sharing pass does the rest.
NARRATIVE = ("The duty worker missed the call at 17:42 on 14 March 2026 from Kerensa Polglase about "
             "her daughter, aged 14, who was then left at home alone.")


def access(user, organisation):
    return access_for(user, organisation.slug)


def confirmed_report(organisation, *, by, what_happened: str = NARRATIVE, **fields):
    """A report whose de-identification `by` (a reviewer) has confirmed."""
    fields.setdefault("service_area", "children")
    fields.setdefault("stage", "referral")
    fields.setdefault("potential_harm", 3)
    return readable_report(organisation, what_happened, by=by, **fields)
