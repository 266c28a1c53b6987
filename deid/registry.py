"""The recognisers the engine registers with Presidio: Presidio's own predefined ones for the
identifiers it knows (`recognizers/composed.py`), beside ours for what it lacks."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from deid.recognizers import (
    address,
    age,
    case_reference,
    composed,
    dates,
    email,
    handle,
    location,
    long_number,
    national_id,
    network,
    nhs_number,
    ni_number,
    organisation,
    payment,
    person,
    phone,
    postcode,
)
from deid.recognizers.base import FunctionRecognizer, StructuredRecognizer


def build_recognizers() -> list[EntityRecognizer]:
    return [
        # Fixed formats: also read across a line break ("+44 7700\n900123").
        StructuredRecognizer("UkNhsNumber", ["NHS_NUMBER"], nhs_number.find),
        StructuredRecognizer("UkNiNumber", ["NI_NUMBER"], ni_number.find),
        StructuredRecognizer("UkPostcode", ["POSTCODE"], postcode.find),
        StructuredRecognizer("Phone", ["PHONE"], phone.find),
        StructuredRecognizer("Email", ["EMAIL"], email.find),
        StructuredRecognizer("Payment", ["CARD", "IBAN", "BANK_ACCOUNT"], payment.find),
        StructuredRecognizer("NationalId", ["NATIONAL_ID"], national_id.find),
        StructuredRecognizer("CryptoWallet", ["CRYPTO_WALLET"], network.find),
        FunctionRecognizer("SchemeUrl", ["URL"], network.find_urls),
        StructuredRecognizer("LongNumber", ["ID_NUMBER"], long_number.find),
        *composed.build(),
        FunctionRecognizer("UkAddress", ["ADDRESS", "POSTCODE"], address.find),
        FunctionRecognizer("UkDate", ["DATE"], dates.find),
        FunctionRecognizer("Age", ["AGE"], age.find),
        FunctionRecognizer("CaseReference", ["CASE_REFERENCE"], case_reference.find),
        FunctionRecognizer("Organisation", ["ORGANISATION"], organisation.find),
        FunctionRecognizer("Location", ["LOCATION"], location.find, needs_doc=True),
        FunctionRecognizer("Person", ["PERSON"], person.find, needs_doc=True),
        FunctionRecognizer("Handle", ["USERNAME"], handle.find),
    ]
