"""Who may do what, as one table. Every view checks a permission from here, never a role name."""

from __future__ import annotations

from organisations.models import Role

VIEW_QUEUE = "view_queue"
VIEW_REPORT = "view_report"
TRIAGE_REPORT = "triage_report"
MESSAGE_REPORTER = "message_reporter"
CONFIRM_DEID = "confirm_deid"
SUBMIT_AS_STAFF = "submit_as_staff"
USE_API = "use_api"
MANAGE_MEMBERS = "manage_members"

PERMISSIONS: dict[str, frozenset[str]] = {
    Role.REPORTER: frozenset({SUBMIT_AS_STAFF}),
    Role.REVIEWER: frozenset({SUBMIT_AS_STAFF, VIEW_QUEUE, VIEW_REPORT, TRIAGE_REPORT, MESSAGE_REPORTER, CONFIRM_DEID, USE_API}),
    Role.CUSTODIAN: frozenset({SUBMIT_AS_STAFF, VIEW_QUEUE, VIEW_REPORT}),
    Role.MANAGER: frozenset({SUBMIT_AS_STAFF, VIEW_QUEUE, VIEW_REPORT, USE_API}),
    Role.ADMIN: frozenset(
        {SUBMIT_AS_STAFF, VIEW_QUEUE, VIEW_REPORT, TRIAGE_REPORT, MESSAGE_REPORTER, CONFIRM_DEID, USE_API, MANAGE_MEMBERS}
    ),
}


def role_has(role: str, permission: str) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())
