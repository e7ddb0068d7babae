"""For the superuser who lost their own device: removes an account's second factor from the
command line (logged in the security log)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from mce_site.staff.second_factor import reset_second_factor


class Command(BaseCommand):
    help = "Removes the second factor of an account; it sets up a new one at the next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account {username!r}.")
        removed = reset_second_factor(user=user)
        self.stdout.write(f"Removed {removed} second-factor devices of {username}.")
