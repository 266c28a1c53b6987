"""The recognisers the engine registers with Presidio."""

from __future__ import annotations

from deid.recognizers import (
    address,
    age,
    case_reference,
    dates,
    email,
    handle,
    location,
    nhs_number,
    ni_number,
    organisation,
    person,
    phone,
    postcode,
)
from deid.recognizers.base import FunctionRecognizer


def build_recognizers() -> list[FunctionRecognizer]:
    return [
        FunctionRecognizer("UkNhsNumber", ["NHS_NUMBER"], nhs_number.find),
        FunctionRecognizer("UkNiNumber", ["NI_NUMBER"], ni_number.find),
        FunctionRecognizer("UkPostcode", ["POSTCODE"], postcode.find),
        FunctionRecognizer("UkPhone", ["PHONE"], phone.find),
        FunctionRecognizer("Email", ["EMAIL"], email.find),
        FunctionRecognizer("UkAddress", ["ADDRESS"], address.find),
        FunctionRecognizer("UkDate", ["DATE"], dates.find),
        FunctionRecognizer("Age", ["AGE"], age.find),
        FunctionRecognizer("CaseReference", ["CASE_REFERENCE"], case_reference.find),
        FunctionRecognizer("Organisation", ["ORGANISATION"], organisation.find),
        FunctionRecognizer("Location", ["LOCATION"], location.find, needs_doc=True),
        FunctionRecognizer("Person", ["PERSON"], person.find, needs_doc=True),
        FunctionRecognizer("Handle", ["PERSON"], handle.find),
    ]
