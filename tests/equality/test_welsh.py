"""The profile page every member sees reads in Welsh for a Welsh speaker."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from organisations.models import Role
from tests.equality.factories import monitoring_on
from tests.factories import member, sign_in

pytestmark = pytest.mark.django_db


def test_the_profile_page_reads_in_welsh(client, organisation):
    monitoring_on(organisation)
    sign_in(client, member(organisation, Role.REPORTER, username="jo"))
    with translation.override("cy"):
        page = client.get(reverse("equality:my-profile", kwargs={"org_slug": organisation.slug}),
                          headers={"accept-language": "cy"}).content.decode()
    for welsh in ("Eich proffil cydraddoldeb", "Beth yw eich grŵp ethnig?", "Sipsi neu Deithiwr Gwyddelig",
                  "Ydych chi&#x27;n anabl?", "Cadw fy mhroffil"):
        assert welsh in page, welsh
