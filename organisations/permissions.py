"""Who may do what, as one table. Every view checks a permission from here, never a role name.

A test walks every URL against every role and compares the answers with this table.
"""

from __future__ import annotations

from organisations.models import Role

SUBMIT_AS_STAFF = "submit_as_staff"        # report confidentially or openly while signed in
VIEW_QUEUE = "view_queue"                  # the triage queue (de-identified data only)
VIEW_REPORT = "view_report"                # a report's de-identified detail
VIEW_AGGREGATES = "view_aggregates"        # suppressed counts
TRIAGE_REPORT = "triage_report"            # move a report through its lifecycle
MESSAGE_REPORTER = "message_reporter"
CONFIRM_DEID = "confirm_deid"              # check a redaction against the sealed original
JUST_CULTURE = "just_culture"              # take an action through the decision aid
APPROVE_REFERRAL = "approve_referral"      # second person for a deliberate-harm referral
REQUEST_BREAK_GLASS = "request_break_glass"
APPROVE_BREAK_GLASS = "approve_break_glass"  # the custodian's role
USE_API = "use_api"
VIEW_AUDIT = "view_audit"
MANAGE_MEMBERS = "manage_members"
MANAGE_LEARNED_TERMS = "manage_learned_terms"  # see and remove the words reviewers taught the engine
CODE_REPORT = "code_report"                # code a de-identified report's contributing factors and risk
MANAGE_TAXONOMY = "manage_taxonomy"        # add, rename and retire codes; set the risk matrix
READ_LEARNING = "read_learning"            # published bulletins: every member of the organisation
MANAGE_ACTIONS = "manage_actions"          # propose, own and move actions through their lifecycle
RUN_LEARNING_REVIEW = "run_learning_review"  # systems-based learning reviews and supervision packs
PUBLISH_BULLETIN = "publish_bulletin"      # assemble, check and publish learning bulletins
MANAGE_SURVEY = "manage_survey"            # open and close learning-culture survey waves, issue invitations
VIEW_CULTURE_RESULTS = "view_culture_results"  # suppressed learning-culture survey results
CLEAR_FOR_SHARING = "clear_for_sharing"    # make a confirmed report's shareable copy, or withdraw it (sharing)
MANAGE_SHARING = "manage_sharing"          # propose, accept and end sharing agreements; join partnerships
READ_SHARED = "read_shared"                # read partners' cleared reports under an agreement; add a perspective
VIEW_PARTNERSHIP = "view_partnership"      # a safeguarding partnership's combined, suppressed view
# Equality monitoring figures: admins hold it by role; a member named equality lead holds it too
# (Membership.equality_lead), whatever their role. Never reviewers as such.
VIEW_EQUALITY = "view_equality"

_REVIEWING = {SUBMIT_AS_STAFF, VIEW_QUEUE, VIEW_REPORT, VIEW_AGGREGATES, TRIAGE_REPORT, MESSAGE_REPORTER,
              CONFIRM_DEID, JUST_CULTURE, REQUEST_BREAK_GLASS, USE_API, CODE_REPORT, READ_LEARNING, MANAGE_ACTIONS,
              RUN_LEARNING_REVIEW, PUBLISH_BULLETIN, CLEAR_FOR_SHARING, READ_SHARED, VIEW_PARTNERSHIP}

PERMISSIONS: dict[str, frozenset[str]] = {
    Role.REPORTER: frozenset({SUBMIT_AS_STAFF, READ_LEARNING}),
    Role.REVIEWER: frozenset(_REVIEWING),
    Role.CUSTODIAN: frozenset({SUBMIT_AS_STAFF, VIEW_QUEUE, VIEW_REPORT, VIEW_AGGREGATES, JUST_CULTURE,
                               APPROVE_REFERRAL, APPROVE_BREAK_GLASS, READ_LEARNING}),
    # A manager sees aggregates and de-identified text only, never an identity or an original.
    Role.MANAGER: frozenset({SUBMIT_AS_STAFF, VIEW_QUEUE, VIEW_REPORT, VIEW_AGGREGATES, USE_API, READ_LEARNING,
                             MANAGE_ACTIONS, VIEW_CULTURE_RESULTS, READ_SHARED, VIEW_PARTNERSHIP}),
    Role.ADMIN: frozenset(_REVIEWING | {APPROVE_REFERRAL, VIEW_AUDIT, MANAGE_MEMBERS, MANAGE_LEARNED_TERMS,
                                         MANAGE_TAXONOMY, MANAGE_SURVEY, VIEW_CULTURE_RESULTS, VIEW_EQUALITY,
                                         MANAGE_SHARING}),
}

# Reviewers, custodians and admins hold sealed-data powers, and managers read every de-identified
# report, so all of them must sign in with a second factor.
TWO_FACTOR_ROLES = frozenset({Role.REVIEWER, Role.CUSTODIAN, Role.MANAGER, Role.ADMIN})


def role_has(role: str, permission: str) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())


def member_has(role: str, permission: str, *, equality_lead: bool = False) -> bool:
    """What one member may do: their role's permissions, and VIEW_EQUALITY for a named equality lead.

    The lead is a duty given to a person, not a role: it adds that one permission and nothing else."""
    return role_has(role, permission) or (equality_lead and permission == VIEW_EQUALITY)
