from django.urls import path  # noqa: F401  (each part adds its paths here)

app_name = "learning"
urlpatterns: list = []

from learning import action_views  # noqa: E402  (the actions part)

urlpatterns += [
    path("o/<slug:org_slug>/actions/", action_views.action_list, name="actions"),
    path("o/<slug:org_slug>/actions/overview/", action_views.action_overview, name="action-overview"),
    path("o/<slug:org_slug>/actions/new/", action_views.action_new, name="action-new"),
    path("o/<slug:org_slug>/actions/<int:action_id>/", action_views.action_detail, name="action"),
    path("o/<slug:org_slug>/actions/<int:action_id>/edit/", action_views.action_edit, name="action-edit"),
    path("o/<slug:org_slug>/actions/<int:action_id>/move/", action_views.action_move, name="action-move"),
    path("o/<slug:org_slug>/actions/<int:action_id>/link/", action_views.action_link, name="action-link"),
    path("o/<slug:org_slug>/actions/<int:action_id>/unlink/", action_views.action_unlink, name="action-unlink"),
    path("o/<slug:org_slug>/actions/<int:action_id>/strength/", action_views.action_strength, name="action-strength"),
    path("o/<slug:org_slug>/actions/<int:action_id>/review/", action_views.action_review, name="action-review"),
    path("o/<slug:org_slug>/actions/<int:action_id>/verify/", action_views.action_verify, name="action-verify"),
]

from learning import review_part_views, review_views, supervision_views  # noqa: E402

urlpatterns += [
    path("o/<slug:org_slug>/reviews/", review_views.review_list, name="reviews"),
    path("o/<slug:org_slug>/reviews/new/", review_views.review_new, name="review-new"),
    path("o/<slug:org_slug>/reviews/<int:review_id>/", review_views.review_detail, name="review"),
    path("o/<slug:org_slug>/reviews/<int:review_id>/edit/", review_views.review_edit, name="review-edit"),
    path("o/<slug:org_slug>/reviews/<int:review_id>/reports/", review_views.review_reports, name="review-reports"),
    path("o/<slug:org_slug>/reviews/<int:review_id>/reports/unlink/", review_views.review_unlink, name="review-unlink"),
    path("o/<slug:org_slug>/reviews/<int:review_id>/status/", review_views.review_status, name="review-status"),
    path("o/<slug:org_slug>/reviews/<int:review_id>/new-version/", review_views.review_new_version,
         name="review-new-version"),
    path("o/<slug:org_slug>/reviews/<int:review_id>/accept/", review_views.review_accept, name="review-accept"),
    path("o/<slug:org_slug>/reviews/<int:review_id>/supervision/", supervision_views.review_vignette,
         name="supervision-review"),
    path("o/<slug:org_slug>/reviews/<int:review_id>/supervision.txt", supervision_views.review_vignette_text,
         name="supervision-review-text"),
    path("o/<slug:org_slug>/reviews/<int:review_id>/<slug:part>/add/", review_part_views.part_add,
         name="review-part-add"),
    path("o/<slug:org_slug>/reviews/<int:review_id>/<slug:part>/remove/", review_part_views.part_remove,
         name="review-part-remove"),
    path("o/<slug:org_slug>/reviews/<int:review_id>/<slug:part>/<int:item_id>/", review_part_views.part_edit,
         name="review-part-edit"),
    path("o/<slug:org_slug>/reports/<str:reference>/supervision/", supervision_views.report_vignette,
         name="supervision-report"),
    path("o/<slug:org_slug>/reports/<str:reference>/supervision.txt", supervision_views.report_vignette_text,
         name="supervision-report-text"),
]
