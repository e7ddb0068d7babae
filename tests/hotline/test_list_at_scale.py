"""The registrations list and the dashboard stay cheap as registrations grow (issue 13): the
same queries with 3 registrations as with 60, none reading every row to list the countries,
and the shortcuts taken for speed show what Django's admin showed."""

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conferences.caching import clear_public_pages
from registration.hotline.queries import registered_countries
from registration.hotline.sites import hotline_site
from registration.models import Registration
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db

COUNTRIES = ["AT", "DE", "PL", "SE", "PT"]
CHANGELIST = "hotline:registration_registration_changelist"


def _fill(conference, size):
    table = conference.world_cafe_tables.first()
    for n in range(size):
        make_registration(
            conference,
            country=COUNTRIES[n % len(COUNTRIES)],
            gala_dinner=bool(n % 2),
            world_cafe_table=table if n % 3 else None,
            status=Registration.Status.values[n % len(Registration.Status.values)],
        )


def _queries(client, url, query=None):
    cache.clear()  # the sidebar's kept choices: each count starts from the same state
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query or {})
    assert response.status_code == 200
    return [entry["sql"] for entry in captured]


def _list_queries(conference):
    """(name, query) of the list with a search and with each filter of its sidebar."""
    scoped = {"conference__id__exact": conference.pk}
    return [
        ("all conferences", {}),
        ("conference", scoped),
        ("search", scoped | {"q": "Tester"}),
        ("status", scoped | {"status__exact": "confirmed"}),
        ("category", scoped | {"category": conference.participant_categories.first().pk}),
        ("day", scoped | {"day": conference.days.first().pk}),
        ("gala dinner", scoped | {"gala_dinner__exact": "1"}),
        ("table", scoped | {"table": conference.world_cafe_tables.first().pk}),
        ("no table", scoped | {"table": "none"}),
        ("country", scoped | {"country": "AT"}),
        ("email problem", scoped | {"email_problem": "yes"}),
        ("source", scoped | {"source__exact": "phone"}),
    ]


def _count_each(client, conference):
    url = reverse(CHANGELIST)
    return {name: len(_queries(client, url, query)) for name, query in _list_queries(conference)}


def test_the_list_runs_the_same_queries_with_3_and_with_60_registrations(hotline_client):
    few, many = make_conference(), make_conference()
    _fill(few, 3)
    _fill(many, 60)
    assert _count_each(hotline_client, few) == _count_each(hotline_client, many)


def test_the_dashboard_runs_the_same_queries_with_3_and_with_60_registrations(hotline_client):
    few, many = make_conference(), make_conference()
    _fill(few, 3)
    _fill(many, 60)
    counts = [
        len(_queries(hotline_client, reverse("hotline:dashboard", args=[conference.pk])))
        for conference in (few, many)
    ]
    assert counts[0] == counts[1]


def test_no_list_query_reads_every_registration_for_distinct_values(hotline_client):
    conference = make_conference()
    _fill(conference, 5)
    url = reverse(CHANGELIST)
    for _name, query in _list_queries(conference):
        assert not [sql for sql in _queries(hotline_client, url, query) if "DISTINCT" in sql]


def test_registered_countries_of_one_conference_and_of_all():
    first, second = make_conference(), make_conference()
    make_registration(first, country="DE")
    make_registration(first, country="AT")
    make_registration(first, country="DE")
    make_registration(second, country="PL")
    assert registered_countries(first.pk) == {"AT", "DE"}
    assert registered_countries(second.pk) == {"PL"}
    assert registered_countries() == {"AT", "DE", "PL"}
    assert registered_countries(make_conference().pk) == set()


def test_the_country_filter_offers_the_chosen_conference_s_countries(hotline_client):
    first, second = make_conference(), make_conference()
    make_registration(first, country="AT")
    make_registration(second, country="PL")
    url = reverse(CHANGELIST)
    scoped = hotline_client.get(url, {"conference__id__exact": first.pk}).content.decode()
    everywhere = hotline_client.get(url).content.decode()
    assert "country=AT" in scoped and "country=PL" not in scoped
    assert "country=AT" in everywhere and "country=PL" in everywhere
    mistyped = hotline_client.get(url, {"conference__id__exact": "9" * 30})
    assert mistyped.status_code in (200, 302)


