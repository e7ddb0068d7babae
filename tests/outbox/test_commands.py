"""send_pending_emails: what is due, or with --now also what waits or failed, for the site or
a selection; never an email already sent."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from registration.outbox.models import OutboxEmail
from tests.factories import make_conference, make_registration
from tests.outbox.factories import make_outbox_email

pytestmark = pytest.mark.django_db

State = OutboxEmail.State


def in_an_hour():
    return timezone.now() + datetime.timedelta(hours=1)


@pytest.fixture
def queue(conference):
    """One email in each situation: due, waiting for a retry, failed, sent."""
    rows = {}
    for name, state, extra in [
        ("due", State.WAITING, {}),
        ("waiting", State.WAITING, {"attempts": 3, "next_attempt_at": in_an_hour()}),
        ("failed", State.FAILED, {"attempts": 12}),
        ("sent", State.SENT, {}),
    ]:
        registration = make_registration(conference, email=f"{name}@example.org")
        rows[name] = make_outbox_email(registration, state=state, **extra)
    return rows


def test_without_now_only_due_emails_are_sent(queue, mailoutbox, capsys):
    call_command("send_pending_emails")
    assert [m.to for m in mailoutbox] == [["due@example.org"]]
    assert "1 email(s) sent." in capsys.readouterr().out


def test_now_sends_waiting_and_failed_emails_at_once_and_never_a_sent_one(
    queue, mailoutbox, capsys
):
    call_command("send_pending_emails", "--now")
    assert sorted(m.to[0] for m in mailoutbox) == [
        "due@example.org",
        "failed@example.org",
        "waiting@example.org",
    ]
    output = capsys.readouterr().out
    assert "3 waiting or failed email(s) made due now." in output
    assert "waiting: 0, sending: 0, sent: 4, failed: 0" in output


def test_now_is_limited_to_the_selection(conference, mailoutbox):
    other = make_conference()
    mine = make_outbox_email(make_registration(conference), state=State.FAILED)
    theirs = make_outbox_email(make_registration(other), state=State.FAILED)
    call_command("send_pending_emails", "--now", "--conference", conference.slug)
    call_command(
        "send_pending_emails", "--now", "--registration", "NOPE-0000", "--kind", "confirmed"
    )
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.state, theirs.state) == (State.SENT, State.FAILED)
