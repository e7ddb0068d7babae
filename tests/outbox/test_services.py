"""Queueing: an email is a row written with the change that causes it; re-drive sends what
waits or failed, never what was sent."""

import pytest
from django.db import transaction

from registration import services
from registration.emails import send_registration_email
from registration.models import Registration
from registration.outbox.models import OutboxEmail
from registration.outbox.services import redrive_emails
from tests.factories import make_registration, registration_data
from tests.outbox.factories import make_outbox_email

pytestmark = pytest.mark.django_db

State = OutboxEmail.State


def test_a_change_that_commits_has_its_email_row_without_any_after_commit_step(
    conference, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        registration = services.submit_registration(
            conference=conference, data=registration_data(conference), language="de"
        )
    email = OutboxEmail.objects.get()
    assert callbacks == []  # nothing to lose between the commit and an enqueue
    assert (email.registration, email.kind, email.language) == (
        registration,
        "confirmation_request",
        "de",
    )
    assert (email.state, email.attempts, email.sent_at) == (State.WAITING, 0, None)
    assert email.next_attempt_at is not None and email.idempotency_key
    registration.refresh_from_db()
    assert registration.email_status == Registration.EmailStatus.QUEUED


def test_a_change_that_rolls_back_has_no_email_row(conference):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.submit_registration(
            conference=conference, data=registration_data(conference), language="en"
        )
        raise RuntimeError("the request failed after the email was queued")
    assert not Registration.objects.exists()
    assert not OutboxEmail.objects.exists()


def test_each_event_gets_its_own_row_and_the_same_key_queues_one_email(registration):
    first = send_registration_email(registration=registration, kind="reminder")
    second = send_registration_email(registration=registration, kind="reminder")
    keyed = send_registration_email(
        registration=registration, kind="reminder", idempotency_key="reminder:42"
    )
    again = send_registration_email(
        registration=registration, kind="reminder", idempotency_key="reminder:42"
    )
    assert first != second
    assert again == keyed
    assert OutboxEmail.objects.count() == 3


def test_a_used_key_leaves_the_callers_transaction_usable(registration):
    with transaction.atomic():
        send_registration_email(registration=registration, kind="confirmed", idempotency_key="k")
        send_registration_email(registration=registration, kind="confirmed", idempotency_key="k")
        registration.first_name = "Zoë"
        registration.save()
    assert OutboxEmail.objects.count() == 1


def test_an_unknown_kind_is_refused(registration):
    with pytest.raises(ValueError, match="unknown registration email"):
        send_registration_email(registration=registration, kind="newsletter")


def test_redrive_makes_waiting_and_failed_emails_due_now_and_leaves_sent_ones(conference, later):
    registration = make_registration(conference, email_status="failed")
    waiting = make_outbox_email(registration, attempts=4, next_attempt_at=later(minutes=30))
    failed = make_outbox_email(registration, state=State.FAILED, attempts=12)
    sent = make_outbox_email(registration, state=State.SENT)
    sending = make_outbox_email(registration, state=State.SENDING)
    assert redrive_emails(emails=OutboxEmail.objects.all()) == 2
    for email in (waiting, failed, sent, sending):
        email.refresh_from_db()
    assert (waiting.state, waiting.attempts) == (State.WAITING, 0)
    assert (failed.state, failed.attempts) == (State.WAITING, 0)
    assert failed.last_error  # kept until the next attempt tells more
    assert (sent.state, sending.state) == (State.SENT, State.SENDING)
    registration.refresh_from_db()
    assert registration.email_status == Registration.EmailStatus.QUEUED
