"""The press page of a conference, the site-wide list, one release and the news page."""

import datetime

import pytest
from django.urls import reverse

from conferences.models import Topic
from tests.factories import make_conference, make_registration

from .factories import make_contact, make_news, make_release
from .helpers import page_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    return make_conference(
        title="MCE 2018 Leipzig",
        motto="Are we ready?",
        host_name="City of Leipzig",
        venue_name="Kongresshalle am Zoo",
        venue_address="Pfaffendorfer Str. 31\n04105 Leipzig",
        start_date=datetime.date(2030, 5, 28),
    )


def _press_page(client, conference, prefix=""):
    url = prefix + page_url("press:conference_press", slug=conference.slug)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_facts_count_confirmed_participants_and_their_countries_only(client, conference):
    for country in ("DE", "DE", "AT", "FI"):
        make_registration(conference, country=country)
    make_registration(conference, country="SE", status="pending")
    make_registration(conference, country="NO", status="waitlisted")
    make_registration(conference, country="DK", status="cancelled")
    make_registration(make_conference(), country="FR")

    html = _press_page(client, conference)
    assert "<dt>Confirmed participants</dt><dd>4</dd>" in html
    assert "<dt>Countries represented</dt><dd>3</dd>" in html


def test_facts_are_at_most_a_minute_old(client, conference, settings, later):
    from conferences.press.queries import FACTS_SECONDS
    from conferences.press.views import FACTS_CACHE_SECONDS

    settings.PAGE_CACHE_SECONDS = 0  # the counts themselves are kept
    assert FACTS_SECONDS + FACTS_CACHE_SECONDS <= 60  # counted, then the page stored
    make_registration(conference)
    assert "<dt>Confirmed participants</dt><dd>1</dd>" in _press_page(client, conference)
    make_registration(conference)
    assert "<dt>Confirmed participants</dt><dd>1</dd>" in _press_page(client, conference)
    later(FACTS_SECONDS)
    assert "<dt>Confirmed participants</dt><dd>2</dd>" in _press_page(client, conference)


def test_press_page_shows_no_personal_data_of_registrants(client, conference):
    registrant = make_registration(
        conference,
        first_name="Wilhelmina",
        last_name="Zwetschgenbaum",
        email="wilhelmina@private.example",
        organisation="Geheimamt Quedlinburg",
        city="Quedlinburg",
        phone="+49 3946 123456",
    )
    html = _press_page(client, conference)
    for personal in (
        registrant.first_name,
        registrant.last_name,
        registrant.email,
        registrant.organisation,
        registrant.city,
        "3946",
        registrant.booking_reference,
    ):
        assert personal not in html


def test_press_page_shows_key_facts_of_the_conference(client, conference):
    Topic.objects.create(conference=conference, number=2, slug="b", title="City data")
    Topic.objects.create(conference=conference, number=1, slug="a", title="Digital government")
    html = _press_page(client, conference)
    assert "<dd>28 May 2030 – 30 May 2030</dd>" in html
    assert "<dd>Kongresshalle am Zoo<br>Pfaffendorfer Str. 31<br>04105 Leipzig</dd>" in html
    assert "<dt>Motto</dt><dd>Are we ready?</dd>" in html
    assert "<dt>Host</dt><dd>City of Leipzig</dd>" in html
    assert html.index("Digital government") < html.index("City data")


def test_press_page_lists_releases_newest_first_in_the_visitors_language(client, conference):
    now = datetime.datetime.now(datetime.UTC)
    older = make_release(
        conference, title="Ältere Meldung", released_at=now - datetime.timedelta(days=9)
    )
    make_release(
        conference,
        title="Older release",
        language="en",
        translation_of=older,
        released_at=older.released_at,
    )
    make_release(conference, title="Neueste Meldung", released_at=now - datetime.timedelta(days=1))
    make_release(title="Meldung des Netzwerks")  # not of this conference

    english = _press_page(client, conference)
    assert english.index("Neueste Meldung") < english.index("Older release")
    assert "Ältere Meldung" not in english
    assert "Meldung des Netzwerks" not in english
    german = _press_page(client, conference, prefix="/de")
    assert german.index("Neueste Meldung") < german.index("Ältere Meldung")
    assert "Older release" not in german


def test_press_page_lists_contacts_of_the_conference_and_of_its_releases(client, conference):
    listed = make_contact(name="Dr. Ralf Resch", phone="+49 30 20631560", email="presse@vitako.de")
    listed.conferences.add(conference)
    named = make_contact(name="Erika Sprecherin")
    make_release(conference, contact=named)
    make_contact(name="Niemand Sonst")

    html = _press_page(client, conference)
    assert "<strong>Dr. Ralf Resch</strong>, Spokesman" in html
    assert '<a href="tel:+493020631560">+49 30 20631560</a>' in html
    assert '<a href="mailto:presse@vitako.de">presse@vitako.de</a>' in html
    assert "Erika Sprecherin" in html
    assert "Niemand Sonst" not in html
    assert "<strong>Dr. Ralf Resch</strong>, Pressesprecher" in _press_page(
        client, conference, prefix="/de"
    )


def test_register_as_press_preselects_the_press_category(client, conference):
    html = _press_page(client, conference)
    register = page_url("registration:register", slug=conference.slug)
    assert f'href="{register}?category=press">Register as press</a>' in html


