"""The hub's national analysis: every report received from a local instance is also a report of the
hub's own national organisation (GOODCATCH_HUB_ORGANISATION), so the same search, themes, spike
detection, dashboards and learning bulletins that serve one organisation serve the country.

The received copy (SharedReport, origin set) stays the record of what was sent; the national report
is derived from it and follows it: made when a report first arrives, made again when its text
changes, and deleted (with its embeddings and index entries) when its organisation withdraws it.
National analysts are members of the national organisation; they never see which local report a
national one came from, only its sending organisation's region and sector, as everyone else does.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from organisations import services as organisations
from reporting import services as reporting
from sharing.models import SharedReport

TEXT_FIELDS = ("what_happened", "potential_harm_text", "how_noticed", "what_would_help")


def national_organisation():
    """The hub's own organisation, made on first use."""
    slug = settings.GOODCATCH_HUB_ORGANISATION
    return organisations.get_organisation(slug) or organisations.hub_organisation(
        None, slug=slug, name=str(_("National learning hub")), region="", sector="other")


def follow(shared: SharedReport) -> None:
    """Bring the national report in line with the received copy (call in the copy's transaction)."""
    organisation = national_organisation()
    if shared.national_report_id:
        reporting.forget_received_report(organisation, shared.national_report_id)
        shared.national_report_id = None
    if shared.withdrawn_at is None and any(getattr(shared, name) for name in TEXT_FIELDS):
        received = reporting.ReceivedReport(
            kind=shared.kind, period=shared.period, service_area=shared.service_area, stage=shared.stage,
            agencies=list(shared.agencies or []), potential_harm=shared.potential_harm,
            texts={name: getattr(shared, name) for name in TEXT_FIELDS})
        note = _("Received through the national feed from %(origin)s.") % {"origin": shared.origin}
        shared.national_report_id = reporting.receive_cleared_report(organisation, received, note=note).pk
    SharedReport.objects.filter(pk=shared.pk).update(national_report_id=shared.national_report_id)
