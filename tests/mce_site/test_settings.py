"""Configuration comes from the environment, with safe defaults, and production refuses
to run on a missing or placeholder secret."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = (
    "import json, django; from django.conf import settings as s; django.setup(); "
    "print(json.dumps({'db': s.DATABASES['default'], 'debug': s.DEBUG, 'tz': s.TIME_ZONE, "
    "'use_tz': s.USE_TZ, 'email': s.EMAIL_BACKEND, 'anymail': s.ANYMAIL, "
    "'hosts': s.ALLOWED_HOSTS, 'cache': s.CACHES['default']['BACKEND'], "
    "'static': s.STORAGES['staticfiles']['BACKEND']}, default=str))"
)
REAL_SECRET = secrets.token_urlsafe(50)


def run_python(code, settings_module, **env):
    """Runs code in a fresh interpreter, so settings are read from this environment only."""
    # Only this test's variables: nothing from the developer's shell or other tests (the
    # browser tests relax Django's async guard for their own process).
    inherited = ("DATABASE_URL", "ANYMAIL_", "EMAIL_", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(inherited)}
    clean.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_DIR, env=clean, capture_output=True, text=True
    )


def read_settings(settings_module, **env):
    result = run_python(PRINT_SETTINGS, settings_module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_development_defaults_need_no_configuration():
    values = read_settings("mce_site.settings.dev")
    assert values["debug"] is True
    assert values["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["db"]["NAME"] == str(PROJECT_DIR / "db.sqlite3")
    assert values["tz"] == "Europe/Berlin"
    assert values["use_tz"] is True
    assert values["email"] == "django.core.mail.backends.filebased.EmailBackend"


def test_database_url_selects_postgresql():
    values = read_settings(
        "mce_site.settings.dev", DATABASE_URL="postgres://mce:s3cret@db.internal:5433/mce_prod"
    )
    assert values["db"]["ENGINE"] == "django.db.backends.postgresql"
    assert (values["db"]["HOST"], values["db"]["PORT"]) == ("db.internal", 5433)
    assert (values["db"]["NAME"], values["db"]["USER"]) == ("mce_prod", "mce")
    assert values["db"]["PASSWORD"] == "s3cret"


def test_email_provider_and_its_credentials_come_from_the_environment():
    values = read_settings(
        "mce_site.settings.dev",
        EMAIL_PROVIDER="mailgun",
        ANYMAIL_MAILGUN_API_KEY="key-123",
        ANYMAIL_MAILGUN_SENDER_DOMAIN="mg.example.org",
    )
    assert values["email"] == "anymail.backends.mailgun.EmailBackend"
    assert values["anymail"] == {
        "MAILGUN_API_KEY": "key-123",
        "MAILGUN_SENDER_DOMAIN": "mg.example.org",
    }


@pytest.mark.parametrize("secret", [None, "", "short", "django-insecure-" + "x" * 60])
def test_production_refuses_to_start_without_a_real_secret_key(secret):
    env = {"ALLOWED_HOSTS": "www.example.org"}
    if secret is not None:
        env["SECRET_KEY"] = secret
    result = run_python("import django; django.setup()", "mce_site.settings.prod", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_uses_secure_shared_services():
    values = read_settings(
        "mce_site.settings.prod", SECRET_KEY=REAL_SECRET, ALLOWED_HOSTS="www.example.org"
    )
    assert values["debug"] is False
    assert values["hosts"] == ["www.example.org"]
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_production_passes_the_deploy_checklist_without_warnings():
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        "mce_site.settings.prod",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="www.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRINT_EMAIL_SETTINGS = (
    "import json, django; from django.conf import settings as s; django.setup(); "
    "print(json.dumps({name: getattr(s, name) for name in ('EMAIL_BACKEND', 'EMAIL_HOST', "
    "'EMAIL_PORT', 'EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', "
    "'EMAIL_TIMEOUT')}))"
)


def read_email_settings(settings_module="mce_site.settings.dev", **env):
    result = run_python(PRINT_EMAIL_SETTINGS, settings_module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_smtp_comes_from_one_email_url():
    values = read_email_settings(EMAIL_URL="smtp+tls://mailer:s%40cret@smtp.example.org:587")
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "s@cret",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 30,
    }


def test_smtp_settings_come_one_by_one_and_override_the_url():
    values = read_email_settings(
        EMAIL_URL="smtp://smtp.example.org:25",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="relay.internal",
        EMAIL_PORT="465",
        EMAIL_HOST_USER="site",
        EMAIL_HOST_PASSWORD="pw",
        EMAIL_USE_SSL="true",
        EMAIL_TIMEOUT="10",
    )
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "relay.internal",
        "EMAIL_PORT": 465,
        "EMAIL_HOST_USER": "site",
        "EMAIL_HOST_PASSWORD": "pw",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": True,
        "EMAIL_TIMEOUT": 10,
    }


def test_production_refuses_both_starttls_and_implicit_tls():
    result = run_python(
        "import django; django.setup()",
        "mce_site.settings.prod",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="www.example.org",
        EMAIL_URL="smtp+tls://smtp.example.org:587",
        EMAIL_USE_SSL="true",
    )
    assert result.returncode != 0
    assert "exclude each other" in result.stderr
