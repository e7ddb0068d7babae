"""`compilemessages` without GNU gettext: `make run` needs nothing but Python 3 with venv.

polib writes the same .mo files as msgfmt does by default (fuzzy and obsolete entries left
out). `msgfmt --check` in CI still checks the catalogues' syntax and format strings."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management import BaseCommand


def compile_catalogue(po_path):
    """Writes the .mo next to the .po; returns its path."""
    mo_path = po_path.with_suffix(".mo")
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    return mo_path


class Command(BaseCommand):
    help = "Compiles every .po file under LOCALE_PATHS into a .mo file (with polib)."

    def handle(self, *args, **options):
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                mo_path = compile_catalogue(po_path)
                if options["verbosity"] > 1:
                    self.stdout.write(f"Compiled {mo_path}")
