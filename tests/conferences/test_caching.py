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
