"""Sends the email outbox from the command line: what is due, or with --now everything that
waits for a retry or failed (after an outage), for the whole site or a selection."""

from django.core.management.base import BaseCommand
from django.db.models import Count

from registration.outbox.models import OutboxEmail
from registration.outbox.sending import send_due_emails
from registration.outbox.services import redrive_emails


class Command(BaseCommand):
    help = (
        "Send due emails now. With --now, waiting and failed emails (of the selection) are "
        "sent at once with a new round of attempts; emails already sent are never sent again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Re-drive: waiting and failed emails become due at once.",
        )
        parser.add_argument("--conference", help="Only emails of this conference (its slug).")
        parser.add_argument(
            "--registration",
            action="append",
            default=[],
            metavar="BOOKING_REFERENCE",
            help="Only emails of this registration (repeatable).",
        )
        parser.add_argument("--kind", help="Only emails of this kind, e.g. confirmed.")

    def handle(self, *args, now, conference, registration, kind, **options):
        selection = OutboxEmail.objects.all()
        if conference:
            selection = selection.filter(registration__conference__slug=conference)
        if registration:
            selection = selection.filter(registration__booking_reference__in=registration)
        if kind:
            selection = selection.filter(kind=kind)
        if now:
            count = redrive_emails(emails=selection)
            self.stdout.write(f"{count} waiting or failed email(s) made due now.")
        sent = send_due_emails()
        self.stdout.write(f"{sent} email(s) sent.")
        counts = dict(selection.values_list("state").annotate(n=Count("pk")).order_by())
        self.stdout.write(
            ", ".join(f"{state}: {counts.get(state, 0)}" for state in OutboxEmail.State.values)
        )
