from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command

from conferences.caching import clear_public_pages
from conferences.demo import shift_demo_editions


class Command(BaseCommand):
    help = (
        "Loads every fixtures/*.json in name order (again: loading twice is harmless), then "
        "moves the demo editions some months ahead of today with registration open."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-dates",
            action="store_true",
            help="Keep the fixtures' real (past) dates: the archive as it was.",
        )

    def handle(self, *args, keep_dates=False, **options):
        fixtures = sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))
        if fixtures:
            call_command("loaddata", *fixtures, verbosity=0)
        self.stdout.write(f"Loaded {len(fixtures)} demo fixture file(s).")
        if not keep_dates:
            for conference, delta in shift_demo_editions().items():
                self.stdout.write(
                    f"{conference.slug}: moved {delta.days // 7} weeks ahead, "
                    f"now {conference.start_date:%a %d %b %Y}, registration open."
                )
        clear_public_pages()
