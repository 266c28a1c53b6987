"""Sharing's pages. Each part adds its own paths here."""

from django.urls import path

from sharing import agreements_views, clearance_views, library_views, partnership_views

app_name = "sharing"

urlpatterns: list = [
    # Safeguarding partnerships (sharing.partnerships): an organisation's memberships, and the combined view,
    # which belongs to no one organisation.
    path("o/<slug:org_slug>/sharing/partnerships/", partnership_views.partnership_list, name="partnerships"),
    path("o/<slug:org_slug>/sharing/partnerships/<slug:partnership_slug>/join/", partnership_views.partnership_join,
         name="partnership-join"),
    path("o/<slug:org_slug>/sharing/partnerships/<slug:partnership_slug>/leave/", partnership_views.partnership_leave,
         name="partnership-leave"),
    path("partnerships/<slug:partnership_slug>/", partnership_views.partnership_view, name="partnership"),
    # Partner agencies (sharing agreements)
    path("o/<slug:org_slug>/sharing/agreements/", agreements_views.agreement_list, name="agreements"),
    path("o/<slug:org_slug>/sharing/agreements/new/", agreements_views.agreement_new, name="agreement-new"),
    path("o/<slug:org_slug>/sharing/agreements/<int:agreement_id>/", agreements_views.agreement_detail,
         name="agreement"),
    path("o/<slug:org_slug>/sharing/agreements/<int:agreement_id>/accept/", agreements_views.agreement_accept,
         name="agreement-accept"),
    path("o/<slug:org_slug>/sharing/agreements/<int:agreement_id>/decline/", agreements_views.agreement_decline,
         name="agreement-decline"),
    path("o/<slug:org_slug>/sharing/agreements/<int:agreement_id>/end/", agreements_views.agreement_end,
         name="agreement-end"),
    path("o/<slug:org_slug>/sharing/agreements/<int:agreement_id>/reports/<str:public_id>/",
         agreements_views.agreement_report, name="agreement-report"),
    path("o/<slug:org_slug>/sharing/agreements/proposed-actions/<int:proposal_id>/",
         agreements_views.proposed_action_answer, name="proposed-action-answer"),
    path("o/<slug:org_slug>/sharing/agreements/perspectives/<int:perspective_id>/to-review/",
         agreements_views.perspective_to_review, name="perspective-to-review"),
    path("o/<slug:org_slug>/sharing/partners/<int:agreement_id>/reports/", agreements_views.partner_reports,
         name="partner-reports"),
    path("o/<slug:org_slug>/sharing/partners/<int:agreement_id>/reports/<str:public_id>/",
         agreements_views.partner_report, name="partner-report"),
    path("o/<slug:org_slug>/sharing/partners/<int:agreement_id>/reports/<str:public_id>/perspective/",
         agreements_views.partner_perspective, name="partner-perspective"),
    path("o/<slug:org_slug>/sharing/partners/<int:agreement_id>/reports/<str:public_id>/propose-action/",
         agreements_views.partner_propose_action, name="partner-propose-action"),
    path("o/<slug:org_slug>/sharing/clear/<str:reference>/", clearance_views.clear, name="clear"),
    path("o/<slug:org_slug>/sharing/cleared/", clearance_views.cleared, name="cleared"),
    path("library/", library_views.library_list, name="library"),
    path("library/feed.atom", library_views.library_feed, name="library-feed"),
    path("library/feed/", library_views.library_feed_link, name="library-feed-link"),
    path("library/feed/<slug:token>.atom", library_views.library_token_feed, name="library-token-feed"),
    path("library/<slug:kind>/<slug:key>/", library_views.library_item, name="library-item"),
    path("o/<slug:org_slug>/sharing/library-settings/", library_views.library_settings, name="library-settings"),
    path("o/<slug:org_slug>/sharing/library-vignettes/", library_views.library_vignettes, name="library-vignettes"),
]
