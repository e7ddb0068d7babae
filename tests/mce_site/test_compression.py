"""Text answers leave the app compressed for clients that take gzip; cached public pages are
stored compressed, so serving them costs no compression."""

import gzip

import pytest
from django.core.cache import cache
from django.http import HttpResponse

from mce_site.compression import compress_response
from tests.factories import make_conference

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_the_event_page_is_sent_compressed_to_a_client_that_takes_gzip(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    conference = make_conference()
    plain = client.get(conference.get_absolute_url())
    packed = client.get(conference.get_absolute_url(), **GZIP)
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 2


def test_a_cached_page_is_stored_compressed_and_served_as_stored(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    conference = make_conference()
    url = conference.get_absolute_url()
    first = client.get(url, **GZIP)
    second = client.get(url, **GZIP)
    assert first["Content-Encoding"] == second["Content-Encoding"] == "gzip"
    assert second.content == first.content  # the stored bytes, not compressed again
    # A client without gzip gets its own stored copy, in plain text.
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    assert gzip.decompress(second.content) == plain.content
    cache.clear()


def test_a_personal_page_is_compressed_afresh_for_each_request(client):
    conference = make_conference()
    form = client.get(f"/conferences/{conference.slug}/register-now/", **GZIP)
    assert form["Content-Encoding"] == "gzip"  # padded against BREACH by Django
    again = client.get(f"/conferences/{conference.slug}/register-now/", **GZIP)
    assert again.content != form.content  # fresh CSRF mask and random padding each time


def test_only_text_answers_are_compressed(rf):
    request = rf.get("/", **GZIP)
    png = HttpResponse(b"\x89PNG" + bytes(4000), content_type="image/png")
    assert "Content-Encoding" not in compress_response(request, png)
    ics = HttpResponse("BEGIN:VCALENDAR\n" * 300, content_type="text/calendar")
    assert compress_response(request, ics)["Content-Encoding"] == "gzip"
