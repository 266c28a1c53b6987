"""`manage.py partnership`: the operator creates partnerships, invites organisations, lists them."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from protection.models import AuditEntry
from sharing.models import Partnership, PartnershipMember
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("partnership", *args, stdout=out)
    return out.getvalue()


def test_create_invites_each_organisation_and_audits_it_there():
    council = OrganisationFactory(slug="north-council")
    police = OrganisationFactory(slug="north-police")
    _run("create", "--slug", "north-lscp", "--name", "North LSCP", "--organisation", "north-council",
         "--organisation", "north-police")
    made = Partnership.objects.get(slug="north-lscp")
    assert made.name == "North LSCP"
    rows = PartnershipMember.objects.filter(partnership=made)
    assert {row.organisation_id for row in rows} == {council.pk, police.pk}
    assert all(row.joined_at is None for row in rows)  # invited, not yet in
    for organisation in (council, police):
        entry = AuditEntry.objects.get(action="sharing.partnership_invite", organisation_id=organisation.pk)
        assert entry.actor_label == "manage.py partnership"


def test_invite_adds_an_organisation_and_list_shows_who_is_in():
    OrganisationFactory(slug="north-council")
    OrganisationFactory(slug="north-school")
    _run("create", "--slug", "north-lscp", "--name", "North LSCP", "--organisation", "north-council")
    _run("invite", "--slug", "north-lscp", "--organisation", "north-school")
    PartnershipMember.objects.filter(organisation__slug="north-council").update(joined_at=Partnership.objects.get().created_at)
    listed = _run("list")
    assert "north-lscp\tNorth LSCP" in listed
    assert "north-council\tjoined" in listed and "north-school\tinvited" in listed


def test_mistakes_are_refused_with_a_clear_message():
    OrganisationFactory(slug="north-council")
    with pytest.raises(CommandError, match="no organisation with the slug 'nowhere'|no organisation with the slug nowhere"):
        _run("create", "--slug", "north-lscp", "--name", "North LSCP", "--organisation", "nowhere")
    assert not Partnership.objects.exists()  # nothing half-made
    _run("create", "--slug", "north-lscp", "--name", "North LSCP")
    with pytest.raises(CommandError, match="already a partnership"):
        _run("create", "--slug", "north-lscp", "--name", "Again")
    with pytest.raises(CommandError, match="no partnership"):
        _run("invite", "--slug", "south-lscp", "--organisation", "north-council")
