"""Cron: unconfirmed registrations past their hold time expire; waiting lists move up."""

from django.core.management.base import BaseCommand

from registration.services import expire_pending_registrations


class Command(BaseCommand):
    help = "Expire pending registrations whose hold time has passed and promote waiting lists."

    def handle(self, *args, **options):
        expired = expire_pending_registrations()
        self.stdout.write(f"{expired} pending registration(s) expired.")
