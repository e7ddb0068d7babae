"""Public pages are cached for anonymous visitors and cleared when organisers save in admin."""

import pytest
from django.http import HttpResponse
from django.urls import reverse

from conferences.caching import clear_public_pages
from conferences.models import Conference

pytestmark = pytest.mark.django_db


def _rename(conference, title):
    # A save outside admin (no cache clearing) to see whether the page comes from the cache.
    Conference.objects.filter(pk=conference.pk).update(title=title)


def test_anonymous_visitors_get_the_cached_page_until_it_is_cleared(client, conference):
    url = reverse("conferences:detail", kwargs={"slug": conference.slug})
    assert "MCE 2018 Leipzig" in client.get(url).content.decode()
    _rename(conference, "Renamed edition")
    assert "MCE 2018 Leipzig" in client.get(url).content.decode()
    clear_public_pages()
    assert "Renamed edition" in client.get(url).content.decode()


def test_each_language_is_cached_separately(client, conference):
    english = client.get(reverse("conferences:list")).content.decode()
    german = client.get("/de" + reverse("conferences:list")).content.decode()
    assert '<html lang="en">' in english
    assert '<html lang="de">' in german


def test_logged_in_staff_never_get_a_cached_page(staff_client, conference):
    url = reverse("conferences:detail", kwargs={"slug": conference.slug})
    staff_client.get(url)
    _rename(conference, "Renamed edition")
    assert "Renamed edition" in staff_client.get(url).content.decode()


def test_saving_a_conference_in_admin_clears_the_cache(client, admin_client, conference):
    url = reverse("conferences:detail", kwargs={"slug": conference.slug})
    client.get(url)
    _rename(conference, "Renamed edition")
    change_url = reverse("admin:conferences_conference_delete", args=[conference.pk])
    assert admin_client.get(change_url).status_code == 200  # reading does not clear
    assert "MCE 2018 Leipzig" in client.get(url).content.decode()
    topic_url = reverse("admin:conferences_topic_add")
    response = admin_client.post(
        topic_url,
        {
            "conference": conference.pk,
            "number": 9,
            "slug": "new-topic",
            "title_en": "A new topic",
            "title_de": "",
        },
    )
    assert response.status_code == 302
    assert "Renamed edition" in client.get(url).content.decode()


def test_a_page_showing_a_flash_message_is_neither_served_from_nor_stored_in_the_cache(
    client, conference
):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest

    url = reverse("conferences:list")
    client.get(url)  # cached without a message
    _rename(conference, "Renamed edition")
    request = HttpRequest()
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "Thank you for registering.")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    html = client.get(url).content.decode()
    assert "Thank you for registering." in html
    assert "Renamed edition" in html
    assert "Thank you" not in client.get(url).content.decode()


def _stored_pages():
    from django.core.cache import cache

    # Each page once (also kept by StoredPublicPagesMiddleware, see test_stored_pages.py).
    return [
        key
        for key in cache._cache
        if "public-pages:" in key and ":version" not in key and "stored-public-pages" not in key
    ]


def test_query_strings_no_page_reads_share_one_cache_entry(client, conference):
    url = reverse("conferences:detail", kwargs={"slug": conference.slug})
    for n in range(20):
        assert client.get(f"{url}?utm_source=x{n}&q={n}").status_code == 200
    assert len(_stored_pages()) == 1


def test_a_query_string_does_not_bypass_the_cached_page(client, conference):
    url = reverse("conferences:detail", kwargs={"slug": conference.slug})
    client.get(url)
    _rename(conference, "Renamed edition")
    assert "MCE 2018 Leipzig" in client.get(f"{url}?random=1").content.decode()


@pytest.mark.parametrize(
    "query",
    ["day=not-a-date", "day=2099-01-01", "topic=NO", "topic=unknown-topic", "page=1&page=2"],
)
def test_programme_filter_values_that_select_nothing_are_not_stored(client, conference, query):
    url = reverse("conferences:programme", kwargs={"slug": conference.slug})
    assert client.get(f"{url}?{query}").status_code == 200
    assert _stored_pages() == []


def test_a_real_programme_filter_is_stored_once(client, conference):
    url = reverse("conferences:programme", kwargs={"slug": conference.slug})
    day = conference.days.first().date.isoformat()
    client.get(f"{url}?day={day}")
    client.get(f"{url}?day={day}&utm_campaign=spring")
    assert len(_stored_pages()) == 1


def test_press_list_pages_past_the_last_are_not_stored(client):
    for n in (2, 50, 9999):
        assert client.get(reverse("press:releases") + f"?page={n}").status_code == 200
    assert _stored_pages() == []
