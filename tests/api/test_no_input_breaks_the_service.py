"""Whatever a client sends, the answer is a clear 4xx or a success, never a server error."""

import json

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FIELDS = ["kind", "what_happened", "potential_harm", "potential_harm_text", "how_noticed", "what_would_help",
          "service_area", "stage", "agencies", "occurred_month", "occurred_year", "confidentiality",
          "idempotency_key", "unknown"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**12, max_value=10**12),
                    st.floats(allow_nan=True), st.text(max_size=300), st.sampled_from(["near_miss", "children", "police"]))
values = st.one_of(scalars, st.lists(scalars, max_size=5), st.dictionaries(st.text(max_size=5), scalars, max_size=3))
bodies = st.one_of(st.dictionaries(st.sampled_from(FIELDS), values, max_size=8), st.lists(values, max_size=3), scalars)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(body=bodies)
def test_the_api_answers_any_json_without_a_server_error(client, organisation, body):
    cache.clear()
    response = client.post(f"/api/v1/orgs/{organisation.slug}/reports", json.dumps(body), content_type="application/json")
    assert response.status_code in (200, 201, 404, 422), response.content[:300]


@FUZZ
@given(raw=st.binary(max_size=200))
def test_the_api_answers_any_bytes_without_a_server_error(client, organisation, raw):
    response = client.post(f"/api/v1/orgs/{organisation.slug}/reports", raw, content_type="application/json")
    assert response.status_code in (200, 201, 413, 422)


@FUZZ
@given(form=st.dictionaries(st.sampled_from(FIELDS), st.one_of(st.text(max_size=200), st.lists(st.text(max_size=20), max_size=4)),
                            max_size=10))
def test_the_report_form_answers_any_fields_without_a_server_error(client, organisation, form):
    cache.clear()
    response = client.post(f"/r/{organisation.slug}/", form)
    assert response.status_code in (200, 400)


@FUZZ
@given(code=st.text(max_size=60))
def test_the_receipt_page_answers_any_code_without_a_server_error(client, organisation, code):
    cache.clear()
    response = client.post("/receipt/", {"code": code})
    assert response.status_code in (200, 400)
