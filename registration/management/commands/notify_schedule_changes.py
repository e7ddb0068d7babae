"""Cron: registrants hear of changes to the sessions they will attend."""

from django.core.management.base import BaseCommand

from registration.schedule_notices import notify_schedule_changes


class Command(BaseCommand):
    help = "Email registrants about schedule changes of their sessions not yet told."

    def handle(self, *args, **options):
        queued = notify_schedule_changes()
        self.stdout.write(f"{queued} schedule change email(s) queued.")
