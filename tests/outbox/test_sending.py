"""Sending: due emails are claimed, sent and recorded; claims run out when a worker dies;
failures wait longer each time up to a cap; refused recipients and broken templates are
recorded on their own email while the others go out."""

import datetime
import itertools
import logging
import random

import pytest
from django.core import mail
from django.utils import timezone

from registration.emails import send_registration_email
from registration.models import Registration
from registration.outbox.failures import retry_delay
from registration.outbox.models import OutboxEmail
from registration.outbox.sending import (
    claim_due_emails,
    outbox_message_id,
    send_claimed_emails,
    send_due_emails,
)
from registration.outbox.smtp_sink import SmtpSink
from tests.factories import make_registration

pytestmark = pytest.mark.django_db

State = OutboxEmail.State
EmailStatus = Registration.EmailStatus


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on this machine, and Django's SMTP backend pointed at it."""
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        yield sink


@pytest.fixture
def broken_template(settings):
    """The "confirmed" email's text template has a syntax error."""
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "APP_DIRS": False,
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {"registration/email/confirmed.txt": "{% if %}broken"},
                    ),
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]


def test_due_email_is_sent_in_its_language_and_recorded(conference, mailoutbox):
    registration = make_registration(conference, language="de")
    email = send_registration_email(registration=registration, kind="confirmed")
    assert send_due_emails() == 1
    email.refresh_from_db()
    registration.refresh_from_db()
    assert mailoutbox[0].subject.startswith("Anmeldung bestätigt")
    assert (email.state, email.attempts, email.claim_token) == (State.SENT, 1, "")
    assert email.sent_at is not None and email.next_attempt_at is None
    assert email.provider_message_id == outbox_message_id(email)
    assert (registration.email_status, registration.email_message_id) == (
        EmailStatus.SENT,
        email.provider_message_id,
    )
    assert send_due_emails() == 0  # sent once


def test_an_email_waiting_for_a_retry_is_not_due_yet(registration, later, mailoutbox):
    send_registration_email(registration=registration, kind="confirmed")
    OutboxEmail.objects.update(next_attempt_at=later(minutes=5))
    assert send_due_emails() == 0
    assert send_due_emails(now=later(minutes=6)) == 1


def test_a_claimed_email_is_not_claimed_again_until_its_claim_runs_out(
    registration, settings, later
):
    settings.OUTBOX_LEASE_SECONDS = 60
    send_registration_email(registration=registration, kind="confirmed")
    now = timezone.now()
    [claimed] = claim_due_emails(now=now)  # and the worker dies without a word
    assert claim_due_emails(now=now + datetime.timedelta(seconds=59)) == []
    [again] = claim_due_emails(now=now + datetime.timedelta(seconds=61))
    assert again.pk == claimed.pk
    assert again.attempts == 2 and again.claim_token != claimed.claim_token


def test_the_first_worker_cannot_record_an_email_another_worker_took_over(
    registration, settings, mailoutbox
):
    settings.OUTBOX_LEASE_SECONDS = 60
    send_registration_email(registration=registration, kind="confirmed")
    now = timezone.now()
    [stale] = claim_due_emails(now=now)
    [current] = claim_due_emails(now=now + datetime.timedelta(seconds=61))
    connection = mail.get_connection()
    send_claimed_emails([stale], mail=connection, clock=lambda: now)
    current.refresh_from_db()
    assert (current.state, current.claim_token) == (State.SENDING, current.claim_token)


def test_emails_whose_claim_is_half_spent_go_back_unattempted(conference, settings, mailoutbox):
    settings.OUTBOX_LEASE_SECONDS = 60
    for _ in range(3):
        send_registration_email(registration=make_registration(conference), kind="confirmed")
    start = timezone.now()
    batch = claim_due_emails(now=start)
    # The first email is checked and recorded at the start; then half a minute has passed.
    moments = itertools.chain(
        [start, start], itertools.repeat(start + datetime.timedelta(seconds=31))
    )
    sent = send_claimed_emails(batch, mail=mail.get_connection(), clock=lambda: next(moments))
    assert sent == 1 and len(mailoutbox) == 1
    states = sorted(OutboxEmail.objects.values_list("state", "attempts"))
    assert states == [(State.SENT, 1), (State.WAITING, 0), (State.WAITING, 0)]


