"""Factories for tests: real rows through the real services wherever a service exists."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from organisations.models import Membership, Organisation, Role
from reporting.choices import ReportKind
from reporting.services import ReportSubmission, submit_report

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.LazyAttribute(lambda o: f"{o.slug.title()} Council")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


def member(organisation: Organisation, role: str = Role.REVIEWER, **kwargs):
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def report(organisation: Organisation, what_happened: str = "The referral was not picked up for three days.",
           *, reporter=None, idempotency_key: str | None = None, **fields):
    """Submit a report as a reporter would; its de-identification task runs as it would after commit."""
    from django.test import TestCase

    fields.setdefault("kind", ReportKind.NEAR_MISS)
    submission = ReportSubmission(what_happened=what_happened, **fields)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return submit_report(organisation, submission, reporter=reporter, idempotency_key=idempotency_key)


def readable_report(organisation: Organisation, what_happened: str = "The referral sat in the shared inbox for two "
                    "days because the duty worker was covering three teams.", *, by, **fields):
    """A report whose de-identification a reviewer has confirmed: readable, codable and indexed (the
    tasks queued on confirmation run as they would after commit)."""
    from django.test import TestCase

    from reporting.deidentification import confirm_redaction

    submitted = report(organisation, what_happened, **fields).report
    with TestCase.captureOnCommitCallbacks(execute=True):
        return confirm_redaction(submitted, by=by)


def sign_in(client, user):
    """Sign a test client in as `user`, with a verified second factor when their role needs one."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
