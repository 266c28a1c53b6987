import pytest
from django.core.exceptions import ImproperlyConfigured
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.models import Role
from protection.models import AuditEntry
from tests.factories import PASSWORD, member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_throttle_between_attempts(settings):
    # django-otp rightly slows repeated failures; these tests retry straight away.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_reviewer_without_a_device_is_sent_to_set_one_up_and_then_gets_in(client, organisation):
    user = member(organisation, Role.REVIEWER, username="rev-2fa")
    response = client.post("/sign-in/", {"username": "rev-2fa", "password": PASSWORD})
    assert response["Location"].startswith("/sign-in/two-factor/setup/")
    assert client.get(f"/o/{organisation.slug}/queue/")["Location"].startswith("/sign-in/two-factor/setup/")
    page = client.get("/sign-in/two-factor/setup/")
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post("/sign-in/two-factor/setup/", {"token": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and "The security code is not right" in wrong.content.decode()
    client.post("/sign-in/two-factor/setup/", {"token": code_for(device)})
    assert client.get(f"/o/{organisation.slug}/queue/").status_code == 200
    assert AuditEntry.objects.filter(action="auth.two_factor_enrolled", actor_id=user.pk).exists()


def test_a_reviewer_with_a_device_must_enter_a_code(client, organisation):
    user = member(organisation, Role.ADMIN, username="admin-2fa")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = client.post("/sign-in/", {"username": "admin-2fa", "password": PASSWORD})
    assert response["Location"].startswith("/sign-in/two-factor/?")
    assert client.post("/sign-in/two-factor/", {"token": "12345"}).status_code == 400
    assert client.get(f"/o/{organisation.slug}/queue/").status_code == 302
    client.post("/sign-in/two-factor/", {"token": code_for(device)})
    assert client.get(f"/o/{organisation.slug}/queue/").status_code == 200


def test_a_manager_must_set_up_a_second_factor_before_reading_any_report(client, organisation):
    user = member(organisation, Role.MANAGER, username="man-2fa")
    response = client.post("/sign-in/", {"username": "man-2fa", "password": PASSWORD})
    assert response["Location"].startswith("/sign-in/two-factor/setup/")
    for page in (f"/o/{organisation.slug}/overview/", f"/o/{organisation.slug}/queue/", "/account/api-tokens/"):
        assert client.get(page)["Location"].startswith("/sign-in/two-factor/setup/")
    client.get("/sign-in/two-factor/setup/")
    client.post("/sign-in/two-factor/setup/", {"token": code_for(TOTPDevice.objects.get(user=user, confirmed=False))})
    assert client.get(f"/o/{organisation.slug}/overview/").status_code == 200
    assert AuditEntry.objects.filter(action="auth.two_factor_enrolled", actor_id=user.pk).exists()


def test_a_manager_with_a_device_must_enter_a_code(client, organisation):
    user = member(organisation, Role.MANAGER, username="man-code")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = client.post("/sign-in/", {"username": "man-code", "password": PASSWORD})
    assert response["Location"].startswith("/sign-in/two-factor/?")
    assert client.get(f"/o/{organisation.slug}/overview/").status_code == 302
    client.post("/sign-in/two-factor/", {"token": code_for(device)})
    assert client.get(f"/o/{organisation.slug}/overview/").status_code == 200


def test_a_reporter_signs_in_with_a_password_alone(client, organisation):
    member(organisation, Role.REPORTER, username="rep-no-2fa")
    response = client.post("/sign-in/", {"username": "rep-no-2fa", "password": PASSWORD, "next": "/r/demo-test/"})
    assert response["Location"] == "/r/demo-test/"


def test_a_wrong_password_is_refused_plainly_and_audited(client, organisation):
    member(organisation, Role.REVIEWER, username="rev-wrong")
    response = client.post("/sign-in/", {"username": "rev-wrong", "password": "nope"})
    assert response.status_code == 400
    assert "The username or password is not right" in response.content.decode()
    assert AuditEntry.objects.filter(action="auth.sign_in_failed", actor_label="rev-wrong").exists()


def test_sign_in_is_audited(client, organisation):
    user = member(organisation, Role.REPORTER, username="rep-audit")
    client.post("/sign-in/", {"username": "rep-audit", "password": PASSWORD})
    assert AuditEntry.objects.filter(action="auth.sign_in", actor_id=user.pk).exists()


def test_switching_two_factor_off_outside_demo_mode_stops_start_up(monkeypatch):
    import importlib

    import goodcatch.settings as settings_module

    monkeypatch.setenv("GOODCATCH_DEMO", "false")
    monkeypatch.setenv("GOODCATCH_REQUIRE_2FA", "false")
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("GOODCATCH_MASTER_KEY", "y" * 43)
    monkeypatch.setenv("GOODCATCH_RECEIPT_SALT", "z" * 32)
    try:
        with pytest.raises(ImproperlyConfigured, match="only in demo mode"):
            importlib.reload(settings_module)
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)


def test_an_unsafe_next_address_is_ignored(client, organisation):
    member(organisation, Role.REPORTER, username="rep-next")
    response = client.post("/sign-in/", {"username": "rep-next", "password": PASSWORD,
                                         "next": "https://evil.example.com/"})
    assert response["Location"] == "/o/"


def test_repeated_wrong_codes_are_slowed_down(client, organisation, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    user = member(organisation, Role.REVIEWER, username="rev-throttle")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.post("/sign-in/", {"username": "rev-throttle", "password": PASSWORD})
    client.post("/sign-in/two-factor/", {"token": "000001" if code_for(device) != "000001" else "000002"})
    client.post("/sign-in/two-factor/", {"token": code_for(device)})
    assert client.get(f"/o/{organisation.slug}/queue/").status_code == 302


def test_a_failed_sign_in_with_an_unknown_username_does_not_keep_what_was_typed(client, organisation):
    client.post("/sign-in/", {"username": "my-secret-password", "password": "x"})
    entry = AuditEntry.objects.get(action="auth.sign_in_failed")
    assert entry.actor_label == "(unknown username)"


def test_an_equality_lead_with_a_reporters_role_must_set_up_a_second_factor(client, organisation):
    """The lead reads figures drawn from sealed equality profiles, so the lead is held to the same sign-in."""
    from organisations.models import Membership

    user = member(organisation, Role.REPORTER, username="lead-2fa")
    response = client.post("/sign-in/", {"username": "lead-2fa", "password": PASSWORD})
    assert not response["Location"].startswith("/sign-in/two-factor/")
    client.post("/sign-out/")
    Membership.objects.filter(user=user).update(equality_lead=True)
    response = client.post("/sign-in/", {"username": "lead-2fa", "password": PASSWORD})
    assert response["Location"].startswith("/sign-in/two-factor/setup/")
