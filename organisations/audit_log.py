"""The audit log as an admin reads it: plain words for each event, the references people know
instead of internal ids, and filters to find one entry among thousands. Nothing here writes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from organisations.models import ApiToken, Membership, Organisation
from organisations.services import audit_log_for, members_of
from protection.models import AuditEntry

PAGE_SIZE = 50
SYSTEM = "system"  # the actor label of the system's own work (de-identification, retention)

# Every event the code base records with `audit(...)`, in the words an admin would use. A test
# reads every `audit(` call in the code and fails when an event is missing here, or stale.
EVENT_NAMES: dict[str, str] = {
    "action.create": _("created an action"),
    "action.edit": _("changed an action"),
    "action.effectiveness_verified": _("marked an action effective or not effective on its review"),
    "action.link": _("linked a report, theme or factor to an action"),
    "action.status": _("changed an action's status"),
    "action.strength_override": _("set an action's strength by hand"),
    "action.unlink": _("removed a report, theme or factor from an action"),
    "api_token.create": _("created an API token"),
    "api_token.issue_command": _("issued an API token from the command line"),
    "api_token.revoke": _("revoked an API token"),
    "audit.view": _("read the audit log"),
    "auth.sign_in": _("signed in"),
    "auth.sign_in_failed": _("failed to sign in (counted per hour)"),
    "auth.sign_in_locked": _("was locked out of signing in after repeated failures"),
    "auth.two_factor": _("entered a two-factor security code"),
    "auth.two_factor_enrolled": _("set up two-factor sign-in"),
    "auth.two_factor_failed": _("entered a wrong two-factor security code"),
    "backup.made": _("made a backup of the database"),
    "backup.restored": _("restored the database from a backup"),
    "bulletin.create": _("started a learning bulletin"),
    "bulletin.edit": _("edited a draft learning bulletin"),
    "bulletin.publish": _("published a learning bulletin"),
    "bulletin.publish_refused": _("tried to publish a learning bulletin that still held identifiers"),
    "bulletin.withdraw": _("withdrew a learning bulletin"),
    "breakglass.approve": _("approved a request to open sealed data"),
    "breakglass.decline": _("declined a request to open sealed data"),
    "breakglass.request": _("asked to open sealed data"),
    "coding.model_trained": _("trained a new contributing-factor suggester"),
    "coding.record": _("coded a report"),
    "coding.risk_matrix": _("changed the risk matrix"),
    "coding.unblind": _("chose to see a report's coding before coding it"),
    "culture.invitations_issue": _("made learning-culture survey links"),
    "culture.results_view": _("read the learning-culture survey results"),
    "culture.wave_close": _("closed a learning-culture survey wave"),
    "culture.wave_open": _("opened a learning-culture survey wave"),
    "deid.confirm": _("confirmed a de-identification"),
    "deid.correct": _("corrected a de-identification"),
    "deid.term_remove": _("removed a learned term"),
    "deid.terms_view": _("read the learned terms"),
    "demo.seed_reports": _("made synthetic reports for measuring"),
    "equality.profile_record": _("recorded or changed their own equality profile"),
    "equality.results_view": _("viewed the equality monitoring figures"),
    "event.link": _("linked reports as one event"),
    "event.unlink": _("took a report out of an event"),
    "export.api_reports": _("listed reports through the API"),
    "export.api_search": _("searched reports through the API"),
    "export.dashboard_csv": _("downloaded the dashboard's figures as CSV"),
    "justculture.assessment": _("recorded a just-culture assessment"),
    "justculture.referral_approved": _("approved a deliberate-harm referral"),
    "justculture.referral_declined": _("declined a deliberate-harm referral"),
    "justculture.referral_requested": _("asked for a deliberate-harm referral"),
    "keys.rotate": _("rotated the encryption keys"),
    "library.feed_token_create": _("made a personal link to the library's feed"),
    "library.feed_token_revoke": _("stopped their personal link to the library's feed"),
    "library.share_start": _("started sharing the organisation's published learning in the library"),
    "library.share_stop": _("stopped sharing the organisation's published learning in the library"),
    "library.vignette_publish": _("published a supervision vignette to the library"),
    "library.vignette_refused": _("tried to publish a supervision vignette that still held identifiers"),
    "library.vignette_withdraw": _("withdrew a supervision vignette from the library"),
    "membership.equality_lead": _("named or unnamed an equality lead"),
    "membership.role_change": _("changed a member's role"),
    "organisation.staff_headcount": _("changed the staff headcount"),
    "organisation.feedback_target": _("changed the target time to first feedback"),
    "organisation.equality_monitoring": _("switched equality monitoring on or off"),
    "organisation.duty_phone_number": _("changed the number for help now"),
    "report.transition": _("changed a report's status"),
    "report.view": _("viewed a report"),
    "review.create": _("started a learning review"),
    "review.link_reports": _("linked reports to a learning review"),
    "review.new_version": _("started a new version of a learning review"),
    "review.recommendation_accepted": _("accepted a learning review's recommendation as an action"),
    "review.transition": _("changed a learning review's status"),
    "review.unlink_report": _("took a report out of a learning review"),
    "sealed.destroy": _("destroyed sealed data"),
    "sealed.erase": _("erased sealed data at its owner's request"),
    "sealed.open": _("opened sealed data"),
    "sealed.open_failed": _("failed to open sealed data"),
    "sealed.process": _("read a sealed narrative to remove personal details"),
    "sharing.open_data_exported": _("exported open data (suppressed counts and k-anonymous cleared reports)"),
    "sharing.partnership_invite": _("invited the organisation to a safeguarding partnership"),
    "sharing.partnership_join": _("joined a safeguarding partnership"),
    "sharing.partnership_leave": _("left, or declined to join, a safeguarding partnership"),
    "sharing.clear": _("cleared a report for sharing (made its shareable copy)"),
    "sharing.reclear": _("cleared a report for sharing again (changed its shareable copy)"),
    "sharing.withdraw": _("withdrew a report's shareable copy"),
    "sharing.feed_received": _("received a feed of cleared reports from another instance (national hub)"),
    "sharing.feed_refused": _("refused a feed to the national hub: unsigned, unknown or revoked key, or stale"),
    "sharing.feed_sent": _("sent cleared reports to the national hub"),
    "sharing.sender_add": _("registered an instance's key to send to the national hub"),
    "sharing.sender_revoke": _("revoked an instance's key for sending to the national hub"),
    "supervision.vignette": _("opened or downloaded a reflective supervision pack"),
    "sharing.action_accept": _("accepted an action another agency proposed, as one of its own"),
    "sharing.action_decline": _("declined an action another agency proposed"),
    "sharing.action_propose": _("proposed an action to another agency about a shared report"),
    "sharing.agreement_accept": _("accepted a sharing agreement"),
    "sharing.agreement_decline": _("declined a sharing agreement"),
    "sharing.agreement_end": _("ended a sharing agreement"),
    "sharing.agreement_propose": _("proposed a sharing agreement"),
    "sharing.perspective_add": _("added an agency's perspective to a shared report"),
    "sharing.perspective_to_review": _("added a partner agency's perspective to a learning review"),
    "sharing.shared_list": _("listed the reports shared under an agreement"),
    "sharing.shared_read": _("read a report shared under an agreement"),
    "taxonomy.code_add": _("added a code to the taxonomy"),
    "taxonomy.code_restore": _("restored a retired code"),
    "taxonomy.code_retire": _("retired a code"),
    "taxonomy.code_revise": _("renamed or redefined a code"),
    "theme.merged": _("merged two themes"),
    "theme.renamed": _("renamed a theme"),
    "theme.split": _("split a theme"),
}
# What was opened matters most of all, so an opening names its kind of sealed data.
SEALED_OPEN_NAMES: dict[str, str] = {
    "narrative": _("opened a sealed narrative"),
    "message": _("opened a reporter's sealed reply"),
    "identity": _("opened a reporter's sealed identity"),
    "equality": _("opened sealed equality profiles"),
}


# A removed term is never named in the log (terms are often names), but what kind it was is.
TERM_REMOVE_NAMES: dict[str, str] = {
    "allow": _("removed a word from those never redacted"),
    "deny": _("removed a word from those always redacted"),
}


# Why sealed data was opened or asked for, where the entry records it as a code.
PURPOSES: dict[str, str] = {
    "follow_up": _("to follow up with the confidential reporter"),
    "deliberate_harm": _("after a just-culture finding of an intention to cause harm"),
    "break-glass: follow_up": _("break-glass, to follow up with the confidential reporter"),
    "break-glass: deliberate_harm": _("break-glass, after a just-culture finding of an intention to cause harm"),
}


def event_name(action: str, detail: dict | None = None) -> str:
    """The plain words for an event; an event this table does not know shows as it was recorded."""
    kind = (detail or {}).get("kind")
    if action == "sealed.open" and kind in SEALED_OPEN_NAMES:
        return str(SEALED_OPEN_NAMES[kind])
    if action == "deid.term_remove" and kind in TERM_REMOVE_NAMES:
        return str(TERM_REMOVE_NAMES[kind])
    return str(EVENT_NAMES.get(action, action))


def purpose_words(purpose: str) -> str:
    return str(PURPOSES.get(purpose, purpose))


# How people know the subject of an entry ("report:17" is report GC-3ECXSN). Each context that
# writes subjects registers how to name its own, for one organisation, from its AppConfig.ready.
SubjectNamer = Callable[[Organisation, list[str]], dict[str, str]]
_subject_namers: dict[str, SubjectNamer] = {}


def name_subjects_with(kind: str, namer: SubjectNamer) -> None:
    """Register how subjects "<kind>:<id>" are named; `namer` sees only one organisation's."""
    _subject_namers[kind] = namer