def test_a_press_category_saved_in_admin_shows_at_once(client, admin_client, conference):
    from tests.factories import save_in_admin

    press = conference.participant_categories.get(is_press=True)
    assert "Register as press" in _press_page(client, conference)
    save_in_admin(admin_client, press, is_press="")
    assert "Register as press" not in _press_page(client, conference)


def test_no_register_link_once_registration_has_closed(client, conference):
    conference.registration_closes_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    conference.registration_opens_at = datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)
    conference.save()
    assert "Register as press" not in _press_page(client, conference)


def test_press_page_of_an_unpublished_or_unknown_conference_is_not_found(client):
    hidden = make_conference(is_published=False)
    for slug in (hidden.slug, "no-such-conference"):
        url = page_url("press:conference_press", slug=slug)
        assert client.get(url).status_code == 404


def test_press_page_needs_the_same_queries_for_many_releases_and_contacts(
    client, conference, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    for _n in range(12):
        contact = make_contact()
        contact.conferences.add(conference)
        make_release(conference, contact=contact)
    url = page_url("press:conference_press", slug=conference.slug)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    # Kept: the conference, topics, partners, press kit, contacts and whether there is news.
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200


def test_release_list_needs_the_same_queries_for_many_releases(
    client, django_assert_max_num_queries
):
    for _n in range(15):
        make_release(make_conference())
    with django_assert_max_num_queries(6):
        response = client.get(page_url("press:releases"))
    assert response.content.decode().count('class="press-teaser"') == 15


def test_release_page_shows_text_boilerplate_and_contact_in_its_language(client):
    contact = make_contact(name="Dr. Ralf Resch")
    release = make_release(
        title="Europäisches Know-how",
        body="Die **Jahreskonferenz** findet in Leipzig statt.",
        organisation=contact.organisation,
        contact=contact,
    )
    html = client.get(release.get_absolute_url()).content.decode()
    assert '<article class="prose press-release" lang="de">' in html
    assert "<p>Die <strong>Jahreskonferenz</strong> findet in Leipzig statt.</p>" in html
    assert release.organisation.boilerplate_de in html
    assert release.organisation.boilerplate_en not in html
    assert "Pressekontakt" in html and "Pressesprecher" in html


def test_release_text_is_rendered_without_scripts_or_foreign_images(client):
    release = make_release(
        body='Hallo <script>alert("x")</script> [klick](javascript:alert(1)) '
        '![bild](https://tracker.example/pixel.png) <b onclick="x()">fett</b>'
    )
    html = client.get(release.get_absolute_url()).content.decode()
    body = html[html.index('class="press-body"') :]
    assert "<script>alert" not in body
    assert "javascript:" not in body
    assert "tracker.example" not in body
    assert "onclick" not in body
    assert "<b>fett</b>" in body


def test_release_page_links_its_visible_translation(client):
    original = make_release(title="Europäisches Know-how", slug="know-how-de")
    make_release(
        title="European know-how", slug="know-how-en", language="en", translation_of=original
    )
    html = client.get(original.get_absolute_url()).content.decode()
    assert (
        'href="/press/releases/know-how-en/" hreflang="en" lang="en">European know-how</a>' in html
    )


def test_news_page_lists_published_items_newest_first_with_their_links(client):
    make_news(title="Ältere Nachricht", date=datetime.date(2019, 1, 1))
    make_news(title="Neue Nachricht", date=datetime.date(2020, 12, 1), url="https://www.lecos.de/")
    make_news(title="Entwurf", is_published=False)
    html = client.get(page_url("press:news")).content.decode()
    assert html.index("Neue Nachricht") < html.index("Ältere Nachricht")
    assert "Entwurf" not in html
    assert '<a href="https://www.lecos.de/">Read more' in html
    assert '<article lang="de">' in html
    assert 'type="application/atom+xml"' in html


def test_news_page_in_german(client):
    make_news(title="Neue Nachricht")
    html = client.get(page_url("press:news", language="de")).content.decode()
    assert "<h1>Neuigkeiten</h1>" in html
    assert '<article lang="de">' not in html


def test_news_page_is_paged_newest_first_with_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    for day in range(1, 26):
        make_news(title=f"Nachricht vom {day:02d}.", date=datetime.date(2020, 1, day))
    with django_assert_max_num_queries(4):
        first = client.get(page_url("press:news")).content.decode()
    assert first.count("<article") == 20
    assert "Nachricht vom 25." in first and "Nachricht vom 05." not in first
    assert 'href="?page=2" rel="next">Older</a>' in first
    second = client.get(page_url("press:news") + "?page=2").content.decode()
    assert second.count("<article") == 5
    assert "Nachricht vom 05." in second
    assert client.get(page_url("press:news") + "?page=abc").status_code == 200
    assert client.get(page_url("press:news") + "?page=999").status_code == 200


def test_a_contact_saved_in_admin_shows_at_once_with_the_page_cache_off(
    client, admin_client, conference, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    contact = make_contact()
    contact.conferences.add(conference)
    url = page_url("press:conference_press", slug=conference.slug)
    assert contact.name in client.get(url).content.decode()
    change = reverse("admin:press_presscontact_change", args=[contact.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["conferences"] = [conference.pk]
    response = admin_client.post(change, data | {"name": "Renamed Contact"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "Renamed Contact" in client.get(url).content.decode()
