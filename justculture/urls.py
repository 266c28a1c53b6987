from django.urls import path

from justculture import views

app_name = "justculture"
urlpatterns = [
    path("o/<slug:org_slug>/reports/<str:reference>/just-culture/", views.assessment_list, name="list"),
    path("o/<slug:org_slug>/reports/<str:reference>/just-culture/new/", views.assessment_new, name="new"),
    path("o/<slug:org_slug>/reports/<str:reference>/just-culture/<int:assessment_id>/", views.assessment_detail,
         name="detail"),
    path("o/<slug:org_slug>/reports/<str:reference>/just-culture/<int:assessment_id>/decision/",
         views.referral_decision, name="decision"),
    path("o/<slug:org_slug>/just-culture/referrals/", views.referrals, name="referrals"),
]
