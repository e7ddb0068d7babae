"""StoredPublicPagesMiddleware: a public page stored for anonymous visitors is served before
the session, language, authentication and other inner middleware run, with the same body and
headers as when it was stored; everyone else goes the whole way."""

import logging

import pytest
from django.urls import reverse

from conferences import caching
from conferences.models import Conference

pytestmark = pytest.mark.django_db


@pytest.fixture
def inner_calls(monkeypatch):
    """How often a request reached the view's page cache (the innermost step)."""
    calls = []
    real = caching._is_cacheable_request

    def counting(request):
        calls.append(request.path)
        return real(request)

    monkeypatch.setattr(caching, "_is_cacheable_request", counting)
    return calls


def _rename(conference, title):
    Conference.objects.filter(pk=conference.pk).update(title=title)  # no cache clearing


def _stored_here():
    return [key for key in caching.cache._cache if "stored-public-pages" in key]


@pytest.mark.parametrize("prefix", ["", "/de"])
def test_a_stored_page_comes_back_without_the_inner_middleware_and_as_it_was(
    client, conference, inner_calls, prefix
):
    url = prefix + reverse("conferences:detail", kwargs={"slug": conference.slug})
    fresh = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    _rename(conference, "Renamed edition")
    stored = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert inner_calls == [url]  # the second request stopped at the middleware
    assert stored.content == fresh.content
    assert dict(stored.headers) == dict(fresh.headers)
    for header in ("X-Frame-Options", "Content-Language", "Content-Security-Policy", "Vary"):
        assert stored.headers[header]
    assert stored.headers["Content-Language"] == (prefix[1:] or "en")
    assert stored.headers["Content-Encoding"] == "gzip"


def test_signed_in_staff_go_the_whole_way(client, staff_client, conference, inner_calls):
    url = reverse("conferences:detail", kwargs={"slug": conference.slug})
    client.get(url)
    _rename(conference, "Renamed edition")
    assert "Renamed edition" in staff_client.get(url).content.decode()
    assert inner_calls == [url, url]


def test_a_visitor_with_a_message_or_a_conditional_request_goes_the_whole_way(
    client, conference, inner_calls
):
    url = reverse("conferences:detail", kwargs={"slug": conference.slug})
    client.get(url)
    client.get(url, HTTP_IF_NONE_MATCH='"abc"')
    client.cookies["messages"] = "anything"
    client.get(url)
    assert inner_calls == [url, url, url]


def test_pages_whose_language_follows_the_browser_are_not_stored_here(client, conference):
    client.get(reverse("conferences:detail", kwargs={"slug": conference.slug}))
    client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="de")
    client.get("/api/v1/conferences/", HTTP_ACCEPT_LANGUAGE="de")
    stored = _stored_here()
    assert len(stored) == 1 and ":en:" in stored[0]


def test_a_stored_page_is_logged_with_its_route(client, conference, caplog):
    url = reverse("conferences:detail", kwargs={"slug": conference.slug})
    with caplog.at_level(logging.INFO, logger="mce_site.requests"):
        client.get(url)
        client.get(url)
    routes = [record.route for record in caplog.records if record.name == "mce_site.requests"]
    assert routes == ["conferences/<slug:slug>/"] * 2


def test_a_page_with_a_get_form_hands_no_csrf_cookie_and_is_stored_here(
    client, conference, inner_calls
):
    url = reverse("conferences:programme", kwargs={"slug": conference.slug})
    assert "csrftoken" not in client.get(url).cookies  # its filter form does not post
    client.get(url)
    assert inner_calls == [url]
    form = client.get(reverse("registration:register", kwargs={"slug": conference.slug}))
    assert "csrftoken" in form.cookies  # the sign-up form posts: it needs the cookie