def subject_names(organisation: Organisation, subjects: Iterable[str]) -> dict[str, str]:
    """Names for subjects, in one query per kind; one without a name keeps its recorded form."""
    by_kind: dict[str, list[str]] = {}
    for subject in set(subjects):
        kind, _sep, _id = subject.partition(":")
        if kind in _subject_namers:
            by_kind.setdefault(kind, []).append(subject)
    names: dict[str, str] = {}
    for kind, batch in by_kind.items():
        names.update(_subject_namers[kind](organisation, batch))
    return names


def _ids(subjects: list[str]) -> list[int]:
    return [int(s.partition(":")[2]) for s in subjects if s.partition(":")[2].isdigit()]


def _member_names(organisation: Organisation, subjects: list[str]) -> dict[str, str]:
    members = Membership.objects.filter(organisation=organisation, user_id__in=_ids(subjects))
    return {f"user:{user_id}": str(_("Member %(name)s") % {"name": name})
            for user_id, name in members.values_list("user_id", "user__username")}


def _token_names(organisation: Organisation, subjects: list[str]) -> dict[str, str]:
    members = Membership.objects.filter(organisation=organisation).values("user_id")
    tokens = ApiToken.objects.filter(pk__in=_ids(subjects), user_id__in=members)
    return {f"token:{pk}": str(_("API token “%(name)s”") % {"name": name}) for pk, name in tokens.values_list("pk", "name")}


