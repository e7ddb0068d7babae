"""Several workers at once (PostgreSQL): each email is claimed by one worker only, and a
claim skips rows another worker is locking instead of waiting for them."""

import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection, transaction
from django.utils import timezone

from registration.emails import send_registration_email
from registration.outbox.models import OutboxEmail
from registration.outbox.sending import claim_due_emails, send_due_emails
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db(transaction=True)


class SlowBackend(LocmemBackend):
    """A provider that takes a few milliseconds per message, so workers overlap."""

    def send_messages(self, messages):
        time.sleep(0.005)
        return super().send_messages(messages)


def queue(count):
    conference = make_conference()
    return [
        send_registration_email(registration=make_registration(conference), kind="confirmed")
        for _ in range(count)
    ]


def test_parallel_workers_send_every_email_exactly_once(on_postgres, settings):
    settings.EMAIL_BACKEND = "tests.outbox.test_parallel.SlowBackend"
    settings.OUTBOX_BATCH_SIZE = 3
    emails = queue(60)
    mail.outbox = []
    start = threading.Barrier(4)
    errors = []

    def worker():
        try:
            start.wait()
            while send_due_emails():
                pass
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    recipients = [message.to[0] for message in mail.outbox]
    assert sorted(recipients) == sorted(email.registration.email for email in emails)
    rows = OutboxEmail.objects.order_by().values_list("state", "attempts").distinct()
    assert list(rows) == [(OutboxEmail.State.SENT, 1)]


def test_a_claim_skips_rows_another_worker_is_claiming_without_waiting(on_postgres):
    locked, *others = queue(3)
    holding, release = threading.Event(), threading.Event()

    def other_worker():
        with transaction.atomic():
            OutboxEmail.objects.select_for_update().get(pk=locked.pk)
            holding.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    holding.wait(10)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")  # waiting would fail the test
        claimed = claim_due_emails(now=timezone.now())
    finally:
        release.set()
        thread.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert sorted(email.pk for email in claimed) == sorted(email.pk for email in others)
