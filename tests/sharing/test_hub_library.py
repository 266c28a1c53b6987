"""The national hub's published learning reaches every local library: the hub publishes a national
bulletin as its national organisation, serves its published learning to registered senders only, and
each sending instance fetches it, checks it, and shows it to its members."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from organisations.models import Role
from sharing import hub, hub_library, library, national
from sharing.feed_tasks import fetch_hub_library
from sharing.models import HubLearningItem, HubLibraryFetch
from tests.factories import OrganisationFactory, member, sign_in
from tests.sharing import factories_library as make
from tests.sharing.factories_hub import LIBRARY, get_library, registered_sender

pytestmark = pytest.mark.django_db

NATIONAL_TITLE = "National bulletin: referrals over bank holidays"
NATIONAL_ACTION = "Every duty inbox now has a named person covering it over bank holidays."



def national_bulletin():
    organisation = national.national_organisation()
    return make.published_bulletin(organisation, by=make.publisher(organisation), title=NATIONAL_TITLE,
                                   introduction="What the country learned about referrals that waited.",
                                   action=NATIONAL_ACTION)


def served_entry(**changes) -> dict:
    entry = {"kind": "bulletin", "key": "7", "title": NATIONAL_TITLE, "summary": "What the country learned.",
             "organisation": "National learning hub", "published_at": "2026-11-02T09:00:00+00:00",
             "period": "October 2026", "bulletin_key": "", "bulletin_title": "",
             "sections": [{"heading": "What we learned", "entries": [
                 {"heading": "Inbox cover", "text": "Referrals waited where nobody was looking.", "count": "12"}]}]}
    entry.update(changes)
    return entry


# At the hub -----------------------------------------------------------------------------------------

def test_a_national_bulletin_is_served_with_its_full_text_to_a_registered_sender(client, hub_mode):
    key = registered_sender("north")
    national_bulletin()
    draft_by = make.publisher(national.national_organisation())
    make.draft_bulletin(national.national_organisation(), by=draft_by)

    answer = get_library(client, key)

    assert answer.status_code == 200
    items = answer.json()["items"]
    assert [item["kind"] for item in items] == ["bulletin", "you-said-we-did"]
    bulletin, action = items
    assert bulletin["title"] == NATIONAL_TITLE
    assert bulletin["organisation"] == "National learning hub"
    assert any(NATIONAL_ACTION in entry["text"] for section in bulletin["sections"] for entry in section["entries"])
    assert action["bulletin_key"] == bulletin["key"] and action["bulletin_title"] == NATIONAL_TITLE
    assert "Draft" not in answer.content.decode()  # drafts never leave


def test_national_analysts_read_the_national_bulletin_in_the_hubs_own_library(client, hub_mode):
    national_bulletin()
    sign_in(client, member(national.national_organisation(), Role.MANAGER))

    page = client.get("/library/")

    assert NATIONAL_TITLE in page.content.decode()


def test_only_a_registered_unrevoked_sender_is_served(client, hub_mode):
    national_bulletin()
    assert client.get(LIBRARY).status_code == 401  # unsigned
    stranger = registered_sender("south")
    hub.revoke_senders(instance="south")
    assert get_library(client, stranger, instance="south").status_code == 403


def test_a_local_instance_has_no_library_endpoint(client, settings):
    settings.GOODCATCH_MODE = "local"
    assert get_library(client, registered_sender("north")).status_code == 404


# At a sending instance ------------------------------------------------------------------------------

def test_what_is_fetched_replaces_the_copy_and_malformed_items_are_left_out():
    malformed = [served_entry(key="../../admin"), served_entry(kind="report"), served_entry(key="8", title=""),
                 served_entry(key="9", published_at="2026-11-02T09:00:00"),  # no offset
                 served_entry(key="10", sections=[{"heading": "x", "entries": [{"text": 5}]}]),
                 served_entry(key="11", title="t" * 201), "not an item"]
    stored = hub_library.store([served_entry(), served_entry(key="12", title="Vignette", kind="vignette"), *malformed,
                                served_entry(title="The same key again")])
    assert sorted((row.kind, row.key, row.title) for row in stored) == [
        ("bulletin", "7", NATIONAL_TITLE), ("vignette", "12", "Vignette")]

    hub_library.store([served_entry(key="12", title="Vignette", kind="vignette")])  # the hub withdrew the bulletin
    assert list(HubLearningItem.objects.values_list("key", flat=True)) == ["12"]


def test_every_member_reads_the_hubs_learning_in_their_library_and_outsiders_do_not(client, django_user_model):
    hub_library.store([served_entry()])
    council = OrganisationFactory(slug="north-council")
    sign_in(client, member(council, Role.REPORTER))

    listed = client.get("/library/", {"source": library.HUB})
    assert [item.title for item in listed.context["page"].object_list] == [NATIONAL_TITLE]
    assert "The national hub" in listed.content.decode()  # the filter names the source
    page = client.get(f"/library/bulletin/{library.HUB_KEY_PREFIX}7/")
    assert page.status_code == 200
    assert "Referrals waited where nobody was looking." in page.content.decode()

    client.logout()
    outsider = django_user_model.objects.create_user("outsider", password="x-long-password-1")
    client.force_login(outsider)
    assert client.get(f"/library/bulletin/{library.HUB_KEY_PREFIX}7/").status_code == 403


def test_nothing_is_fetched_by_an_instance_that_does_not_send_to_a_hub():
    assert fetch_hub_library.enqueue().return_value["outcome"] == "off"
    assert not HubLibraryFetch.objects.exists()


# Two live instances -----------------------------------------------------------------------------------

PUBLISH_AT_HUB = f"""
from sharing.national import national_organisation
from tests.sharing import factories_library as make
organisation = national_organisation()
make.published_bulletin(organisation, by=make.publisher(organisation), title={NATIONAL_TITLE!r},
                        introduction="What the country learned about referrals that waited.", action={NATIONAL_ACTION!r})
"""


def test_a_sender_fetches_the_hubs_national_bulletin_and_keeps_it_while_the_hub_is_down(client, live_hub, sender):
    live_hub.manage(live_hub.directory, live_hub.database, "shell", "-c", PUBLISH_AT_HUB)
    council = OrganisationFactory(slug="north-council")

    # The hub is down: nothing to show yet, and the next try waits out the backoff.
    assert fetch_hub_library.enqueue().return_value["outcome"] == "failed"
    assert fetch_hub_library.enqueue().return_value["outcome"] == "waiting"

    live_hub.start()
    later = timezone.now() + timedelta(hours=1)
    fetched = hub_library.fetch_due(now=later)
    assert (fetched.outcome, fetched.items, fetched.left_out) == ("fetched", 2, 0)
    sign_in(client, member(council, Role.REPORTER))
    listed = client.get("/library/", {"source": library.HUB})
    assert [(item.kind, item.title) for item in listed.context["page"].object_list][0] == ("bulletin", NATIONAL_TITLE)
    assert len(listed.context["page"].object_list) == 2

    # Down again: the fetch fails, and the library keeps what it had.
    live_hub.stop()
    assert hub_library.fetch_due(now=later + timedelta(hours=1)).outcome == "failed"
    assert HubLearningItem.objects.count() == 2
    assert NATIONAL_ACTION in client.get("/library/", {"q": "bank holidays"}).content.decode()
