"""A client's bad request is not a fault in the service: log it as one line, at WARNING.

Django logs a SuspiciousOperation (a body too big, a bad Host header, too many fields) at ERROR on
``django.security.<name>``, and a BadRequest or PermissionDenied on ``django.request``, each with a
traceback of Django's own code. Nothing in that traceback helps an operator, and ERROR pages them
for something a client did. ``ClientErrorsAreWarnings`` goes on every handler, first (a filter on a
logger would not see records from its children): a record that carries a 4xx ``status_code`` (all
of Django's request logging does) becomes a WARNING without its traceback.
"""

from __future__ import annotations

import logging


class ClientErrorsAreWarnings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if not (isinstance(status, int) and 400 <= status < 500):
            return True
        record.exc_info = record.exc_text = record.stack_info = None
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
            # Let it through only where a warning would have been (LOG_LEVEL=ERROR keeps it out).
            return logging.getLogger(record.name).isEnabledFor(logging.WARNING)
        return True
