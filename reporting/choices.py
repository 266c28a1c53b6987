"""The fixed vocabularies of a report, in plain words a practitioner recognises."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    NEAR_MISS = "near_miss", _("Near miss – something nearly went wrong")
    INCIDENT = "incident", _("Incident – something went wrong")
    GOOD_PRACTICE = "good_practice", _("Good practice – something went well")
    CONCERN = "concern", _("Concern – something could go wrong")


class PotentialHarm(models.IntegerChoices):
    """How bad it could have been; the triage queue sorts on this."""

    UNKNOWN = 0, _("Not sure")
    NONE = 1, _("No harm likely")
    LOW = 2, _("Low – short-term upset or delay")
    MODERATE = 3, _("Moderate – a child or adult left at risk for a while")
    SEVERE = 4, _("Severe – serious harm to a child or adult")
    CATASTROPHIC = 5, _("Catastrophic – could have led to a death")


class Confidentiality(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous – nobody, not even the system, knows who I am")
    CONFIDENTIAL = "confidential", _("Confidential – reviewers can message me but never see who I am")
    OPEN = "open", _("Open – reviewers can see my name")


class ServiceArea(models.TextChoices):
    CHILDREN = "children", _("Children's social care")
    EARLY_HELP = "early_help", _("Early help")
    FOSTERING_ADOPTION = "fostering_adoption", _("Fostering and adoption")
    RESIDENTIAL = "residential", _("Residential care")
    LEAVING_CARE = "leaving_care", _("Leaving care")
    ADULTS = "adults", _("Adult social care")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    OTHER = "other", _("Other")


class Stage(models.TextChoices):
    REFERRAL = "referral", _("Referral or contact (including the MASH)")
    ASSESSMENT = "assessment", _("Assessment")
    SECTION_47 = "section_47", _("Section 47 enquiry")
    STRATEGY = "strategy", _("Strategy discussion")
    CP_CONFERENCE = "cp_conference", _("Child protection conference")
    PLANNING = "planning", _("Planning and core group")
    INTERVENTION = "intervention", _("Intervention")
    REVIEW = "review", _("Review")
    TRANSFER = "transfer", _("Transfer between teams")
    CLOSURE = "closure", _("Closure")
    SAFEGUARDING_ENQUIRY = "safeguarding_enquiry", _("Adult safeguarding enquiry")
    HOSPITAL_DISCHARGE = "hospital_discharge", _("Hospital discharge")
    OTHER = "other", _("Other")


class Agency(models.TextChoices):
    POLICE = "police", _("Police")
    HEALTH = "health", _("Health (GP, hospital, health visitor)")
    EDUCATION = "education", _("Education (school, nursery, college)")
    MENTAL_HEALTH = "mental_health", _("Mental health services (including CAMHS)")
    HOUSING = "housing", _("Housing")
    PROBATION = "probation", _("Probation or youth justice")
    VOLUNTARY = "voluntary", _("Voluntary or community sector")
    OTHER_LA = "other_la", _("Another local authority")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_REVIEW = "in_review", _("In review")
    CODED = "coded", _("Coded")
    CLOSED = "closed", _("Closed with feedback")


class MessageAuthor(models.TextChoices):
    REVIEWER = "reviewer", "Reviewer"
    REPORTER = "reporter", "Reporter"
    SYSTEM = "system", "System"


class DeidStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting de-identification")
    DRAFT = "draft", _("Awaiting reviewer check")
    CONFIRMED = "confirmed", _("De-identified")
    FAILED = "failed", _("De-identification failed; retrying")


NARRATIVE_FIELDS = ("what_happened", "potential_harm_text", "how_noticed", "what_would_help")
NARRATIVE_LABELS = {
    "what_happened": _("What happened"),
    "potential_harm_text": _("What could have happened"),
    "how_noticed": _("How it was noticed or stopped"),
    "what_would_help": _("What would help"),
}


def short_label(label) -> str:
    """"Near miss – something nearly went wrong" → "Near miss", for tables on a phone."""
    return str(label).split(" – ")[0]


class ReporterGroup(models.TextChoices):
    """Who sent an easy-read report, in their words (reporting.easy_read). Blank on staff reports."""

    CHILD = "child", _("A child or young person")
    SERVICE_USER = "service_user", _("Someone who uses services")
    CARER = "carer", _("A carer or family member")
    SOMEONE_ELSE = "someone_else", _("Someone else")
