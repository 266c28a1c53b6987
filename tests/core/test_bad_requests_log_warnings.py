"""A client's bad request is one WARNING line, never an ERROR with a traceback; and every handler
still removes the client's address and device (core.anonymity)."""

from __future__ import annotations

import logging
import sys

import pytest
from django.test import Client

from core.anonymity import StripClientDetails
from core.logfilters import ClientErrorsAreWarnings

IP = "198.51.100.23"


def request_records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith(("django.security", "django.request"))]


def assert_one_plain_warning(caplog, logger: str, message: str) -> None:
    (record,) = request_records(caplog)
    assert record.name == logger
    assert record.levelno == logging.WARNING
    assert record.getMessage() == message
    assert record.exc_info is None and not record.exc_text
    assert "Traceback" not in caplog.text and IP not in caplog.text


@pytest.mark.django_db
def test_a_form_post_too_big_to_read_is_a_warning_without_a_traceback(caplog):
    big = "x" * 1_100_000
    with caplog.at_level(logging.INFO):
        response = Client().post("/sign-in/", f"username=someone&password={big}",
                                 content_type="application/x-www-form-urlencoded", REMOTE_ADDR=IP)
    assert response.status_code == 400
    assert_one_plain_warning(caplog, "django.security.RequestDataTooBig",
                             "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")


@pytest.mark.django_db
def test_a_request_for_another_host_is_a_warning_without_a_traceback(caplog):
    with caplog.at_level(logging.INFO):
        response = Client().get("/", HTTP_HOST="intranet.attacker.example", REMOTE_ADDR=IP)
    assert response.status_code == 400
    (record,) = request_records(caplog)
    assert record.name == "django.security.DisallowedHost" and record.levelno == logging.WARNING
    assert record.exc_info is None and "Traceback" not in caplog.text


@pytest.mark.django_db
def test_too_many_fields_is_a_warning_without_a_traceback(caplog, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    with caplog.at_level(logging.INFO):
        response = Client().post("/sign-in/", "&".join(f"f{i}=v" for i in range(20)),
                                 content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    (record,) = request_records(caplog)
    assert record.name == "django.security.TooManyFieldsSent" and record.levelno == logging.WARNING
    assert "Traceback" not in caplog.text


def test_a_server_error_keeps_its_level_and_traceback():
    try:
        raise RuntimeError("the database went away")
    except RuntimeError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: /",
                                   None, sys.exc_info())
    record.status_code = 500
    assert ClientErrorsAreWarnings().filter(record)
    assert record.levelno == logging.ERROR and record.exc_info is not None


def test_every_handler_has_both_filters_and_django_keeps_no_handler_of_its_own():
    handlers = [*logging.getLogger().handlers, *logging.getLogger("django.server").handlers]
    ours = [h for h in handlers if type(h).__module__ == "logging"]  # not pytest's capture handlers
    assert ours
    for handler in ours:
        kinds = [type(f) for f in handler.filters]
        assert kinds == [ClientErrorsAreWarnings, StripClientDetails]
    assert logging.getLogger("django").handlers == []
