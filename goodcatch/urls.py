from django.urls import include, path

from api.routes import api

urlpatterns = [
    path("", include("core.urls")),
    path("", include("reporting.urls")),
    path("", include("organisations.urls")),
    path("", include("triage.urls")),
    path("", include("justculture.urls")),
    path("api/v1/", api.urls),
]