name_subjects_with("user", _member_names)
name_subjects_with("token", _token_names)


class AuditLogFilterForm(forms.Form):
    """The log's filters: a GET form, so a filtered page has an address and works without JavaScript."""

    event = forms.ChoiceField(label=_("Event"), required=False)
    person = forms.ChoiceField(label=_("Person"), required=False)
    since = forms.DateField(label=_("From"), required=False, help_text=_("For example, 27/3/2026"),
                            error_messages={"invalid": _("Enter the start date as day/month/year, like 27/3/2026")})
    until = forms.DateField(label=_("To"), required=False, help_text=_("For example, 31/3/2026"),
                            error_messages={"invalid": _("Enter the end date as day/month/year, like 31/3/2026")})

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", _("All events")), *sorted(
            ((action, str(name)) for action, name in EVENT_NAMES.items()), key=lambda choice: choice[1])]
        self.fields["person"].choices = [
            ("", _("Everyone")), (SYSTEM, _("The system (automatic work)")),
            *((str(m.user_id), m.user.get_username()) for m in members_of(organisation))]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date must be the same as or after the start date"))
        return data

    def filters(self) -> LogFilter:
        """The filters to apply: none at all when any of them is wrong, so the page still shows the log."""
        if not self.is_bound or not self.is_valid():
            return LogFilter()
        data = self.cleaned_data
        return LogFilter(event=data["event"], person=data["person"], since=data["since"], until=data["until"])


@dataclass(frozen=True)
class LogFilter:
    event: str = ""
    person: str = ""  # a member's user id, SYSTEM, or "" for everyone
    since: date | None = None
    until: date | None = None


def entries(organisation: Organisation, filters: LogFilter) -> QuerySet[AuditEntry]:
    """The organisation's entries, newest first, narrowed by the filters."""
    rows = audit_log_for(organisation)
    if filters.event:
        rows = rows.filter(action=filters.event)
    if filters.person == SYSTEM:
        rows = rows.filter(actor_id__isnull=True, actor_label=SYSTEM)
    elif filters.person:
        rows = rows.filter(actor_id=int(filters.person))
    if filters.since:
        rows = rows.filter(at__date__gte=filters.since)
    if filters.until:
        rows = rows.filter(at__date__lte=filters.until)
    return rows


@dataclass(frozen=True)
class LogRow:
    at: datetime
    who: str
    what: str
    about: str
    purpose: str


def rows(organisation: Organisation, page_entries: Iterable[AuditEntry]) -> list[LogRow]:
    """One page of entries in plain words."""
    page_entries = list(page_entries)
    names = subject_names(organisation, (e.subject for e in page_entries if e.subject))
    return [
        LogRow(at=e.at, who=str(_("The system")) if e.actor_label == SYSTEM and e.actor_id is None else e.actor_label,
               what=event_name(e.action, e.detail), about=names.get(e.subject, e.subject),
               purpose=purpose_words(str((e.detail or {}).get("purpose", ""))))
        for e in page_entries
    ]
