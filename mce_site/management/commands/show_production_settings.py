"""Prints what production mode will use, secrets masked: run it before the first start.

Under any other settings module it runs itself again with mce_site.settings.prod, so the
answer is always about production (or its refusal, with every reason)."""

import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PRODUCTION = "mce_site.settings.prod"


def masked(value):
    """Whether a secret is set and how long it is, never the secret."""
    return f"set ({len(value)} characters)" if value else "NOT SET"


def masked_url(url):
    """A connection URL with its password replaced."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":*****@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def _database(db):
    if "sqlite" in db["ENGINE"]:
        return f"SQLite {db['NAME']}"
    password = ":*****" if db.get("PASSWORD") else ""
    return f"{db['ENGINE'].rsplit('.', 1)[-1]} {db.get('USER')}{password}@{db.get('HOST')}:{db.get('PORT')}/{db['NAME']}"  # noqa: E501


def production_summary():
    s = settings
    cache = s.CACHES["default"]
    webhook = (
        f"{s.SITE_URL}/anymail/{s.EMAIL_TRACKING_PROVIDER}/tracking/"
        if s.EMAIL_TRACKING_PROVIDER
        else "none mounted"
    )
    return [
        ("Settings module", s.SETTINGS_MODULE),
        ("On loopback only (PRODUCTION_ON_LOOPBACK)", getattr(s, "PRODUCTION_ON_LOOPBACK", False)),
        ("DEBUG", s.DEBUG),
        ("SECRET_KEY", masked(s.SECRET_KEY)),
        ("ALLOWED_HOSTS", ", ".join(s.ALLOWED_HOSTS)),
        ("SITE_URL", s.SITE_URL),
        ("CSRF_TRUSTED_ORIGINS", ", ".join(s.CSRF_TRUSTED_ORIGINS) or "-"),
        ("Database", _database(s.DATABASES["default"])),
        ("Cache", f"{cache['BACKEND']} {masked_url(str(cache.get('LOCATION', '')))}"),
        ("Email backend", s.EMAIL_BACKEND),
        ("Email provider settings", ", ".join(f"{k}: {masked(v)}" for k, v in s.ANYMAIL.items())),
        ("Tracking webhook", webhook),
        ("TRUSTED_PROXY_COUNT", s.TRUSTED_PROXY_COUNT),
        ("SECURE_PROXY_SSL_HEADER", getattr(s, "SECURE_PROXY_SSL_HEADER", None) or "off"),
        (
            "SECURE_SSL_REDIRECT / HSTS seconds",
            f"{s.SECURE_SSL_REDIRECT} / {s.SECURE_HSTS_SECONDS}",
        ),
        ("Second factor required for staff", s.STAFF_SECOND_FACTOR_REQUIRED),
        (
            "Staff session: at most / idle",
            f"{s.STAFF_SESSION_MAX_HOURS} h / {s.STAFF_SESSION_IDLE_MINUTES} min",
        ),
        (
            "Staff login lockout",
            f"after {s.AXES_FAILURE_LIMIT} failures, for {s.AXES_COOLOFF_TIME}",
        ),
        (
            "Sign-ups per address / per network",
            f"{s.SIGN_UP_RATE_PER_ADDRESS} / {s.SIGN_UP_RATE_PER_NETWORK} "
            f"(/{s.SIGN_UP_NETWORK_PREFIX_IPV4}, /{s.SIGN_UP_NETWORK_PREFIX_IPV6})",
        ),
        ("New conferences hold unconfirmed seats", f"{s.DEFAULT_PENDING_HOLD_HOURS} h"),
        (
            "Unconfirmed sign-ups holding seats, per conference",
            f"at most {s.MAX_UNCONFIRMED_HOLDS_PER_CONFERENCE}",
        ),
        ("Log level", s.LOG_LEVEL),
    ]


class Command(BaseCommand):
    help = "Prints the settings production mode will use (secrets masked), or why it refuses."
    requires_system_checks = []

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE != PRODUCTION:
            result = subprocess.run(
                [sys.executable, str(settings.BASE_DIR / "manage.py"), "show_production_settings"],
                env=os.environ | {"DJANGO_SETTINGS_MODULE": PRODUCTION},
                capture_output=True,
                text=True,
            )
            self.stdout.write(result.stdout, ending="")
            if result.returncode:
                raise CommandError(_refusal(result.stderr))
            return
        width = max(len(name) for name, _value in production_summary())
        for name, value in production_summary():
            self.stdout.write(f"{name:<{width}}  {value}")


def _refusal(stderr):
    """The refusal's message without the traceback that carried it."""
    marker = "Production settings refuse to start:"
    return stderr[stderr.index(marker) :].strip() if marker in stderr else stderr.strip()
