"""Production: refuses to start on unsafe settings (each named in one clear message), HTTPS
everywhere, Redis cache, static files compressed and served by WhiteNoise, mail through an
anymail provider, a second factor for staff.

PRODUCTION_ON_LOOPBACK=1 runs these settings on 127.0.0.1 for the benchmarks and the
production smoke test only: a localhost SITE_URL over http, file or local SMTP email, no
webhook secret and no second factor are then accepted, with a warning at start."""

import sys

from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from .base import *  # noqa: F403
from .base import (
    ANYMAIL,
    EMAIL_BACKEND,
    EMAIL_TRACKING_PROVIDER,
    EMAIL_USE_SSL,
    EMAIL_USE_TLS,
    SILENCED_SYSTEM_CHECKS,
    SITE_URL,
    STORAGES,
    env,
)
from .safety import production_problems

PRODUCTION_ON_LOOPBACK = env.bool("PRODUCTION_ON_LOOPBACK", default=False)
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if PRODUCTION_ON_LOOPBACK else []
)
ALLOW_LOCAL_EMAIL_BACKEND = env.bool("ALLOW_LOCAL_EMAIL_BACKEND", default=False)

# Behind our proxy (nginx), which sets X-Forwarded-Proto and appends to X-Forwarded-For; the
# two settings must agree (see safety.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
_TRUSTS_PROXY_SCHEME = env.bool("SECURE_PROXY_SSL_HEADER", default=not PRODUCTION_ON_LOOPBACK)
if _TRUSTS_PROXY_SCHEME:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

_problems = production_problems(
    debug=DEBUG,
    secret_key=SECRET_KEY,
    allowed_hosts=ALLOWED_HOSTS,
    site_url=SITE_URL,
    email_backend=EMAIL_BACKEND,
    local_email_allowed=ALLOW_LOCAL_EMAIL_BACKEND,
    tracking_provider=EMAIL_TRACKING_PROVIDER,
    webhook_secret=ANYMAIL.get("WEBHOOK_SECRET"),
    proxy_count=TRUSTED_PROXY_COUNT,
    proxy_ssl_header=_TRUSTS_PROXY_SCHEME,
    on_loopback=PRODUCTION_ON_LOOPBACK,
)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    _problems.append(
        "EMAIL_USE_TLS (STARTTLS, port 587) and EMAIL_USE_SSL (implicit TLS, port 465) "
        "exclude each other: set one."
    )
if _problems:
    raise ImproperlyConfigured(
        "Production settings refuse to start:\n" + "\n".join(f"- {p}" for p in _problems)
    )
if PRODUCTION_ON_LOOPBACK:
    sys.stderr.write(
        "WARNING: PRODUCTION_ON_LOOPBACK=1: production settings on this machine only "
        "(http on 127.0.0.1, local email, no webhook secret, no second factor for staff).\n"
    )

# Each gunicorn worker keeps its database connection between requests: opening one (and, on
# SQLite, reading the schema again) cost about 2 ms of CPU per page, more than a query.
# Health checks (base.py) drop a connection that broke.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405

CACHES = {
    "default": env.cache_url(
        "CACHE_URL",
        default="locmemcache://mce" if PRODUCTION_ON_LOOPBACK else "redis://127.0.0.1:6379/1",
    )
}
if PRODUCTION_ON_LOOPBACK:  # one machine, a few workers: per-process rate limits will do
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Source maps (12 of the 21 MB collected, Bootstrap's and the admin's) are fetched by developer
# tools only: compressing each twice at brotli's best level took half of collectstatic's time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# Staff sign in with a password and a one-time code (see mce_site/staff/).
STAFF_SECOND_FACTOR_REQUIRED = not PRODUCTION_ON_LOOPBACK

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not PRODUCTION_ON_LOOPBACK)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^monitoring/email$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
# Plain http on the loopback address could not keep secure-only cookies.
SESSION_COOKIE_SECURE = not PRODUCTION_ON_LOOPBACK
CSRF_COOKIE_SECURE = not PRODUCTION_ON_LOOPBACK
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
