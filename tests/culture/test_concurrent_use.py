"""A link sent twice at the same moment (a double tap, two tabs) still records one response."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from culture import responding, waves
from culture.models import Response
from tests.culture.factories import answers, token_of
from tests.factories import OrganisationFactory


@pytest.mark.skipif("connection.vendor != 'postgresql'",
                    reason="SQLite's test database is one shared in-memory connection, so it cannot race")
def test_two_submissions_at_once_record_one_response(transactional_db):
    organisation = OrganisationFactory(slug="race")
    wave = waves.open_wave(organisation, teams=["Duty"])
    token = token_of(waves.issue_invitations(wave, 1)[0])
    start = threading.Barrier(4)
    outcomes = []

    def send(value: int) -> None:
        try:
            start.wait()
            outcomes.append(responding.submit_response(token, team="Duty", answers=answers(value)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(v,)) for v in (1, 2, 4, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(o.value for o in outcomes) == ["answered", "used", "used", "used"]
    assert Response.objects.count() == 1
    assert connection.vendor == "postgresql"
