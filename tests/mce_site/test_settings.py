"""Configuration comes from the environment, with safe defaults, and production refuses
to run on a missing or placeholder secret."""

import json
import os
import re
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
# What a real production start is given (see README, "Production").
PRODUCTION_ENV = {
    "SECRET_KEY": REAL_SECRET,
    "ALLOWED_HOSTS": "www.example.org",
    "SITE_URL": "https://www.example.org",
    "EMAIL_PROVIDER": "postmark",
    "ANYMAIL_POSTMARK_SERVER_TOKEN": "server-token",
    "ANYMAIL_WEBHOOK_SECRET": "hook:" + secrets.token_urlsafe(20),
    "TRUSTED_PROXY_COUNT": "1",
}


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
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    if secret is not None:
        env["SECRET_KEY"] = secret
    result = run_python("import django; django.setup()", "mce_site.settings.prod", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_uses_secure_shared_services():
    values = read_settings("mce_site.settings.prod", **PRODUCTION_ENV)
    assert values["debug"] is False
    assert values["hosts"] == ["www.example.org"]
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_production_passes_the_deploy_checklist_without_warnings():
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        "mce_site.settings.prod",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def start_production(**changes):
    env = {k: v for k, v in (PRODUCTION_ENV | changes).items() if v is not None}
    return run_python("import django; django.setup()", "mce_site.settings.prod", **env)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"DEBUG": "true"}, "DEBUG is on"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is empty"),
        ({"SITE_URL": "http://www.example.org"}, "SITE_URL must start with https://"),
        ({"SITE_URL": "https://localhost:8000"}, "SITE_URL points to this machine"),
        ({"SITE_URL": None}, "SITE_URL points to this machine"),
        (
            {
                "EMAIL_PROVIDER": None,
                "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            },
            "never delivers mail",
        ),
        ({"EMAIL_PROVIDER": None}, "filebased.EmailBackend never delivers mail"),
        ({"ANYMAIL_WEBHOOK_SECRET": None}, "tracking webhook has no secret"),
        ({"TRUSTED_PROXY_COUNT": "0"}, "TRUSTED_PROXY_COUNT=0"),
        ({"SECURE_PROXY_SSL_HEADER": "false"}, "SECURE_PROXY_SSL_HEADER=false"),
    ],
)
def test_production_refuses_each_unsafe_setting_with_a_clear_message(changes, message):
    result = start_production(**changes)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_names_every_problem_at_once():
    result = start_production(
        DEBUG="true", SITE_URL="http://127.0.0.1:8000", TRUSTED_PROXY_COUNT="0"
    )
    assert result.stderr.count("\n- ") >= 4


def test_local_email_in_production_only_when_explicitly_allowed():
    result = start_production(EMAIL_PROVIDER=None, ALLOW_LOCAL_EMAIL_BACKEND="true")
    assert result.returncode == 0, result.stderr


LOOPBACK_ENV = {"SECRET_KEY": REAL_SECRET, "PRODUCTION_ON_LOOPBACK": "1"}


def test_production_on_loopback_runs_with_local_settings_and_warns():
    values = read_settings("mce_site.settings.prod", **LOOPBACK_ENV)
    assert values["hosts"] == ["127.0.0.1", "localhost"]
    assert values["email"] == "django.core.mail.backends.filebased.EmailBackend"
    assert values["debug"] is False
    result = run_python("import django; django.setup()", "mce_site.settings.prod", **LOOPBACK_ENV)
    assert "WARNING: PRODUCTION_ON_LOOPBACK=1" in result.stderr


def test_production_on_loopback_refuses_a_public_host_name():
    result = run_python(
        "import django; django.setup()",
        "mce_site.settings.prod",
        **LOOPBACK_ENV,
        ALLOWED_HOSTS="127.0.0.1,www.example.org",
    )
    assert result.returncode != 0
    assert "www.example.org" in result.stderr


def test_settings_command_shows_production_with_secrets_masked():
    command = "from django.core.management import call_command; import django; django.setup(); "
    command += "call_command('show_production_settings')"
    database = "postgres://mce:db-pass-word@db.internal:5432/mce"
    result = run_python(command, "mce_site.settings.dev", **PRODUCTION_ENV, DATABASE_URL=database)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "https://www.example.org" in out
    assert "https://www.example.org/anymail/postmark/tracking/" in out
    assert f"set ({len(REAL_SECRET)} characters)" in out
    for secret in (REAL_SECRET, "db-pass-word", PRODUCTION_ENV["ANYMAIL_WEBHOOK_SECRET"]):
        assert secret not in out


def test_settings_command_explains_a_refusal():
    command = "from django.core.management import call_command; import django; django.setup(); "
    command += "call_command('show_production_settings')"
    result = run_python(command, "mce_site.settings.dev", SECRET_KEY=REAL_SECRET)
    assert result.returncode != 0
    assert "SITE_URL must start with https://" in result.stderr


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


PRINT_SITE_URL = (
    "import django; from django.conf import settings; django.setup(); print(settings.SITE_URL)"
)


def test_development_site_url_follows_the_port_make_run_serves_on():
    result = run_python(PRINT_SITE_URL, "mce_site.settings.dev", PORT="8123")
    assert result.stdout.strip() == "http://127.0.0.1:8123"


def test_an_explicit_site_url_wins_over_the_port():
    result = run_python(
        PRINT_SITE_URL, "mce_site.settings.dev", PORT="8123", SITE_URL="https://demo.example.org/"
    )
    assert result.stdout.strip() == "https://demo.example.org"


def test_make_run_passes_its_port_to_the_server_and_the_worker():
    dry_run = subprocess.run(
        ["make", "-n", "run", "PORT=8123"], cwd=PROJECT_DIR, capture_output=True, text=True
    )
    # The virtualenv's name is make's VENV (CI's Python 3.13 pass uses .venv-3.13).
    assert re.search(r"PORT=8123 \S+/bin/python manage.py runserver 127.0.0.1:8123", dry_run.stdout)
    assert re.search(r"PORT=8123 \S+/bin/python manage.py run_worker", dry_run.stdout)
