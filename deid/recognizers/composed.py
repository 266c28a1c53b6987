"""Presidio's predefined recognisers, composed beside ours.

Presidio ships validated recognisers for identifiers that are the same the world over (cards, IBANs,
IP addresses, web addresses, crypto wallets, e-mail) and for many countries' national IDs. We run
them as they are, rename their entity types to our labels, and keep a weak match (a pattern that
Presidio itself scores low, such as nine bare digits for a US passport) only with one of its
context words nearby. Our own recognisers add what Presidio lacks; the engine's label priority
settles any disagreement in favour of the more specific.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import SimpleNamespace

import tldextract
from presidio_analyzer import EntityRecognizer
from presidio_analyzer import predefined_recognizers as pr
from presidio_analyzer.predefined_recognizers.generic import email_recognizer as _presidio_email

from deid.recognizers.base import PresidioAdapter

logger = logging.getLogger(__name__)

# Presidio checks an e-mail's domain with tldextract, whose default fetches the Public Suffix List from
# the internet on first use (and writes it under ~/.cache). Nothing may be downloaded at run time, so
# its e-mail recogniser gets an extractor that reads only the list tldextract ships.
_presidio_email.tldextract = SimpleNamespace(extract=tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None))

# Presidio's entity types in our labels.
GENERIC = {
    "CREDIT_CARD": "CARD", "IBAN_CODE": "IBAN", "IP_ADDRESS": "IP_ADDRESS", "URL": "URL",
    "CRYPTO": "CRYPTO_WALLET", "EMAIL_ADDRESS": "EMAIL",
}
# Presidio's national-ID recognisers (class name, extra context words). Any entity they report is a
# NATIONAL_ID for us: a passport, tax or social-security number identifies a person as well.
NATIONAL_ID_RECOGNIZERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("UsSsnRecognizer", ("ssn", "social security")),
    ("UsItinRecognizer", ("itin", "taxpayer")),
    ("UsPassportRecognizer", ("passport",)),
    ("UsLicenseRecognizer", ("driver", "driving", "licence", "license")),
    ("UkPassportRecognizer", ("passport",)),
    ("UkDrivingLicenceRecognizer", ("driving", "licence", "license")),
    ("EsNifRecognizer", ("dni", "nif", "documento")),
    ("EsNieRecognizer", ("nie", "extranjero")),
    ("ItFiscalCodeRecognizer", ("codice fiscale", "fiscal")),
    ("ItIdentityCardRecognizer", ("carta d'identità", "identity card")),
    ("ItPassportRecognizer", ("passaporto", "passport")),
    ("PlPeselRecognizer", ("pesel",)),
    ("InPanRecognizer", ("pan",)),
    ("InAadhaarRecognizer", ("aadhaar", "aadhar", "uidai")),
    ("InPassportRecognizer", ("passport",)),
    ("InVoterRecognizer", ("voter", "epic")),
    ("AuTfnRecognizer", ("tfn", "tax file")),
    ("AuMedicareRecognizer", ("medicare",)),
    ("SgFinRecognizer", ("nric", "fin")),
    ("FiPersonalIdentityCodeRecognizer", ("henkilötunnus", "hetu")),
    ("SePersonnummerRecognizer", ("personnummer",)),
    ("ZaIdNumberRecognizer", ("id number", "identity number")),
    ("NgNinRecognizer", ("nin",)),
    ("TrNationalIdRecognizer", ("tc kimlik", "kimlik")),
    ("CaSinRecognizer", ("sin", "social insurance")),
    ("DeIdCardRecognizer", ("personalausweis", "ausweis")),
    ("DeTaxIdRecognizer", ("steuer", "steuer-id", "idnr")),
    ("DeSocialSecurityRecognizer", ("sozialversicherung", "rentenversicherung")),
    ("DePassportRecognizer", ("reisepass", "passport")),
    ("KrRrnRecognizer", ("rrn", "resident registration")),
    ("ThTninRecognizer", ("tnin",)),
    ("PhUmidRecognizer", ("umid",)),
)
_ID_CONTEXT = ("national id", "id number", "identity", "id card", "passport", "ssn", "tax id", "personal number",
               "personal id", "citizen", "residence permit", "brp", "id no", "id")


# Presidio's e-mail pattern also takes "tiktok.com/@name.surname": a web address, not an e-mail.
_VALIDATORS: dict[str, Callable[[str], bool]] = {"EmailRecognizer": lambda surface: "/" not in surface}


# Presidio's weakest Indian PAN pattern tests two look-aheads over the rest of the text at every word
# boundary before it looks at the ten characters there: quadratic in the text's length, and a tenth of
# the engine's time on news articles. The same look-aheads after a look-ahead for the ten characters
# find exactly the same matches (tests/deid/test_composed.py compares the two).
EQUIVALENT_REGEX = {
    r"\b((?=.*?[a-zA-Z])(?=.*?[0-9]{4})[\w@#$%^?~-]{10})\b":
        r"\b(?=[\w@#$%^?~-]{10}\b)((?=.*?[a-zA-Z])(?=.*?[0-9]{4})[\w@#$%^?~-]{10})\b",
}


def _faster_patterns(inner: EntityRecognizer) -> EntityRecognizer:
    for pattern in getattr(inner, "patterns", ()):
        if pattern.regex in EQUIVALENT_REGEX:
            pattern.regex = EQUIVALENT_REGEX[pattern.regex]
            pattern.compiled_regex = None
    return inner


def _has_digit(surface: str) -> bool:
    """Every national ID has digits; Presidio's weak licence pattern also takes plain words."""
    return any(c.isdigit() for c in surface)


def _build(cls_name: str, **kwargs: object) -> EntityRecognizer | None:
    """One Presidio recogniser for English text (None, logged, if this Presidio lacks it)."""
    cls: Callable[..., EntityRecognizer] | None = getattr(pr, cls_name, None)
    if cls is None:
        logger.warning("Presidio has no %s: skipped", cls_name)
        return None
    try:
        return _faster_patterns(cls(supported_language="en", **kwargs))
    except TypeError:
        return _faster_patterns(cls(**kwargs))


def build() -> list[PresidioAdapter]:
    out: list[PresidioAdapter] = []
    for cls_name in ("CreditCardRecognizer", "IbanRecognizer", "IpRecognizer", "UrlRecognizer", "CryptoRecognizer",
                     "EmailRecognizer"):
        inner = _build(cls_name)
        if inner is not None:
            labels = {e: GENERIC[e] for e in inner.supported_entities if e in GENERIC}
            out.append(PresidioAdapter(inner, labels, min_score=0.3, validate=_VALIDATORS.get(cls_name)))
    for cls_name, context in NATIONAL_ID_RECOGNIZERS:
        inner = _build(cls_name)
        if inner is not None:
            labels = dict.fromkeys(inner.supported_entities, "NATIONAL_ID")
            out.append(PresidioAdapter(inner, labels, min_score=0.5, context=context + _ID_CONTEXT,
                                       validate=_has_digit))
    return out
