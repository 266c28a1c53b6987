"""The hub's feed endpoint (GOODCATCH_MODE=hub): signed, idempotent, and refusing what it must."""

from __future__ import annotations

import json
import time

import pytest

from protection.models import AuditEntry
from sharing import hub
from sharing.models import SharedReport
from tests.factories import OrganisationFactory
from tests.sharing.factories_hub import FEED, body_of, feed_item, post_feed, registered_sender, signed_headers

pytestmark = pytest.mark.django_db



def refusals():
    return list(AuditEntry.objects.filter(action="sharing.feed_refused").values_list("detail", flat=True))


def test_a_local_instance_has_no_feed_endpoint(client):
    key = registered_sender()
    response = post_feed(client, key, [feed_item()])
    assert response.status_code == 404
    assert not SharedReport.objects.exists()


def test_a_signed_feed_is_stored_under_a_hub_organisation_for_the_sender(client, hub_mode):
    key = registered_sender("north")
    response = post_feed(client, key, [feed_item("a1b2c3d4e5f60718"), feed_item("0f1e2d3c4b5a6978", kind="incident")])
    assert response.status_code == 200
    assert response.json() == {"instance": "north", "aggregates": 0, "results": [
        {"public_id": "a1b2c3d4e5f60718", "result": "stored", "reason": ""},
        {"public_id": "0f1e2d3c4b5a6978", "result": "stored", "reason": ""}]}
    stored = SharedReport.objects.get(public_id="a1b2c3d4e5f60718")
    assert stored.origin == "north" and stored.source_report_id is None and stored.cleared_by is None
    assert stored.what_happened.startswith("A referral from the school")
    assert stored.factor_codes == ["workload"] and stored.themes == ["Inbox cover"]
    organisation = stored.organisation
    assert organisation.slug == "north-north-council" and organisation.name == "North Borough Council"
    assert (organisation.region, organisation.sector) == ("north_west", "social_care")
    assert SharedReport.objects.get(public_id="0f1e2d3c4b5a6978").organisation == organisation
    received = AuditEntry.objects.get(action="sharing.feed_received")
    assert received.detail["instance"] == "north" and received.detail["stored"] == 2


def test_a_feed_replayed_twice_stores_each_report_once(client, hub_mode):
    key = registered_sender()
    body = body_of([feed_item("a1b2c3d4e5f60718"), feed_item("0f1e2d3c4b5a6978")])
    headers = signed_headers(key, body)
    first = client.post(FEED, data=body, content_type="application/json", headers=headers)
    replay = client.post(FEED, data=body, content_type="application/json", headers=headers)
    again = client.post(FEED, data=body, content_type="application/json", headers=headers)
    assert first.status_code == replay.status_code == again.status_code == 200
    assert [r["result"] for r in replay.json()["results"]] == ["unchanged", "unchanged"]
    assert SharedReport.objects.filter(origin="north").count() == 2
    assert SharedReport.objects.filter(public_id="a1b2c3d4e5f60718").count() == 1


def test_the_same_report_twice_in_one_feed_is_stored_once_in_its_last_state(client, hub_mode):
    key = registered_sender()
    response = post_feed(client, key, [feed_item(risk_band="low"), feed_item(risk_band="high")])
    assert [r["result"] for r in response.json()["results"]] == ["stored"]
    assert SharedReport.objects.get().risk_band == "high"


def test_a_withdrawal_keeps_the_row_but_not_its_text_and_a_change_updates_in_place(client, hub_mode):
    key = registered_sender()
    post_feed(client, key, [feed_item()])
    changed = post_feed(client, key, [feed_item(risk_band="high")])
    assert changed.json()["results"][0]["result"] == "updated"
    withdrawn = post_feed(client, key, [feed_item(withdrawn=True)])
    assert withdrawn.json()["results"][0]["result"] == "withdrawn"
    row = SharedReport.objects.get()
    assert row.withdrawn_at is not None and row.what_happened == "" and row.what_would_help == ""
    again = post_feed(client, key, [feed_item(withdrawn=True)])
    assert again.json()["results"][0]["result"] == "unchanged"


def test_a_report_withdrawn_before_the_hub_heard_of_it_arrives_without_its_text(client, hub_mode):
    key = registered_sender()
    post_feed(client, key, [feed_item(withdrawn=True)])
    row = SharedReport.objects.get()
    assert row.withdrawn_at is not None and row.what_happened == ""


def test_a_feed_signed_with_a_revoked_key_is_refused_and_the_refusal_is_audited(client, hub_mode):
    key = registered_sender("north")
    hub.revoke_senders(instance="north")
    response = post_feed(client, key, [feed_item()])
    assert response.status_code == 403
    assert "revoked" in response.json()["detail"]
    assert not SharedReport.objects.exists()
    assert refusals() == [{"instance": "north", "key_id": response.request["HTTP_X_GOODCATCH_KEY_ID"],
                           "reason": "revoked_key"}]


def test_a_new_key_works_while_the_revoked_one_stays_refused(client, hub_mode):
    old = registered_sender("north")
    hub.revoke_senders(instance="north")
    new = registered_sender("north")
    assert post_feed(client, new, [feed_item()]).status_code == 200
    assert post_feed(client, old, [feed_item("0f1e2d3c4b5a6978")]).status_code == 403
    assert SharedReport.objects.count() == 1


