"""Outbox rows in a given state, saved directly (for tests of reads, re-drive and the back
office). Tests of queueing go through registration.emails.send_registration_email."""

import datetime
import itertools

from django.utils import timezone

from registration.outbox.models import OutboxEmail

State = OutboxEmail.State
_sequence = itertools.count(1)


def make_outbox_email(registration, *, kind="confirmed", state=State.WAITING, **overrides):
    now = timezone.now()
    values = {
        "registration": registration,
        "kind": kind,
        "language": registration.language,
        "idempotency_key": f"test:{next(_sequence)}",
        "state": state,
        "next_attempt_at": {
            State.WAITING: now,
            State.SENDING: now + datetime.timedelta(minutes=5),
        }.get(state),
        "sent_at": now if state == State.SENT else None,
        "last_error": "recipient refused: 550 5.1.1 no such user" if state == State.FAILED else "",
        "attempts": 0 if state == State.WAITING else 1,
    }
    return OutboxEmail.objects.create(**(values | overrides))
