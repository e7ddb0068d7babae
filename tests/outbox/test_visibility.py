"""What people see of email delivery: the monitoring endpoint, the back office's "email
problem" filter and email history, and the provider's events on each email."""

import base64
import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from registration.models import Registration
from registration.outbox.models import EmailEvent, OutboxEmail
from registration.outbox.worker import beat
from tests.factories import make_registration
from tests.hotline.conftest import _staff
from tests.outbox.factories import make_outbox_email
from tests.registration.test_emails import postmark_event

pytestmark = pytest.mark.django_db

State = OutboxEmail.State


def ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


@pytest.fixture
def monitor(client, settings):
    settings.EMAIL_MONITOR_MAX_HEARTBEAT_AGE = 120
    settings.EMAIL_MONITOR_MAX_DUE_AGE = 600

    def get():
        response = client.get(reverse("email_monitor"))
        return response.status_code, response.json()

    return get


def test_monitor_is_ok_while_the_worker_beats_and_nothing_is_overdue(monitor, registration):
    beat(now=ago(seconds=30))
    make_outbox_email(registration, next_attempt_at=ago(seconds=5))
    status, body = monitor()
    assert status == 200
    assert body["status"] == "ok"
    assert 30 <= body["worker_heartbeat_age_seconds"] < 40
    assert 5 <= body["oldest_due_email_age_seconds"] < 15


def test_monitor_answers_503_without_a_recent_heartbeat(monitor):
    assert monitor()[0] == 503  # no worker ever ran
    beat(now=ago(minutes=3))
    status, body = monitor()
    assert (status, body["status"]) == (503, "late")
    assert body["oldest_due_email_age_seconds"] == 0


def test_monitor_answers_503_when_a_due_email_waits_too_long(monitor, registration):
    beat()
    make_outbox_email(registration, next_attempt_at=ago(minutes=11))
    make_outbox_email(registration, next_attempt_at=ago(hours=3) + datetime.timedelta(hours=4))
    status, body = monitor()
    assert status == 503
    assert body["oldest_due_email_age_seconds"] >= 660


def test_an_email_whose_worker_died_counts_as_due_from_the_end_of_its_claim(monitor, registration):
    beat()
    make_outbox_email(registration, state=State.SENDING, next_attempt_at=ago(minutes=20))
    assert monitor()[0] == 503


def test_the_load_balancers_health_check_ignores_mail(client, monitor):
    assert monitor()[0] == 503
    assert client.get(reverse("healthz")).status_code == 200


@pytest.fixture
def back_office(client, django_user_model):
    # Exports are the hotline lead's (least privilege for personal data in bulk).
    client.force_login(_staff(django_user_model, "lead", groups=["Hotline", "Hotline lead"]))
    return client


def test_email_problem_filter_covers_failed_bounced_and_rejected(back_office, conference):
    names = {}
    for name, status in [
        ("Failed", "failed"),
        ("Bounced", "bounced"),
        ("Rejected", "rejected"),
        ("Delivered", "delivered"),
        ("Queued", "queued"),
    ]:
        names[name] = make_registration(conference, last_name=name, email_status=status)
    # Sent since, but an earlier email failed for good: still a problem.
    make_outbox_email(names["Delivered"], state=State.FAILED)
    url = reverse("hotline:registration_export", args=["csv"])
    problems = back_office.get(url, {"email_problem": "yes"}).content.decode()
    fine = back_office.get(url, {"email_problem": "no"}).content.decode()
    for name in ("Failed", "Bounced", "Rejected", "Delivered"):
        assert name in problems and name not in fine
    assert "Queued" in fine and "Queued" not in problems


def test_registration_page_shows_its_email_history(back_office, registration):
    sent = make_outbox_email(registration, kind="confirmed", state=State.SENT)
    EmailEvent.objects.create(
        email=sent, kind=EmailEvent.Kind.BOUNCED, happened_at=timezone.now(), detail="mailbox full"
    )
    make_outbox_email(
        registration,
        kind="changed",
        attempts=3,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=4),
    )
    url = reverse("hotline:registration_registration_change", args=[registration.pk])
    html = back_office.get(url).content.decode()
    history = html[html.index('class="email-history"') :]
    for text in (
        "confirmed (en)",
        "Sent",
        "Bounced",
        "mailbox full",
        "changed (en)",
        "Waiting to be sent",
        "<td>3</td>",
        "Connection unexpectedly closed",
    ):
        assert text in history


@pytest.fixture
def webhook(settings, client):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:s3cret-long-enough"}
    url = reverse("email_tracking_webhook")
    auth = "Basic " + base64.b64encode(b"hook:s3cret-long-enough").decode()

    def post(payload):
        return client.post(
            url, json.dumps(payload), content_type="application/json", HTTP_AUTHORIZATION=auth
        )

    return post


def test_provider_events_are_recorded_on_the_email_they_concern(webhook, registration):
    email = make_outbox_email(registration, state=State.SENT, provider_message_id="pm-1")
    assert webhook(postmark_event(MessageID="pm-1", Email="zoe@example.org")).status_code == 200
    [event] = email.events.all()
    assert event.kind == EmailEvent.Kind.BOUNCED
    assert "unable to deliver" in event.detail
    registration.refresh_from_db()
    assert registration.email_status == Registration.EmailStatus.BOUNCED


def test_provider_events_find_the_email_by_its_outbox_metadata(webhook, registration):
    email = make_outbox_email(registration, state=State.SENT, provider_message_id="ours")
    delivery = postmark_event(
        RecordType="Delivery",
        MessageID="theirs",
        DeliveredAt="2026-05-20T10:00:00Z",
        Recipient="zoe@example.org",
        Details="",
        Metadata={"outbox_email": str(email.pk)},
    )
    assert webhook(delivery).status_code == 200
    assert [e.kind for e in email.events.all()] == [EmailEvent.Kind.DELIVERED]


def test_events_for_an_address_changed_since_are_ignored(webhook, registration):
    email = make_outbox_email(registration, state=State.SENT, provider_message_id="pm-2")
    webhook(postmark_event(MessageID="pm-2", Email="old-address@example.org"))
    assert not email.events.exists()