def test_an_unknown_key_a_forged_signature_and_an_unsigned_feed_are_refused_and_audited(client, hub_mode):
    key = registered_sender("north")
    stranger = registered_sender("south")
    hub.revoke_senders(instance="south")
    body = body_of([feed_item()])

    # A key registered for another instance does not speak for this one.
    assert post_feed(client, stranger, [feed_item()], instance="north").status_code == 401
    forged = signed_headers(key, b"something else")
    assert client.post(FEED, data=body, content_type="application/json", headers=forged).status_code == 401
    assert client.post(FEED, data=body, content_type="application/json").status_code == 401
    assert not SharedReport.objects.exists()
    assert sorted(entry["reason"] for entry in refusals()) == ["bad_signature", "unknown_key", "unsigned"]


def test_a_stale_or_future_timestamp_is_refused(client, hub_mode, settings):
    key = registered_sender()
    skew = settings.GOODCATCH_HUB_CLOCK_SKEW_SECONDS
    old = post_feed(client, key, [feed_item()], timestamp=int(time.time()) - skew - 60)
    future = post_feed(client, key, [feed_item()], timestamp=int(time.time()) + skew + 60)
    assert old.status_code == future.status_code == 401
    assert "timestamp" in old.json()["detail"]
    assert not SharedReport.objects.exists()
    assert [entry["reason"] for entry in refusals()] == ["stale_timestamp"]  # once a minute per reason and key


def test_an_over_large_feed_is_refused_before_it_is_read(client, hub_mode, settings):
    key = registered_sender()
    settings.GOODCATCH_HUB_FEED_MAX_BYTES = 2000
    response = post_feed(client, key, [feed_item(what_happened="x" * 3000)])
    assert response.status_code == 413
    assert not SharedReport.objects.exists()


def test_the_body_must_name_the_instance_that_signed_it(client, hub_mode):
    key = registered_sender("north")
    registered_sender("south")
    body = body_of([feed_item()], instance="south")
    response = client.post(FEED, data=body, content_type="application/json",
                           headers=signed_headers(key, body, instance="north"))
    assert response.status_code == 400
    assert not SharedReport.objects.exists()


def test_a_malformed_item_is_refused_whole(client, hub_mode):
    key = registered_sender()
    response = post_feed(client, key, [feed_item(), feed_item("0f1e2d3c4b5a6978", period="the summer of 2026")])
    assert response.status_code == 422
    assert not SharedReport.objects.exists()


def test_a_public_id_already_used_by_another_origin_is_refused_but_answered(client, hub_mode):
    from tests.sharing.factories import shared_report

    shared_report(OrganisationFactory(), public_id="a1b2c3d4e5f60718")
    key = registered_sender()
    response = post_feed(client, key, [feed_item("a1b2c3d4e5f60718"), feed_item("0f1e2d3c4b5a6978")])
    assert response.json()["results"][0] == {"public_id": "a1b2c3d4e5f60718", "result": "refused",
                                             "reason": "public_id_taken"}
    assert SharedReport.objects.filter(origin="north").count() == 1


def test_two_senders_with_the_same_organisation_slug_get_two_hub_organisations(client, hub_mode):
    OrganisationFactory(slug="north-council")  # a hub-side organisation already holds the plain slug
    north, south = registered_sender("north"), registered_sender("south")
    post_feed(client, north, [feed_item("a1b2c3d4e5f60718", slug="council")], instance="north")
    post_feed(client, south, [feed_item("0f1e2d3c4b5a6978", slug="council")], instance="south")
    post_feed(client, north, [feed_item("1111222233334444", slug="council")], instance="north")
    by_origin = {row.origin: row.organisation.slug for row in SharedReport.objects.select_related("organisation")}
    assert by_origin == {"north": "north-council-2", "south": "south-council"}
    assert SharedReport.objects.filter(origin="north").values("organisation").distinct().count() == 1


def test_coded_aggregates_replace_what_the_hub_held_for_the_organisation(client, hub_mode):
    from sharing.models import HubAggregate

    key = registered_sender()
    council = feed_item()["organisation"]
    first = {"organisation": council, "factors": [{"period": "2026-Q2", "code": "workload", "reports": 4},
                                                  {"period": "2026-Q3", "code": "workload", "reports": 7}]}
    body = json.dumps({"instance": "north", "items": [], "aggregates": [first]}).encode()
    for _replay in range(2):
        response = client.post(FEED, data=body, content_type="application/json", headers=signed_headers(key, body))
        assert response.json() == {"instance": "north", "results": [], "aggregates": 1}
    assert sorted(HubAggregate.objects.values_list("period", "factor_code", "reports")) == [
        ("2026-Q2", "workload", 4), ("2026-Q3", "workload", 7)]

    later = {"organisation": council, "factors": [{"period": "2026-Q3", "code": "supervision", "reports": 2}]}
    body = json.dumps({"instance": "north", "items": [], "aggregates": [later]}).encode()
    client.post(FEED, data=body, content_type="application/json", headers=signed_headers(key, body))
    assert list(HubAggregate.objects.values_list("origin", "organisation__slug", "period", "factor_code", "reports")) == [
        ("north", "north-north-council", "2026-Q3", "supervision", 2)]
