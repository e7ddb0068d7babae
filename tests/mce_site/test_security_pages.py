"""Headers every response carries, robots.txt over every back-office path, security.txt."""

import re

import pytest
from django.contrib.admin.sites import all_sites
from django.urls import URLResolver, get_resolver, reverse

from conferences.seo_urls import DISALLOWED

pytestmark = pytest.mark.django_db


def test_every_response_switches_off_browser_features_no_page_uses(client):
    for url in ("/", "/no-such-page/", reverse("admin:login")):
        policy = client.get(url)["Permissions-Policy"]
        assert "camera=()" in policy
        assert "geolocation=()" in policy
        assert "microphone=()" in policy


def _routes(resolver, prefix="", namespaces=()):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route, (*namespaces, entry.namespace))
        else:
            yield route, namespaces


def _staff_prefixes():
    """The first path segment of every admin site's and staff page's URL (URL resolver)."""
    staff = {site.name for site in all_sites} | {"staff"}
    for route, namespaces in _routes(get_resolver()):
        if staff & set(namespaces):
            yield "/" + route.lstrip("^").split("/")[0]


def test_robots_txt_keeps_crawlers_out_of_every_back_office_path(client):
    robots = client.get("/robots.txt").content.decode()
    disallowed = re.findall(r"^Disallow: (\S+)$", robots, re.MULTILINE)
    prefixes = set(_staff_prefixes())
    assert {"/admin", "/operations", "/staff"} <= prefixes
    for prefix in prefixes:
        assert any(path.startswith(prefix + "/") for path in disallowed), prefix
    assert "/anymail/" in DISALLOWED


def test_security_txt_names_a_contact_and_an_expiry_within_a_year(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Contact: mailto:operations@majorcities.eu" in text
    assert re.search(r"^Expires: \d{4}-\d\d-\d\dT00:00:00Z$", text, re.MULTILINE)
    assert "Canonical: " in text
