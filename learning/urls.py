from django.urls import path  # noqa: F401  (each part adds its paths here)

from learning import bulletin_views

app_name = "learning"
urlpatterns: list = []
urlpatterns += [
    path("o/<slug:org_slug>/bulletins/", bulletin_views.bulletin_list, name="bulletins"),
    path("o/<slug:org_slug>/bulletins/new/", bulletin_views.bulletin_new, name="bulletin-new"),
    path("o/<slug:org_slug>/bulletins/<int:bulletin_id>/", bulletin_views.bulletin_page, name="bulletin"),
    path("o/<slug:org_slug>/bulletins/<int:bulletin_id>/edit/", bulletin_views.bulletin_edit, name="bulletin-edit"),
    path("o/<slug:org_slug>/bulletins/<int:bulletin_id>/check/", bulletin_views.bulletin_check, name="bulletin-check"),
    path("o/<slug:org_slug>/bulletins/<int:bulletin_id>/publish/", bulletin_views.bulletin_publish, name="bulletin-publish"),
    path("o/<slug:org_slug>/bulletins/<int:bulletin_id>/withdraw/", bulletin_views.bulletin_withdraw, name="bulletin-withdraw"),
    path("o/<slug:org_slug>/bulletins/<int:bulletin_id>/bulletin.pdf", bulletin_views.bulletin_pdf_download, name="bulletin-pdf"),
]
