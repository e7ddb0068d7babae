"""Emails: language, HTML with plain text, sending after the commit, failures and retries,
and the provider's tracking webhook. The outbox itself is tested in tests/outbox/."""

import base64
import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from registration import services
from registration.emails import KINDS, KINDS_WITHOUT_MANAGE_LINK, build_message
from registration.models import Registration
from registration.outbox.models import OutboxEmail
from registration.outbox.sending import send_due_emails
from tests.factories import make_registration, registration_data

pytestmark = pytest.mark.django_db

EmailStatus = Registration.EmailStatus


def submit(conference, **overrides):
    return services.submit_registration(
        conference=conference, data=registration_data(conference, **overrides), language="en"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_every_email_has_subject_text_and_html_in_both_languages(conference, kind):
    for language in ("en", "de"):
        registration = make_registration(conference, language=language, gala_dinner=True)
        message = build_message(registration=registration, kind=kind)
        assert message.subject and "\n" not in message.subject
        assert registration.booking_reference in message.body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        # Mail to an address nobody confirmed yet never carries the manage link.
        with_link = kind not in KINDS_WITHOUT_MANAGE_LINK
        assert (registration.manage_token in message.body) is with_link
        assert (registration.manage_token in html) is with_link


def test_emails_leave_only_after_the_commit(conference, mailoutbox, sent):
    with sent():
        registration = submit(conference)
        services.cancel_registration(registration=registration)
        assert mailoutbox == []  # inside the transaction nothing is sent
    assert [m.subject.split(":")[0] for m in mailoutbox] == [
        "Please confirm your registration",
        "Registration cancelled",
    ]


def test_provider_failure_keeps_the_registration_and_records_the_failure(
    conference, settings, mailoutbox, sent
):
    settings.EMAIL_BACKEND = "tests.registration.email_backends.DownBackend"
    with sent():
        registration = submit(conference, email="down@example.org")
    registration.refresh_from_db()
    email = registration.outbox_emails.get()
    assert registration.status == Registration.Status.PENDING
    assert registration.email_status == EmailStatus.QUEUED  # tried again later
    assert registration.email_status_detail.startswith(
        f"confirmation_request: attempt 1 of {settings.OUTBOX_MAX_ATTEMPTS} failed"
    )
    assert (email.state, email.attempts) == (OutboxEmail.State.WAITING, 1)
    assert "provider unavailable" in email.last_error
    assert mailoutbox == []


def test_failed_sending_is_retried_until_it_succeeds(conference, settings, mailoutbox, sent):
    from tests.registration.email_backends import FlakyBackend

    FlakyBackend.calls, FlakyBackend.failures = 0, 2
    settings.EMAIL_BACKEND = "tests.registration.email_backends.FlakyBackend"
    with sent():
        registration = submit(conference)
    an_hour_later = timezone.now() + datetime.timedelta(hours=1)
    send_due_emails(now=an_hour_later)
    send_due_emails(now=an_hour_later + datetime.timedelta(hours=1))
    registration.refresh_from_db()
    assert FlakyBackend.calls == 3
    assert len(mailoutbox) == 1
    assert (registration.email_status, registration.email_message_id) == (
        EmailStatus.SENT,
        "pm-123",
    )


def postmark_event(**fields):
    return {
        "RecordType": "Bounce",
        "ID": 4323372036854775807,
        "Type": "HardBounce",
        "TypeCode": 1,
        "Name": "Hard bounce",
        "Tag": "registration-confirmed",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Metadata": {},
        "ServerID": 23,
        "Description": "The server was unable to deliver your message (ex: unknown user).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": "zoe@example.org",
        "From": "operations@majorcities.eu",
        "BouncedAt": "2026-05-20T10:00:00Z",
        "DumpAvailable": True,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "Registration confirmed",
        "MessageStream": "outbound",
    } | fields


@pytest.fixture
def webhook(settings, client):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:s3cret-long-enough"}
    url = reverse("email_tracking_webhook")
    auth = "Basic " + base64.b64encode(b"hook:s3cret-long-enough").decode()

    def post(payload, authorization=auth):
        return client.post(
            url,
            json.dumps(payload),
            content_type="application/json",
            HTTP_AUTHORIZATION=authorization,
        )

    return post


def test_bounce_from_the_provider_is_recorded_on_the_registration(conference, webhook):
    registration = make_registration(
        conference,
        email="zoe@example.org",
        email_message_id="883953f4-6105-42a2-a16a-77a8eac79483",
    )
    assert webhook(postmark_event()).status_code == 200
    registration.refresh_from_db()
    assert registration.email_status == EmailStatus.BOUNCED
    assert "unable to deliver" in registration.email_status_detail


def test_delivery_is_found_by_booking_reference_metadata(conference, webhook):
    registration = make_registration(conference, email="zoe@example.org")
    event = postmark_event(
        RecordType="Delivery",
        MessageID="other",
        DeliveredAt="2026-05-20T10:00:00Z",
        Recipient="zoe@example.org",
        Details="",
        Metadata={"booking_reference": registration.booking_reference},
    )
    assert webhook(event).status_code == 200
    registration.refresh_from_db()
    assert registration.email_status == EmailStatus.DELIVERED


def test_webhook_without_the_secret_is_refused_and_changes_nothing(conference, webhook):
    registration = make_registration(
        conference,
        email="zoe@example.org",
        email_message_id="883953f4-6105-42a2-a16a-77a8eac79483",
    )
    response = webhook(postmark_event(), authorization="Basic " + base64.b64encode(b"x:y").decode())
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.email_status == ""


@pytest.mark.parametrize("provider", ["mailgun", "postal", "mailersend", "mandrill", "amazon_ses"])
def test_only_the_configured_providers_webhook_is_mounted(client, provider):
    assert (
        client.post(f"/anymail/{provider}/tracking/", "{}", "application/json").status_code == 404
    )
    assert client.post(f"/anymail/{provider}/inbound/", "{}", "application/json").status_code == 404


def test_webhook_without_a_configured_secret_refuses_every_call(conference, webhook, settings):
    registration = make_registration(
        conference, email="zoe@example.org", email_message_id=postmark_event()["MessageID"]
    )
    settings.ANYMAIL = {}
    assert webhook(postmark_event(), authorization="").status_code == 403
    registration.refresh_from_db()
    assert registration.email_status == ""


@pytest.mark.parametrize("body", [b"", b"{", b"[]", b"null", b"\xff\xfe", b'"text"'])
def test_malformed_payloads_are_answered_400(client, body):
    auth = "Basic " + base64.b64encode(b"hook:s3cret-long-enough").decode()
    response = client.post(
        reverse("email_tracking_webhook"), body, "application/json", HTTP_AUTHORIZATION=auth
    )
    assert response.status_code == 400


def test_a_malformed_payload_without_the_secret_is_refused_before_it_is_read(client):
    response = client.post(reverse("email_tracking_webhook"), b"{", "application/json")
    assert response.status_code == 400
    assert b"Malformed" not in response.content


@pytest.mark.parametrize("recipient", ["", "mallory@example.org"])
def test_an_event_changes_a_registration_only_for_its_own_address(conference, webhook, recipient):
    registration = make_registration(
        conference, email="zoe@example.org", email_message_id=postmark_event()["MessageID"]
    )
    event = postmark_event(
        Email=recipient, Metadata={"booking_reference": registration.booking_reference}
    )
    assert webhook(event).status_code == 200
    registration.refresh_from_db()
    assert registration.email_status == ""
