"""No personal data or secret in any log line: requests carrying known tokens, addresses and
names go through every kind of personal page, and every line logged at any level is searched
for them."""

import io
import json
import logging

import pytest
from django.test import override_settings
from django.urls import reverse

from mce_site.log_redaction import RedactSecrets, redact
from mce_site.settings.base import LOGGING
from registration.models import Registration
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db

TOKEN = "Kq3vZ8pL0sYw4tN7xR2mB5cH9jD1fG6a_E-uTnWbQk"
PENDING_TOKEN = "Pe7nD1ngT0kEn-ZZqq88YYxx44WWvv22UUtt00aaBb"
EMAIL = "wilhelmine.zwetschkenbaum@secret.example"


@pytest.fixture
def log_lines():
    """Every record of every logger at DEBUG, through the site's filter and formatter."""
    from pythonjsonlogger.json import JsonFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactSecrets())
    options = {k: v for k, v in LOGGING["formatters"]["json"].items() if k != "()"}
    handler.setFormatter(JsonFormatter(**options))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    quiet = [logging.getLogger(name) for name in ("django.db.backends", "faker", "factory")]
    for logger in quiet:  # SQL lines hold data by design; our queries are not logged in prod
        logger.disabled = True
    yield lambda: stream.getvalue().splitlines()
    root.removeHandler(handler)
    root.setLevel(old_level)
    for logger in quiet:
        logger.disabled = False


@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_requests_with_known_tokens_leave_no_token_in_any_log_line(client, log_lines):
    conference = make_conference()
    make_registration(conference, manage_token=TOKEN, email=EMAIL, last_name="Zwetschkenbaum")
    make_registration(conference, manage_token=PENDING_TOKEN, status=Registration.Status.PENDING)
    for token in (TOKEN, PENDING_TOKEN, TOKEN + "x"):
        for name in ("manage", "confirm", "cancel", "calendar"):
            url = reverse(f"registration:{name}", kwargs={"token": token})
            client.get(url, HTTP_REFERER=f"https://www.example.org{url}?ref={token}")
            client.get(f"{url}?token={token}&email={EMAIL}")
            client.post(url, {"days": "x"})
            client.get("/de" + url)
        client.get(f"/registration/{token}")  # no trailing slash: a redirect
        client.get(f"/registration/{token}/unknown/")  # no such page
        client.get(f"/{token}/")
    lines = log_lines()
    assert len(lines) > 40
    assert any('"route": "registration/<str:token>/"' in line for line in lines)
    for line in lines:
        json.loads(line)
        for secret in (TOKEN, PENDING_TOKEN, EMAIL, "Zwetschkenbaum"):
            assert secret not in line, line


def test_errors_with_tracebacks_are_redacted_too(log_lines):
    logger = logging.getLogger("mce_site.test")
    try:
        raise ValueError(f"no registration for /registration/{TOKEN}/ ({EMAIL})")
    except ValueError:
        logger.exception("failed for %s", EMAIL, extra={"request": f"/registration/{TOKEN}/"})
    (line,) = log_lines()
    assert TOKEN not in line
    assert EMAIL not in line
    assert "Traceback" in line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"/registration/{TOKEN}/cancel/", "/registration/<token>/cancel/"),
        (f"/de/registration/{TOKEN}/", "/de/registration/<token>/"),
        ("/conferences/2019-it-fachtag/?page=2", "/conferences/2019-it-fachtag/?<query>"),
        (f"to {EMAIL}: 550", "to <email>: 550"),
        ("/conferences/mitteldeutscher-it-fachtag-2019/", None),
        ("HardenedPostmarkTrackingWebhookView", None),
        ("/operations/registration/registration/12/change/", None),
        ("GET /registration/<str:token>/ 200", None),
        ('File "/srv/mce/registration/hotline/admin.py", line 9', None),
    ],
)
def test_redaction_keeps_what_is_not_secret(text, expected):
    assert redact(text) == (expected or text)
