"""The risk rating: potential harm × likelihood of recurrence on a 5×5 matrix, NHS bands by default,
configurable per organisation, and shown as words and score, not colour alone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding import risk, services
from tests.factories import sign_in

from .conftest import access, coding_input, form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("consequence", "likelihood", "score", "band"), [
    (1, 1, 1, "low"), (3, 1, 3, "low"), (1, 3, 3, "low"),
    (2, 2, 4, "moderate"), (3, 2, 6, "moderate"), (1, 5, 5, "moderate"),
    (2, 4, 8, "high"), (3, 3, 9, "high"), (4, 3, 12, "high"),
    (5, 3, 15, "extreme"), (4, 4, 16, "extreme"), (5, 5, 25, "extreme"),
])
def test_the_default_matrix_has_the_nhs_bands(consequence, likelihood, score, band):
    rating = risk.rate(consequence, likelihood)
    assert (rating.score, rating.band.key) == (score, band)


def test_every_band_names_itself_in_words():
    for band in risk.BANDS.values():
        assert "risk" in str(band.label).lower() and band.tag_class.startswith("govuk-tag--")


def test_ratings_outside_one_to_five_are_refused():
    with pytest.raises(risk.MatrixError):
        risk.rate(0, 3)
    with pytest.raises(risk.MatrixError):
        risk.rate(3, 6)


def test_a_matrix_must_be_five_by_five_of_known_bands():
    with pytest.raises(risk.MatrixError):
        risk.check_matrix([["low"] * 5] * 4)
    with pytest.raises(risk.MatrixError):
        risk.check_matrix([["low"] * 4 + ["severe"]] + [["low"] * 5] * 4)


def test_a_matrix_never_rates_a_worse_cell_below_a_milder_one():
    bands = risk.default_matrix()
    bands[4][4] = "low"  # almost certain and catastrophic, but low?
    with pytest.raises(risk.MatrixError):
        risk.check_matrix(bands)


def test_an_organisation_can_set_its_own_bands_and_new_codings_use_them(organisation, admin, reviewer, coded_report):
    bands = risk.default_matrix()
    bands[1][2] = "high"  # unlikely (2) × moderate (3): 6, moderate by default; this organisation says high
    services.set_matrix(access(admin, organisation), bands, by=admin)
    assert services.rating(organisation, 3, 2).band.key == "high"
    coding = services.record_coding(access(reviewer, organisation), coded_report,
                                    coding_input(potential_harm=3, likelihood=2), by=reviewer)
    assert (coding.risk_score, coding.risk_band) == (6, "high")


def test_a_coding_keeps_the_rating_it_was_given_when_the_matrix_changes(organisation, admin, reviewer, coded_report):
    coding = services.record_coding(access(reviewer, organisation), coded_report,
                                    coding_input(potential_harm=3, likelihood=2), by=reviewer)
    services.set_matrix(access(admin, organisation), [["extreme"] * 5] * 5, by=admin)
    coding.refresh_from_db()
    assert coding.risk_band == "moderate"


def test_only_an_admin_may_change_the_matrix(organisation, reviewer):
    with pytest.raises(services.NotPermitted):
        services.set_matrix(access(reviewer, organisation), risk.default_matrix(), by=reviewer)


def test_the_saved_coding_shows_its_rating_as_a_tag_with_words_and_score(client, organisation, reviewer, coded_report):
    sign_in(client, reviewer)
    url = reverse("coding:report", args=[organisation.slug, coded_report.reference])
    response = client.post(url, form_data(potential_harm="4", likelihood="4"), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'govuk-tag govuk-tag--red" data-testid="risk-rating">Extreme risk (16)' in html


def test_the_admin_page_changes_a_band(client, organisation, admin):
    sign_in(client, admin)
    url = reverse("coding:risk-matrix", args=[organisation.slug])
    bands = risk.default_matrix()
    data = {f"cell_{lk + 1}_{c + 1}": bands[lk][c] for lk in range(5) for c in range(5)}
    data["cell_2_3"] = "high"
    assert client.post(url, data).status_code == 302
    assert services.rating(organisation, 3, 2).band.key == "high"
    data["cell_5_5"] = "low"
    response = client.post(url, data)
    assert response.status_code == 400 and "cannot have a lower band" in response.content.decode()


def test_the_rating_is_previewed_as_the_reviewer_chooses(client, organisation, reviewer):
    sign_in(client, reviewer)
    url = reverse("coding:risk-preview", args=[organisation.slug])
    assert "High risk (12)" in client.get(url, {"potential_harm": "4", "likelihood": "3"}).content.decode()
    assert "Choose the potential harm" in client.get(url, {"potential_harm": "4"}).content.decode()
    assert "Choose the potential harm" in client.get(url, {"potential_harm": "9", "likelihood": "x"}).content.decode()
