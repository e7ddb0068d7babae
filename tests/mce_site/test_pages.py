"""Every page shares one accessible layout, in English at unprefixed URLs and German under /de/."""

import json
import logging

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from mce_site.settings.base import LOGGING

pytestmark = pytest.mark.django_db


def test_base_layout_has_landmarks_skip_link_and_hotline(client):
    html = client.get(reverse("imprint")).content.decode()
    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert 'href="tel:+4317189476-33"' in html
    assert "operations@majorcities.eu" in html
    assert "/static/css/bootstrap.min.css" in html


def test_german_lives_under_de_prefix(client):
    html = client.get("/de/imprint/").content.decode()
    assert '<html lang="de">' in html
    assert "Zum Hauptinhalt springen" in html
    assert "Impressum" in html


def test_language_switcher_links_to_the_same_page_in_the_other_language(client):
    english = client.get("/privacy/").content.decode()
    german = client.get("/de/privacy/").content.decode()
    assert '<a href="/de/privacy/" hreflang="de" lang="de">Deutsch</a>' in english
    assert '<a href="/privacy/" hreflang="en" lang="en">English</a>' in german
    assert (
        '<link rel="alternate" hreflang="de" href="http://127.0.0.1:8000/de/privacy/">' in english
    )


def test_unprefixed_urls_stay_english_whatever_the_browser_prefers(client):
    html = client.get("/privacy/", headers={"accept-language": "de"}).content.decode()
    assert '<html lang="en">' in html


def test_imprint_and_privacy_are_real_pages_with_marked_placeholders(client):
    for name in ("imprint", "privacy"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "Placeholder" in response.content.decode()


def test_unknown_page_gets_the_designed_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert '<a class="skip-link"' in html


def test_unknown_german_page_gets_the_german_404(client):
    response = client.get("/de/keine-seite/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@override_settings(ROOT_URLCONF="tests.mce_site.urls_failing")
def test_server_error_gets_the_designed_500(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "operations@majorcities.eu" in html


def test_every_request_is_logged_as_one_json_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="mce_site.requests"):
        client.get("/privacy/?token=secret")
    record = next(r for r in caplog.records if r.name == "mce_site.requests")
    formatter = _json_formatter()
    line = json.loads(formatter.format(record))
    assert line["method"] == "GET"
    assert line["path"] == "/privacy/"
    assert line["route"] == "privacy/"
    assert line["status"] == 200
    assert line["level"] == "INFO"
    assert isinstance(line["duration_ms"], float)
    assert "secret" not in formatter.format(record)


def _json_formatter():
    from pythonjsonlogger.json import JsonFormatter

    options = {k: v for k, v in LOGGING["formatters"]["json"].items() if k != "()"}
    return JsonFormatter(**options)


def test_translations_are_compiled_for_german():
    with translation.override("de"):
        assert translation.gettext("Skip to main content") == "Zum Hauptinhalt springen"


def test_footer_shows_the_hotline_of_the_conference_being_read(client):
    from tests.factories import make_conference

    conference = make_conference(hotline_phone="+49 341 123 45", hotline_email="mdit@example.org")
    html = client.get(conference.get_absolute_url()).content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="tel:+4934112345"' in footer
    assert "mdit@example.org" in footer
    network_footer = client.get(reverse("imprint")).content.decode()
    assert "operations@majorcities.eu" in network_footer[network_footer.index("<footer") :]


def test_content_security_policy_allows_only_our_own_host(client):
    policy = client.get(reverse("privacy"))["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy


def test_favicon_ico_leads_to_our_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.svg"
