from django.urls import path

from organisations import admin_views, views

app_name = "organisations"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("sign-in/two-factor/", views.two_factor_verify, name="two-factor"),
    path("sign-in/two-factor/setup/", views.two_factor_setup, name="two-factor-setup"),
    path("account/api-tokens/", views.api_tokens, name="api-tokens"),
    path("o/<slug:org_slug>/audit/", admin_views.audit_log, name="audit-log"),
    path("o/<slug:org_slug>/members/", admin_views.members, name="members"),
    path("o/<slug:org_slug>/staff-headcount/", admin_views.staff_headcount, name="staff-headcount"),
    path("o/<slug:org_slug>/feedback-target/", admin_views.feedback_target, name="feedback-target"),
    path("o/<slug:org_slug>/duty-phone-number/", admin_views.duty_phone_number, name="duty-phone-number"),
    path("o/<slug:org_slug>/learned-terms/", admin_views.learned_terms_list, name="learned-terms"),
    path("o/<slug:org_slug>/learned-terms/<int:term_id>/remove/", admin_views.learned_term_remove,
         name="learned-term-remove"),
]
