from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = "Loads the demo conferences from fixtures/."

    def handle(self, *args, **options):
        fixtures = sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))
        if fixtures:
            call_command("loaddata", *fixtures, verbosity=0)
        self.stdout.write(f"Loaded {len(fixtures)} demo fixture file(s).")