def test_retry_pauses_grow_with_jitter_up_to_the_cap(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS, settings.OUTBOX_RETRY_CAP_SECONDS = 30, 1800
    rng = random.Random(7)
    for attempt, ceiling in [(1, 30), (2, 60), (3, 120), (6, 960), (7, 1800), (12, 1800)]:
        pauses = [retry_delay(attempt, rng=rng).total_seconds() for _ in range(50)]
        assert all(ceiling / 2 <= pause <= ceiling for pause in pauses)
        assert len(set(pauses)) > 40  # spread out, not all at one moment


def test_provider_failure_waits_for_the_next_attempt_and_fails_for_good_after_the_last(
    registration, settings, later, caplog
):
    settings.EMAIL_BACKEND = "tests.registration.email_backends.DownBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 3
    email = send_registration_email(registration=registration, kind="confirmed")
    send_due_emails()
    email.refresh_from_db()
    assert (email.state, email.attempts) == (State.WAITING, 1)
    assert "provider unavailable" in email.last_error
    assert email.next_attempt_at > timezone.now() + datetime.timedelta(seconds=10)
    send_due_emails(now=later(hours=1))
    with caplog.at_level(logging.ERROR, logger="registration.outbox.sending"):
        send_due_emails(now=later(hours=2))
    email.refresh_from_db()
    registration.refresh_from_db()
    assert (email.state, email.attempts, email.next_attempt_at) == (State.FAILED, 3, None)
    assert registration.email_status == EmailStatus.FAILED
    assert registration.email_status_detail.startswith("confirmed: attempt 3 of 3 failed")
    assert "failed for good" in caplog.text


def test_a_refused_recipient_is_not_retried_but_a_busy_server_is(conference, smtp_sink, later):
    refused = send_registration_email(registration=make_registration(conference), kind="confirmed")
    smtp_sink.refuse_with = "550 5.1.1 No such user"
    send_due_emails()
    busy = send_registration_email(registration=make_registration(conference), kind="confirmed")
    smtp_sink.refuse_with = "451 4.3.0 Try again later"
    send_due_emails()
    refused.refresh_from_db()
    busy.refresh_from_db()
    assert (refused.state, refused.attempts) == (State.FAILED, 1)
    assert refused.last_error == "recipient refused: 550 5.1.1 No such user"
    assert (busy.state, busy.attempts) == (State.WAITING, 1)
    smtp_sink.refuse_with = None
    send_due_emails(now=later(hours=1))
    busy.refresh_from_db()
    assert busy.state == State.SENT
    assert [r.message_id for r in smtp_sink.snapshot()] == [busy.provider_message_id]


def test_a_broken_template_fails_its_email_only_and_is_logged(
    conference, broken_template, mailoutbox, caplog
):
    broken = send_registration_email(registration=make_registration(conference), kind="confirmed")
    fine = send_registration_email(registration=make_registration(conference), kind="cancelled")
    with caplog.at_level(logging.ERROR, logger="registration.outbox.sending"):
        assert send_due_emails() == 1
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert [m.to for m in mailoutbox] == [[fine.registration.email]]
    assert fine.state == State.SENT
    assert (broken.state, broken.attempts) == (State.WAITING, 1)  # retried once it is fixed
    assert broken.last_error.startswith("template error: TemplateSyntaxError")
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.getMessage() == f"email {broken.pk} (confirmed) could not be rendered"
    assert "TemplateSyntaxError" in record.exc_text  # the traceback, redacted (log_redaction)


def test_no_email_goes_to_a_person_whose_data_was_erased(registration, mailoutbox):
    email = send_registration_email(registration=registration, kind="cancelled")
    Registration.objects.filter(pk=registration.pk).update(anonymised_at=timezone.now())
    send_due_emails()
    email.refresh_from_db()
    assert mailoutbox == []
    assert (email.state, email.last_error) == (State.FAILED, "the person's data was erased")


def test_every_attempt_carries_the_same_message_id(registration, smtp_sink, later):
    email = send_registration_email(registration=registration, kind="confirmed")
    smtp_sink.refuse_with = "451 4.3.0 Try again later"
    send_due_emails()
    smtp_sink.refuse_with = None
    send_due_emails(now=later(hours=1))
    email.refresh_from_db()
    [received] = smtp_sink.snapshot()
    assert received.message_id == email.provider_message_id == outbox_message_id(email)
    assert received.recipients == ("zoe@example.org",)
