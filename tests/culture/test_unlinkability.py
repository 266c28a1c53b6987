"""Nobody, the database's owner included, can tell which link gave which answers.

The test knows the truth (respondent i used link i and answered with a signature of i) and tries
every way of joining the two tables it can think of: shared columns, ids, times, row order, the
database's own row order and transaction stamps, the audit log and the logs. Each finds nothing,
or pairs no better than chance."""

from __future__ import annotations

import logging
import random

import pytest
from django.db import connection, models

from culture import item_bank, responding, waves
from culture.models import Invitation, Response, Wave
from protection.models import AuditEntry
from tests.culture.factories import answers, token_of

pytestmark = pytest.mark.django_db
PEOPLE = 30
KEYS = [item.key for item in item_bank.items_of(item_bank.CURRENT_VERSION)][:3]


def _signature(i: int) -> dict[str, int]:
    """Answers that say who answered, in base 5 over three statements: the test's ground truth."""
    return {KEYS[0]: 1 + i % 5, KEYS[1]: 1 + (i // 5) % 5, KEYS[2]: 1 + (i // 25) % 5}


def _who(response_answers: dict) -> int:
    return sum((response_answers[KEYS[d]] - 1) * 5 ** d for d in range(3))


@pytest.fixture
def answered(organisation, caplog):
    """PEOPLE links, used in a shuffled order; returns (wave, token hash of each person, order of use)."""
    wave = waves.open_wave(organisation, teams=["Duty"])
    tokens = [token_of(url) for url in waves.issue_invitations(wave, PEOPLE)]
    order = list(range(PEOPLE))
    random.Random(13).shuffle(order)
    audit_before = AuditEntry.objects.count()
    caplog.set_level(logging.DEBUG)
    for person in order:
        state = responding.submit_response(tokens[person], team="Duty", answers=answers(3, **_signature(person)))
        assert state == responding.LinkState.ANSWERED
    return {"wave": wave, "hashes": [waves.token_hash(t) for t in tokens], "tokens": tokens, "order": order,
            "audit_before": audit_before}


def _physical_order(model) -> list:
    """The database's own order of rows, which follows the order they were written."""
    table = model._meta.db_table
    column = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {model._meta.pk.column} FROM {table} ORDER BY {column}")  # noqa: S608 - our table names
        return [model._meta.pk.to_python(row[0]) for row in cursor.fetchall()]


def _matches(pairs: list[tuple[int, int]]) -> int:
    return sum(1 for guessed, truth in pairs if guessed == truth)


def test_a_response_has_no_column_that_points_at_an_invitation():
    response_fields = {f.name: f for f in Response._meta.get_fields() if f.concrete}
    assert set(response_fields) == {"id", "wave", "team", "answers"}
    assert isinstance(response_fields["id"], models.UUIDField)  # random, not in the order written
    for model in (Response, Invitation):
        times = [f.name for f in model._meta.get_fields() if isinstance(f, models.DateField | models.TimeField)]
        assert times == [], f"{model.__name__} must carry no time of its own"
    assert not any(f.related_model is Invitation for f in Response._meta.get_fields())
    assert {f.name for f in Invitation._meta.get_fields() if f.concrete} == {"id", "wave", "token_hash", "used"}


def test_no_value_in_a_response_row_appears_in_an_invitation_row(answered):
    invitation_values = {str(v) for row in Invitation.objects.values_list("id", "token_hash") for v in row}
    for response in Response.objects.all():
        for value in (str(response.pk), response.pk.hex, response.team, str(response.answers)):
            assert value not in invitation_values
            assert not any(value in h for h in answered["hashes"]) or value == ""


def test_ordering_by_ids_pairs_no_better_than_chance(answered):
    # Guess: the n-th used link (by id) gave the n-th response (by id).
    used = list(Invitation.objects.filter(used=True).order_by("pk").values_list("token_hash", flat=True))
    person_of_hash = {h: i for i, h in enumerate(answered["hashes"])}
    responses = list(Response.objects.order_by("pk").values_list("answers", flat=True))
    pairs = [(person_of_hash[h], _who(a)) for h, a in zip(used, responses, strict=True)]
    assert _matches(pairs) <= 5  # a random pairing of 30 matches about 1


def test_the_order_rows_were_written_does_not_pair_them(answered):
    person_of_hash = {h: i for i, h in enumerate(answered["hashes"])}
    invitation_hash = dict(Invitation.objects.values_list("pk", "token_hash"))
    used_ids = set(Invitation.objects.filter(used=True).values_list("pk", flat=True))
    response_answers = dict(Response.objects.values_list("pk", "answers"))

    def attempt() -> int:
        links = [person_of_hash[invitation_hash[pk]] for pk in _physical_order(Invitation) if pk in used_ids]
        people = [_who(response_answers[pk]) for pk in _physical_order(Response)]
        return _matches(list(zip(links, people, strict=True)))

    if connection.vendor != "postgresql":
        # SQLite keeps a marked row where it was, so the links' order is the order they were made.
        assert attempt() <= 5
    invitation_hash_before = invitation_hash
    waves.close_wave(answered["wave"])
    invitation_hash = dict(Invitation.objects.values_list("pk", "token_hash"))
    assert set(invitation_hash.values()) == set(invitation_hash_before.values())
    used_ids = set(invitation_hash)  # used marks are gone once closed: try every link
    response_answers = dict(Response.objects.values_list("pk", "answers"))
    assert attempt() <= 5
    # Nor does the order of responses follow the order people answered.
    people = [_who(response_answers[pk]) for pk in _physical_order(Response)]
    assert _matches(list(zip(people, answered["order"], strict=True))) <= 5


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's transaction stamps")
def test_once_closed_the_transaction_stamps_pair_nothing(answered):
    waves.close_wave(answered["wave"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(DISTINCT xmin::text) FROM culture_response WHERE wave_id = %s", [answered["wave"].pk])
        assert cursor.fetchone()[0] == 1
        cursor.execute("SELECT count(DISTINCT xmin::text) FROM culture_invitation WHERE wave_id = %s",
                       [answered["wave"].pk])
        assert cursor.fetchone()[0] == 1


def test_answering_writes_nothing_to_the_audit_log_or_the_logs(answered, caplog):
    assert AuditEntry.objects.count() == answered["audit_before"]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for token, digest in zip(answered["tokens"], answered["hashes"], strict=True):
        assert token not in logged and digest not in logged
    for pk in Response.objects.values_list("pk", flat=True):
        assert str(pk) not in logged and pk.hex not in logged


def test_the_wave_is_the_finest_time_a_response_has(answered):
    wave = Wave.objects.get(pk=answered["wave"].pk)
    assert Response.objects.filter(wave=wave).count() == PEOPLE
    # What can be said of when someone answered: during the wave, and nothing finer.
    assert {f.name for f in Response._meta.get_fields() if f.concrete} - {"id", "team", "answers"} == {"wave"}
