from django.urls import path

from culture import survey_views, views

app_name = "culture"
urlpatterns: list = [
    path("o/<slug:org_slug>/culture/", views.wave_list, name="waves"),
    path("o/<slug:org_slug>/culture/waves/<int:wave_id>/", views.wave_detail, name="wave"),
    path("o/<slug:org_slug>/culture/waves/<int:wave_id>/invitations/", views.wave_invitations, name="wave-invitations"),
    path("o/<slug:org_slug>/culture/waves/<int:wave_id>/close/", views.wave_close, name="wave-close"),
    path("o/<slug:org_slug>/culture-results/", views.results, name="results"),
    # Under /survey/, an anonymous route (core.anonymity): no session, address, device or cookies.
    path("survey/thank-you/", survey_views.thanks, name="thanks"),
    path("survey/<str:token>/", survey_views.survey, name="survey"),
]
