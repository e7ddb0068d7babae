"""Cron (daily): the reminder email to confirmed registrants a few days before the event."""

from django.core.management.base import BaseCommand

from registration.services import send_reminders


class Command(BaseCommand):
    help = "Email each confirmed registrant once, a few days before their conference begins."

    def add_arguments(self, parser):
        parser.add_argument("--days-before", type=int, default=3)

    def handle(self, *args, days_before, **options):
        sent = send_reminders(days_before=days_before)
        self.stdout.write(f"{sent} reminder(s) queued.")
