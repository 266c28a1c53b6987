"""The API's input and output shapes. Limits match the web form's."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.conf import settings
from ninja import Schema
from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from reporting import validation
from reporting.choices import NARRATIVE_FIELDS, Agency, PotentialHarm, ReportKind, ServiceArea, Stage

_MAX = settings.REPORT_TEXT_MAX_CHARS

KindLiteral = Literal[tuple(ReportKind.values)]  # type: ignore[valid-type]
AreaLiteral = Literal[tuple(["", *ServiceArea.values])]  # type: ignore[valid-type]
StageLiteral = Literal[tuple(["", *Stage.values])]  # type: ignore[valid-type]
AgencyLiteral = Literal[tuple(Agency.values)]  # type: ignore[valid-type]


class ReportIn(Schema):
    kind: KindLiteral  # type: ignore[valid-type]
    what_happened: str = Field(min_length=1, max_length=_MAX)
    potential_harm: int = Field(default=0, ge=min(PotentialHarm.values), le=max(PotentialHarm.values))
    potential_harm_text: str = Field(default="", max_length=_MAX)
    how_noticed: str = Field(default="", max_length=_MAX)
    what_would_help: str = Field(default="", max_length=_MAX)
    service_area: AreaLiteral = ""  # type: ignore[valid-type]
    stage: StageLiteral = ""  # type: ignore[valid-type]
    agencies: list[AgencyLiteral] = Field(default_factory=list, max_length=len(Agency.values))  # type: ignore[valid-type]
    occurred_month: int | None = Field(default=None, ge=1, le=12)
    occurred_year: int | None = Field(default=None, ge=1990, le=2100)

    @field_validator(*NARRATIVE_FIELDS, mode="before")
    @classmethod
    def narrative(cls, value, info: ValidationInfo):
        """The report form's check (reporting.validation), before pydantic's own: the same text is
        accepted, normalised the same way, or refused for the same reason, at either door."""
        if not isinstance(value, str):
            return value  # pydantic says it must be a string
        try:
            value = validation.clean_narrative(value, label=info.field_name, max_chars=_MAX)
        except validation.NarrativeError as error:
            raise PydanticCustomError(error.code, error.message) from None
        if info.field_name == "what_happened" and not value:
            raise PydanticCustomError("blank", "Tell us what happened")
        return value


class ReceiptOut(Schema):
    receipt_code: str | None
    duplicate: bool
    message: str


class ReportOut(Schema):
    reference: str
    kind: str
    potential_harm: int
    service_area: str
    stage: str
    agencies: list[str]
    occurred_month: int | None
    occurred_year: int | None
    status: str
    deid_status: str
    confidentiality: str
    submitted_on: date = Field(description="The day the report was sent (local time)")
    submitted_at: datetime | None = Field(
        description="When the report was sent; null for an anonymous report, whose time is kept to the day only")
    what_happened: str | None = Field(description="De-identified text; null until a reviewer confirmed it")
    potential_harm_text: str | None
    how_noticed: str | None
    what_would_help: str | None


class ReportPage(Schema):
    count: int
    page: int
    pages: int
    results: list[ReportOut]


class ErrorOut(Schema):
    detail: str | list


class FieldErrorOut(Schema):
    loc: list[str | int] = Field(description='Where: ["body"] for the body as a whole, or its path to a field')
    msg: str = Field(description="What is wrong, in plain words")
    type: str = Field(description='A stable code, e.g. "missing", "max_length", "control_character", "json_invalid"')


class ValidationErrorOut(Schema):
    detail: list[FieldErrorOut]


class FloodedOut(Schema):
    detail: str = Field(description="What happened and when to try again, in plain words")
    limit: Literal["source", "organisation"] = Field(
        description='"source": too many from this connection; "organisation": too many to this organisation from everyone')
    retry_after: int = Field(description="Seconds until the limit resets, as in the Retry-After header")
