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
