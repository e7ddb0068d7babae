"""Development: the defaults a newcomer needs, nothing to configure."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# `make run PORT=8123` serves on another port: links in emails, the canonical link and the
# JSON-LD must point where the site answers, so the default follows the port (an explicit
# SITE_URL still wins).
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}")
SITE_URL = SITE_URL.rstrip("/")
# Only for development: production refuses to start with this key (see prod.py).
SECRET_KEY = env.str(
    "SECRET_KEY", default="django-insecure-development-key-do-not-use-in-production"
)
# One process serves development, so the local-memory cache is good enough for rate limits.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]  # noqa: F405
# Serve static files straight from the apps and static/ without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
