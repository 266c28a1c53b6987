"""A member's equality profile is sealed like a reporter's identity: no answer in the clear anywhere in
the database, every reading audited, only its owner ever sees it, and deleting it erases it."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse

from equality import profiles
from organisations.models import Role
from organisations.services import access_for
from protection.models import AuditEntry, SealedRecord
from tests.equality.factories import monitoring_on, staff
from tests.factories import member, sign_in

pytestmark = pytest.mark.django_db


def _everything_stored() -> str:
    """Every row of every table, as text, binary columns included."""
    text = []
    for model in apps.get_models():
        for row in model.objects.values():
            text.extend(bytes(v).decode("latin-1") if isinstance(v, bytes | memoryview) else str(v)
                        for v in row.values())
    return "\n".join(text)


def test_the_database_holds_no_answer_in_the_clear(organisation):
    monitoring_on(organisation)
    user = staff(organisation, "amara", ethnicity="black_african", disability="yes", sex="female")
    stored = _everything_stored()
    for clear in ("black_african", "African", "Black", '"disability"', "female"):
        assert clear not in stored, clear
    record = SealedRecord.objects.get(subject=profiles.subject_for_user(user.pk))
    assert record.kind == profiles.PROFILE_KIND and record.ciphertext


def test_reading_a_profile_back_writes_an_audit_entry(organisation):
    monitoring_on(organisation)
    user = staff(organisation, "amara", ethnicity="asian_bangladeshi")
    before = AuditEntry.objects.filter(action="sealed.open").count()
    profile = profiles.own_profile(access_for(user, organisation.slug), user)
    assert profile.ethnicity == "asian_bangladeshi" and profile.ethnic_group == "asian"
    entry = AuditEntry.objects.filter(action="sealed.open").last()
    assert AuditEntry.objects.filter(action="sealed.open").count() == before + 1
    assert entry.actor_id == user.pk and entry.subject == profiles.subject_for_user(user.pk)
    assert entry.detail["kind"] == "equality"


def test_a_member_records_changes_and_deletes_their_profile_on_their_page(client, organisation):
    monitoring_on(organisation)
    user = member(organisation, Role.REPORTER, username="jo")
    sign_in(client, user)
    url = reverse("equality:my-profile", kwargs={"org_slug": organisation.slug})
    page = client.get(url)
    assert page.status_code == 200 and "Prefer not to say" in page.content.decode()
    assert "Gypsy or Irish Traveller" in page.content.decode()
    response = client.post(url, {"ethnicity": "white_irish", "disability": "no", "sex": "male"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert 'value="white_irish" checked' in page
    client.post(url, {"ethnicity": "mixed_white_black_caribbean", "disability": "prefer_not_to_say", "sex": "male"})
    assert profiles.own_profile(access_for(user, organisation.slug), user).ethnicity == "mixed_white_black_caribbean"
    assert SealedRecord.objects.filter(subject=profiles.subject_for_user(user.pk)).count() == 1

    delete = reverse("equality:delete-profile", kwargs={"org_slug": organisation.slug})
    assert "Delete my profile" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    # Really gone: not overwritten and kept, but no row at all.
    assert not SealedRecord.objects.filter(subject=profiles.subject_for_user(user.pk)).exists()
    assert profiles.own_profile(access_for(user, organisation.slug), user) is None
    assert AuditEntry.objects.filter(action="sealed.erase", actor_id=user.pk).exists()
    assert 'checked' not in client.get(url).content.decode()


def test_an_incomplete_form_says_what_is_missing(client, organisation):
    monitoring_on(organisation)
    sign_in(client, member(organisation, Role.REPORTER, username="jo"))
    response = client.post(reverse("equality:my-profile", kwargs={"org_slug": organisation.slug}), {"sex": "female"})
    assert response.status_code == 400
    assert "Select your ethnic group, or prefer not to say" in response.content.decode()
    assert not SealedRecord.objects.filter(kind=profiles.PROFILE_KIND).exists()


def test_an_answer_outside_the_lists_is_refused(client, organisation):
    monitoring_on(organisation)
    sign_in(client, member(organisation, Role.REPORTER, username="jo"))
    response = client.post(reverse("equality:my-profile", kwargs={"org_slug": organisation.slug}),
                           {"ethnicity": "martian", "disability": "no", "sex": "female"})
    assert response.status_code == 400
    with pytest.raises(ValueError):
        profiles.Profile(ethnicity="white_irish", disability="maybe", sex="female")


def test_with_monitoring_off_no_profile_is_collected_but_one_can_still_be_deleted(client, organisation):
    monitoring_on(organisation)
    user = staff(organisation, "jo")
    organisation.equality_monitoring_enabled = False
    organisation.save()
    sign_in(client, user)
    url = reverse("equality:my-profile", kwargs={"org_slug": organisation.slug})
    page = client.get(url).content.decode()
    assert "Equality monitoring is off" in page and "ethnicity" not in page
    client.post(url, {"ethnicity": "white_irish", "disability": "no", "sex": "male"})
    with pytest.raises(profiles.MonitoringOff):
        profiles.record_profile(access_for(user, organisation.slug), user,
                                profiles.Profile(ethnicity="white_irish", disability="no", sex="male"))
    client.post(reverse("equality:delete-profile", kwargs={"org_slug": organisation.slug}))
    assert not SealedRecord.objects.filter(kind=profiles.PROFILE_KIND).exists()


def test_a_profile_belongs_to_one_organisation(organisation, other_organisation):
    monitoring_on(organisation)
    monitoring_on(other_organisation)
    user = staff(organisation, "jo", ethnicity="other_arab")
    from organisations.services import add_member

    add_member(other_organisation, user, Role.REPORTER)
    assert profiles.own_profile(access_for(user, other_organisation.slug), user) is None
    assert profiles.profiles_for_aggregate(access_for(user, other_organisation.slug), actor=user) == {}


def test_the_audit_log_names_whose_profile_and_never_what_it_says(client, organisation):
    monitoring_on(organisation)
    user = staff(organisation, "jo", ethnicity="white_gypsy_traveller")
    profiles.own_profile(access_for(user, organisation.slug), user)
    sign_in(client, member(organisation, Role.ADMIN, username="ada"))
    page = client.get(reverse("organisations:audit-log", kwargs={"org_slug": organisation.slug})).content.decode()
    assert "Equality profile of jo" in page and "recorded or changed their own equality profile" in page
    assert "Gypsy" not in page and "gypsy" not in page
