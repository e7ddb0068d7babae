"""The public conference pages: what visitors see, drafts hidden, staff previews, languages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.models import Conference, Speaker
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db


def _url(name, conference, **kwargs):
    return reverse(f"conferences:{name}", kwargs={"slug": conference.slug, **kwargs})


def test_event_page_shows_motto_dates_venue_host_topics_highlights_and_hotline(
    client, conference, programme
):
    Conference.objects.filter(pk=conference.pk).update(
        venue_name="Kongresshalle am Zoo",
        host_name="Municipality of Leipzig",
        why_attend="To hear the truth, not the spin\n- To have fun",
        hotline_fax="+43 1 718 94 76-22",
    )
    html = client.get(_url("detail", conference)).content.decode()
    assert "“Are we ready?”" in html
    assert "Kongresshalle am Zoo" in html
    assert "Host: Municipality of Leipzig" in html
    assert "<li>To hear the truth, not the spin</li><li>To have fun</li>" in html
    assert "1. City data" in html and "Are you waving or drowning?" in html
    assert "IT governance" in html  # keynote highlight
    assert "World Café" in html
    assert "Secret draft" not in html
    assert 'href="tel:+4317189476-33"' in html
    assert "+43 1 718 94 76-22" in html


@pytest.mark.parametrize(
    ("changes", "heading", "link_text"),
    [
        ({}, "Registration is open", "Register now"),
        ({"registration_full": True}, "Registration is full", "Join the waiting list"),
        ({"registration_opens_at": "future"}, "Registration opens soon", None),
        ({"registration_closes_at": "past"}, "Registration is closed", None),
    ],
)
def test_event_page_call_to_action_follows_the_registration_state(
    client, conference, changes, heading, link_text
):
    now = timezone.now()
    values = {
        key: {
            "future": now + datetime.timedelta(days=3),
            "past": now - datetime.timedelta(hours=1),
        }.get(value, value)
        for key, value in changes.items()
    }
    if "registration_closes_at" in values:
        values["registration_opens_at"] = now - datetime.timedelta(days=5)
    if "registration_opens_at" in values and "registration_closes_at" not in values:
        values["registration_closes_at"] = now + datetime.timedelta(days=10)
    Conference.objects.filter(pk=conference.pk).update(**values)
    html = client.get(_url("detail", conference)).content.decode()
    assert f'<h2 id="registration-heading" class="h4">{heading}</h2>' in html
    register_url = reverse("registration:register", kwargs={"slug": conference.slug})
    if link_text:
        assert f'href="{register_url}">{link_text}</a>' in html
    else:
        assert f'href="{register_url}">Register now</a>' not in html


def test_event_page_shows_full_when_every_seat_is_taken(client):
    conference = make_conference(capacity=1)
    make_registration(conference)
    html = client.get(_url("detail", conference)).content.decode()
    assert "Registration is full" in html


def test_draft_conference_is_hidden_from_visitors_and_previewed_by_staff(
    client, staff_client, conference, programme
):
    Conference.objects.filter(pk=conference.pk).update(is_published=False)
    for name in ("detail", "programme", "world_cafe", "venue", "programme_ics"):
        assert client.get(_url(name, conference)).status_code == 404, name
    assert client.get(_url("session", conference, session_slug="keynote")).status_code == 404
    assert client.get(_url("topic", conference, topic_slug="city-data")).status_code == 404
    assert "2018-leipzig" not in client.get(reverse("conferences:list")).content.decode()
    assert client.get(reverse("conferences:speaker", args=["ralf-resch"])).status_code == 404
    preview = staff_client.get(_url("detail", conference))
    assert preview.status_code == 200
    assert "Draft: only staff see this" in preview.content.decode()


def test_draft_session_is_hidden_from_visitors_and_previewed_by_staff(
    client, staff_client, conference, programme
):
    url = _url("session", conference, session_slug="secret")
    assert client.get(url).status_code == 404
    assert client.get(_url("session_ics", conference, session_slug="secret")).status_code == 404
    assert "Secret draft" not in client.get(_url("programme", conference)).content.decode()
    assert staff_client.get(url).status_code == 200
    assert "Secret draft" in staff_client.get(_url("programme", conference)).content.decode()


def test_programme_lists_sessions_by_day_with_times_rooms_kinds_speakers_topics(
    client, conference, programme
):
    html = client.get(_url("programme", conference)).content.decode()
    assert html.count('class="programme-day"') == 2  # two days have sessions
    assert ">09:00</time>–<time" in html
    assert "Keynote · Großer Saal" in html
    assert ">Dr. Ralf Resch</a>, Vitako" in html
    assert "Topic: <a" in html
    assert html.index(">IT governance</a></h3>") < html.index(">World Café</a></h3>")


def test_programme_filters_by_day_and_by_topic_without_javascript(client, conference, programme):
    last_day = conference.days.last().date.isoformat()
    html = client.get(_url("programme", conference), {"day": last_day}).content.decode()
    assert ">World Café</a></h3>" in html and "IT governance" not in html
    html = client.get(_url("programme", conference), {"topic": "city-data"}).content.decode()
    assert "IT governance" in html and ">World Café</a></h3>" not in html
    assert '<option value="city-data" selected>' in html


@pytest.mark.parametrize("query", [{"day": "not-a-date"}, {"topic": "\x00"}, {"day": "9" * 50}])
def test_programme_ignores_unknown_filter_values(client, conference, programme, query):
    response = client.get(_url("programme", conference), query)
    assert response.status_code == 200
    assert "IT governance" in response.content.decode()


def test_session_topic_and_speaker_pages(client, conference, programme):
    session = client.get(_url("session", conference, session_slug="keynote")).content.decode()
    assert "<h1>IT governance</h1>" in session
    assert "Großer Saal" in session and "Dr. Ralf Resch" in session
    topic = client.get(_url("topic", conference, topic_slug="city-data")).content.decode()
    assert "<h1>City data</h1>" in topic and "IT governance" in topic
    speaker = client.get(reverse("conferences:speaker", args=["ralf-resch"])).content.decode()
    assert "<h1>Dr. Ralf Resch</h1>" in speaker and "IT governance" in speaker


def test_speaker_without_published_session_has_no_public_page(client, conference):
    Speaker.objects.create(slug="nobody", first_name="No", last_name="Body")
    assert client.get(reverse("conferences:speaker", args=["nobody"])).status_code == 404


def test_world_cafe_page_shows_the_tables_and_how_it_works(client, conference, programme):
    html = client.get(_url("world_cafe", conference)).content.decode()
    assert "Table 1: Theme 1" in html and "Table 2: Theme 2" in html
    assert "10 seats" in html
    assert "you move on to another table" in html.replace("after a round move", "you move")


def test_venue_page_shows_address_and_travel_notes(client, conference):
    Conference.objects.filter(pk=conference.pk).update(
        venue_name="Kongresshalle am Zoo",
        venue_address="Pfaffendorfer Straße 31\n04105 Leipzig",
        travel_notes="Tram 12 to Zoo.",
    )
    html = client.get(_url("venue", conference)).content.decode()
    assert "<address>Pfaffendorfer Straße 31<br>04105 Leipzig</address>" in html
    assert "Tram 12 to Zoo." in html


def test_list_splits_upcoming_and_past_and_home_shows_the_next_edition(client, conference):
    past = make_conference(
        title="MCE 2017 Vienna", start_date=timezone.localdate() - datetime.timedelta(days=400)
    )
    later = make_conference(
        title="MCE 2030", start_date=timezone.localdate() + datetime.timedelta(days=900)
    )
    html = client.get(reverse("conferences:list")).content.decode()
    upcoming, past_part = html.split("Past conferences")
    assert upcoming.index(conference.title) < upcoming.index(later.title)
    assert past.title in past_part
    home = client.get(reverse("conferences:home")).content.decode()
    assert f'<h1><a href="{conference.get_absolute_url()}">{conference.title}</a></h1>' in home


def test_german_page_shows_german_text_and_falls_back_to_english_where_it_is_empty(
    client, conference, programme
):
    Conference.objects.filter(pk=conference.pk).update(motto_en="Are we ready?", motto_de="")
    topic = programme["topic"]
    topic.title_de = "Stadtdaten"
    topic.save()
    html = client.get("/de" + _url("detail", conference)).content.decode()
    assert '<html lang="de">' in html
    assert "1. Stadtdaten" in html
    assert "“Are we ready?”" in html  # German empty: English shown
    assert "Die Anmeldung ist geöffnet" in html  # UI strings translated too


def test_demo_edition_shows_the_demo_notice(client, conference):
    url = _url("detail", conference)
    assert "demo-notice" not in client.get(url).content.decode()
    Conference.objects.filter(pk=conference.pk).update(is_demo=True)
    from conferences.caching import clear_public_pages

    clear_public_pages()
    assert "Demo data:" in client.get(url).content.decode()
