"""Production: refuses to start without a real secret, HTTPS everywhere, Redis cache,
static files compressed and served by WhiteNoise, mail through an anymail provider or SMTP."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import EMAIL_USE_SSL, EMAIL_USE_TLS, STORAGES, env

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
WEAK_SECRET_MARKERS = ("django-insecure", "change-me", "changeme", "secret")


def require_real_secret_key(key: str) -> str:
    """A production site must never run on a missing, short or placeholder key: sessions,
    password resets and personal manage links are signed with it."""
    if len(key) < 50 or len(set(key)) < 5 or any(m in key.lower() for m in WEAK_SECRET_MARKERS):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 50 characters in production "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    return key


require_real_secret_key(SECRET_KEY)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS (STARTTLS, port 587) and EMAIL_USE_SSL (implicit TLS, port 465) "
        "exclude each other: set one."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

CACHES = {"default": env.cache_url("CACHE_URL", default="redis://127.0.0.1:6379/1")}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^monitoring/email$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
