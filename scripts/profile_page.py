"""Where one page spends its time: renders PAGE in-process through Django's test client with
the page cache cold (cleared before every request, the costly case), profiled by
pyinstrument, and prints the call tree (`make profile PAGE=/conferences/<slug>/programme/`).

The first request is not profiled: it loads templates, translations and imports that a
running server has loaded long before. DEBUG is off, as in production, so Django keeps no
query log. Runs on the development database (`make demo` fills it).

    python -m scripts.profile_page PAGE [--repeat 5] [--html FILE]
    python -m scripts.profile_page --manage [REFERENCE]   # an attendee's manage page

A manage page's address holds the attendee's personal token, which only their email
carries: `--manage` looks it up for the registration with that booking reference (by default
a confirmed one with days, the page with every self-service form)."""

# ruff: noqa: E402 - this module only runs as a program: Django is set up before the site loads.
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mce_site.settings.dev")
os.environ.setdefault("LOG_LEVEL", "WARNING")  # no request log between the profile lines

import django

django.setup()

import argparse
import sys
from pathlib import Path

from django.test import Client
from django.test.utils import override_settings
from pyinstrument import Profiler

from conferences.caching import clear_public_pages


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m scripts.profile_page", description=__doc__)
    parser.add_argument("page", nargs="?", help="a path, e.g. /conferences/2018-leipzig/programme/")
    parser.add_argument(
        "--manage",
        nargs="?",
        const="",
        metavar="REFERENCE",
        help="profile the manage page of this registration (default: a confirmed one)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="profiled requests (default 5)")
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML view here")
    args = parser.parse_args(argv)
    if args.manage is not None:
        args.page = manage_page(args.manage)
    elif not args.page:
        parser.error("give a PAGE or --manage")
    return args


def manage_page(reference):
    from registration.models import Registration

    registrations = Registration.objects.filter(status=Registration.Status.CONFIRMED)
    if reference:
        registrations = Registration.objects.filter(booking_reference=reference)
    registration = registrations.filter(days__isnull=False).order_by("pk").first()
    if registration is None:
        raise SystemExit("No such registration: run `make demo`, or give a booking reference.")
    return registration.get_manage_url()


def get_cold(client, page):
    clear_public_pages()
    response = client.get(page)
    if response.status_code != 200:
        raise SystemExit(f"{page} answered {response.status_code}, not 200")
    return response


def main(argv=None):
    args = parse_args(argv)
    client = Client()
    profiler = Profiler(interval=0.0005)
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        get_cold(client, args.page)
        profiler.start()
        for _ in range(args.repeat):
            get_cold(client, args.page)
        profiler.stop()
    print(f"{args.page}: {args.repeat} requests, page cache cold", file=sys.stderr)
    print(profiler.output_text(unicode=True, color=sys.stdout.isatty(), show_all=False))
    if args.html:
        args.html.write_text(profiler.output_html())
    return 0


if __name__ == "__main__":
    sys.exit(main())