def test_the_country_column_shows_the_country_s_name(hotline_client):
    conference = make_conference()
    make_registration(conference, country="AT", last_name="Huber")
    html = hotline_client.get(reverse(CHANGELIST), {"q": "Huber"}).content.decode()
    assert ">Austria<" in html


def test_the_row_checkbox_is_the_one_django_s_admin_renders():
    registration = make_registration(make_conference(), first_name='Zoë "<b>', last_name="O'B")
    model_admin = hotline_site._registry[Registration]
    expected = admin.ModelAdmin.action_checkbox(model_admin, registration)
    assert model_admin.action_checkbox(registration) == expected


CONFIGURED = ["conferences_conference", "conferences_day", "conferences_worldcafetable"]
CONFIGURED += ["registration_participantcategory", "registration_capacityitem"]


def test_the_sidebar_keeps_what_organisers_configure_between_requests(hotline_client):
    conference = make_conference()
    _fill(conference, 3)
    url, scoped = reverse(CHANGELIST), {"conference__id__exact": conference.pk}
    hotline_client.get(url, scoped)
    with CaptureQueriesContext(connection) as captured:
        html = hotline_client.get(url, scoped).content.decode()
    read = " ".join(entry["sql"] for entry in captured)
    assert [table for table in CONFIGURED if f'FROM "{table}"' in read] == []
    assert conference.world_cafe_tables.first().theme in html


def test_an_organiser_s_save_in_admin_shows_in_the_sidebar_at_once(hotline_client):
    conference = make_conference(tables=1)
    url, scoped = reverse(CHANGELIST), {"conference__id__exact": conference.pk}
    hotline_client.get(url, scoped)
    table = conference.world_cafe_tables.create(number=7, theme="Night buses")
    clear_public_pages()  # what every save in the organisers' admin does
    assert "Night buses" in hotline_client.get(url, scoped).content.decode()
    assert f"table={table.pk}" in hotline_client.get(url, scoped).content.decode()


def test_a_filtered_list_reads_at_most_eight_queries(hotline_client, django_assert_max_num_queries):
    """Session, user, the user's and the group's permissions, the conference's countries and
    delegations, the capped count and the page."""
    conference = make_conference()
    _fill(conference, 60)
    url, scoped = reverse(CHANGELIST), {"conference__id__exact": conference.pk}
    hotline_client.get(url, scoped)
    with django_assert_max_num_queries(8):
        hotline_client.get(url, scoped | {"gala_dinner__exact": "1"})


@pytest.mark.parametrize(("query", "shown"), [({}, 50), ({"p": "2"}, 13), ({"q": "Huber"}, 3)])
def test_a_page_of_rows_reads_only_the_columns_shown(hotline_client, query, shown):
    """On many pages or on one (a search): not the other forty fields, nor the phone number
    that phonenumbers parses."""
    conference = make_conference()
    _fill(conference, 60)
    for _n in range(3):
        make_registration(conference, last_name="Huber")
    url = reverse(CHANGELIST)
    with CaptureQueriesContext(connection) as captured:
        response = hotline_client.get(url, {"conference__id__exact": conference.pk} | query)
    assert len(response.context["cl"].result_list) == shown
    rows = 'SELECT "registration_registration"."id", '
    rows_read = [q["sql"] for q in captured if q["sql"].startswith(rows)]
    assert len(rows_read) == 1
    columns = rows_read[0].split(" FROM ")[0]  # not the search's WHERE, which reads the phone
    assert '"registration_registration"."phone"' not in columns
    assert '"registration_registration"."dietary_needs"' not in columns
    assert '"registration_registration"."booking_reference"' in columns
