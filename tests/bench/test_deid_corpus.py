"""The generated multilingual corpus (bench/deid_corpus.py): seeded, offsets right, identifiers valid."""

import json
import random
import unicodedata

import deid_corpus as corpus
import deid_corpus_ids as ids
import deid_corpus_people as people
import pytest


@pytest.fixture(scope="module")
def docs():
    return corpus.generate(2024, 300)


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another():
    first = corpus.generate("seven", 40)
    assert corpus.generate("seven", 40) == first
    assert corpus.generate("eight", 40) != first
    assert corpus.document("seven", 17) == first[17]  # each document has its own stream


def test_every_gold_span_is_the_value_inserted(docs):
    for d in docs:
        end = 0
        for s in d["spans"]:
            assert d["text"][s["start"]:s["end"]] == s["text"], (d["id"], s)
            assert s["text"].strip() == s["text"] and s["text"], (d["id"], s)
            assert s["start"] >= end and s["label"] in corpus.LABELS  # sorted, never overlapping
            end = s["end"]


def test_offsets_hold_after_line_breaks_other_scripts_and_emoji(docs):
    """The offset test above means something only if the corpus has these cases."""
    split = [s for d in docs for s in d["spans"] if "\n" in s["text"]]
    assert len(split) >= 5
    after_non_ascii = [s for d in docs for s in d["spans"] if any(ord(c) > 0xFFFF for c in d["text"][:s["start"]])]
    assert after_non_ascii, "no span after an emoji (outside the BMP)"
    scripts = {unicodedata.name(c).split()[0] for d in docs for s in d["spans"] for c in s["text"] if ord(c) > 0x2FF}
    assert {"ARABIC", "CYRILLIC"} & scripts


def test_every_label_appears_in_a_few_hundred_documents(docs):
    counts = {label: 0 for label in corpus.LABELS}
    for d in docs:
        for s in d["spans"]:
            counts[s["label"]] += 1
    assert all(n >= 10 for n in counts.values()), counts
    assert {d["style"] for d in docs} == {name for name, _ in corpus.STYLES}


def test_structured_identifiers_have_valid_check_digits(docs):
    by_label: dict[str, list[str]] = {}
    for d in docs:
        for s in d["spans"]:
            by_label.setdefault(s["label"], []).append(s["text"].replace("\n", " "))
    assert all(ids.nhs_valid(v) for v in by_label["NHS_NUMBER"])
    assert all(ids.luhn_valid(v) for v in by_label["CARD"])
    assert all(ids.iban_valid(v) for v in by_label["IBAN"])
    assert all(ids.ni_valid(v) for v in by_label["NI_NUMBER"])
    assert all(ids.national_id_valid(v) for v in by_label["NATIONAL_ID"])


def test_the_validators_accept_published_examples_and_reject_a_changed_digit():
    assert ids.nhs_valid("943 476 5919") and not ids.nhs_valid("943 476 5918")
    assert ids.iban_valid("GB82 WEST 1234 5698 7654 32") and not ids.iban_valid("GB82 WEST 1234 5698 7654 33")
    assert ids.luhn_valid("4111 1111 1111 1111") and not ids.luhn_valid("4111 1111 1111 1112")
    assert ids.pesel_valid("44051401359") and not ids.pesel_valid("44051401358")
    assert ids.cf_valid("RSSMRA85T10A562S") and not ids.cf_valid("RSSMRA85T10A562T")
    assert ids.dni_nie_valid("12345678Z") and ids.dni_nie_valid("X1234567L") and not ids.dni_nie_valid("12345678A")
    assert ids.pps_valid("1234567T") and not ids.pps_valid("1234567A")
    assert ids.verhoeff_valid("2363") and not ids.verhoeff_valid("2364")
    assert ids.bsn_valid("111222333") and ids.tckn_valid("10000000146")
    assert ids.luhn_valid("046 454 286")  # Canadian SIN


@pytest.mark.parametrize("make, valid", [
    (ids.pesel, ids.pesel_valid), (ids.cnp, ids.cnp_valid), (ids.pps_ie, ids.pps_valid), (ids.dni_es, ids.dni_nie_valid),
    (ids.nie_es, ids.dni_nie_valid), (ids.codice_fiscale, ids.cf_valid), (ids.bsn_nl, ids.bsn_valid),
    (ids.nir_fr, ids.nir_valid), (ids.tckn_tr, ids.tckn_valid), (ids.egn_bg, ids.egn_valid),
    (ids.asmens_kodas_lt, ids.lt_valid), (ids.nif_pt, ids.nif_valid), (ids.sin_ca, ids.luhn_valid),
    (lambda rng: ids.aadhaar(rng).replace(" ", ""), ids.verhoeff_valid),
])
def test_each_national_id_generator_passes_its_own_check(make, valid):
    rng = random.Random(5)
    values = [make(rng) for _ in range(200)]
    assert all(valid(v.replace("-", "").replace(" ", "")) for v in values)


@pytest.mark.parametrize("region", ["GB", "US", "CA", "IE", "AU", "PL", "RO", "FR", "DE", "ES", "IT", "PT", "NL", "LT",
                                    "TR", "BG", "IN", "PK", "NG", "SO", "SA", "CN"])
def test_phone_numbers_are_valid_numbers_of_their_region_in_many_formats(region):
    rng = random.Random(region)
    numbers = [ids.phone(rng, region) for _ in range(60)]
    assert all(ids.phone_valid(n, region) for n in numbers), [n for n in numbers if not ids.phone_valid(n, region)]
    assert len({"".join("9" if c.isdigit() else c for c in n) for n in numbers}) >= 5  # several written forms


def test_card_brands_and_iban_countries_are_varied():
    rng = random.Random(1)
    cards = [ids.card_number(rng, brand) for brand in ids.CARD_BRANDS for _ in range(5)]
    assert all(ids.luhn_valid(c) for c in cards)
    assert {len(c.replace(" ", "").replace("-", "")) for c in cards} == {14, 15, 16}
    ibans = [ids.iban(rng, country) for country in ids.IBAN_BBAN]
    assert all(ids.iban_valid(v) for v in ibans)
    assert any(" " in v for v in ibans) and any(" " not in v for v in ibans)


def test_contact_lists_are_documents_of_identifiers_only(docs):
    def covered(d):
        alnum = [i for i, c in enumerate(d["text"]) if c.isalnum()]
        inside = {i for s in d["spans"] for i in range(s["start"], s["end"])}
        return sum(i in inside for i in alnum) / len(alnum)

    contacts = [d for d in docs if d["style"] == "contacts"]
    assert contacts and max(covered(d) for d in contacts) > 0.9


def test_the_command_line_writes_jsonl_in_the_shared_format(tmp_path, capsys):
    out = tmp_path / "ml.jsonl"
    assert corpus.main(["--seed", "3", "--count", "12", "--output", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in lines] == [d["id"] for d in corpus.generate("3", 12)]
    assert set(lines[0]) >= {"id", "text", "spans"}
    assert "wrote 12 documents" in capsys.readouterr().out


@pytest.mark.parametrize("locale", [loc for loc, _ in people.NAME_LOCALES] + list(people.NATIVE_SCRIPT_LOCALES))
def test_names_of_every_locale_make_valid_fiscal_codes_and_ascii_user_names(locale):
    rng = random.Random(locale)
    for _ in range(20):
        person = people.make_person(rng, locale, native=locale in people.NATIVE_SCRIPT_LOCALES)
        assert person.first and person.last
        assert ids.cf_valid(ids.codice_fiscale(rng, person.first, person.last, person.female))
        assert people.email(rng, person).isascii() and people.social_url(rng, person).isascii()
