"""Anonymises the registrations of conferences that ended long enough ago (run it daily)."""

from django.core.management.base import BaseCommand

from registration.hotline.personal_data import anonymise_ended_conferences


class Command(BaseCommand):
    help = (
        "Replaces the personal data of registrations of conferences that ended more than "
        "--days days ago by neutral values; counts by status, day, category and country stay."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=365,
            help="Days after a conference's last day before its registrations are anonymised.",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        count = anonymise_ended_conferences(older_than_days=days)
        self.stdout.write(f"Anonymised {count} registrations.")
