from django.conf import settings
from django.core.management import BaseCommand

from registration.demo import load_demo_registrations
from registration.hotline.demo import make_demo_accounts


class Command(BaseCommand):
    help = (
        "After load_demo: a few hundred registrations for the demo conferences (once), and "
        "in development (DEBUG) the documented organiser and hotline accounts."
    )

    def handle(self, *args, **options):
        load_demo_registrations(stdout=self.stdout)
        if not settings.DEBUG:
            return
        for username, password, where in make_demo_accounts():
            self.stdout.write(f"Demo account for {where}: {username} / {password}")
