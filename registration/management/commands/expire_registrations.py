"""The registration sweep, for cron or by hand (the worker runs it every minute)."""

from django.core.management.base import BaseCommand

from registration.capacity import sweep


class Command(BaseCommand):
    help = (
        "Expire unconfirmed holds past their time, pass lapsed offers on, send hold and offer "
        "reminders, and give free seats to the waiting lists."
    )

    def handle(self, *args, **options):
        done = sweep()
        self.stdout.write(
            "{expired} expired, {lapsed} offers lapsed, {reminded} reminders, "
            "{promoted} promoted.".format(**done)
        )
