from django.urls import include, path

from api.routes import api

urlpatterns = [
    path("", include("core.urls")),
    path("", include("reporting.urls")),
    path("", include("organisations.urls")),
    path("", include("triage.urls")),
    path("", include("justculture.urls")),
    path("", include("coding.urls")),
    path("", include("intelligence.urls")),
    path("", include("learning.urls")),
    path("", include("culture.urls")),
    path("", include("equality.urls")),
    path("", include("sharing.urls")),
    path("api/v1/", api.urls),
]

# Styled error pages in the service's layout; 400 and 500 are built without the request (core.views).
handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
