"""The dashboard's figures and its bounded number of queries."""

import datetime

import pytest
from django.urls import reverse

from registration.hotline.queries import (
    dashboard_figures,
    forget_dashboard_counts,
    registrations_per_day,
)
from registration.models import Registration
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db


def test_figures_count_statuses_seats_categories_and_countries(conference):
    table = conference.world_cafe_tables.first()
    make_registration(conference, country="AT", gala_dinner=True, world_cafe_table=table)
    make_registration(conference, country="DE", status=Registration.Status.PENDING)
    make_registration(conference, country="DE", status=Registration.Status.WAITLISTED)
    make_registration(conference, country="FR", status=Registration.Status.CANCELLED)
    figures = dashboard_figures(conference)
    assert figures["status_counts"] == {
        "pending": 1,
        "confirmed": 1,
        "waitlisted": 1,
        "cancelled": 1,
        "expired": 0,
    }
    assert figures["seats_left"] == 8
    items = {str(row["item"]): row for row in figures["items"]}
    dinner = items["the gala dinner"]
    assert (dinner["capacity"], dinner["confirmed"], dinner["taken"]) == (5, 1, 1)
    conference_row = items["the conference"]
    assert (conference_row["confirmed"], conference_row["pending"]) == (1, 1)
    assert conference_row["waiting"] == 1
    assert items[str(table)]["confirmed"] == 1
    assert figures["country_count"] == 2
    assert [(c.code, n) for c, n in figures["by_country"]] == [("AT", 1), ("DE", 1)]
    assert figures["by_category"] == [("Member city", 2)]


def test_registrations_per_day_fill_the_gaps(conference):
    first = make_registration(conference)
    second = make_registration(conference)
    start = datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC)
    Registration.objects.filter(pk=first.pk).update(created_at=start)
    Registration.objects.filter(pk=second.pk).update(created_at=start + datetime.timedelta(days=2))
    assert registrations_per_day(conference) == [
        (datetime.date(2025, 3, 1), 1),
        (datetime.date(2025, 3, 2), 0),
        (datetime.date(2025, 3, 3), 1),
    ]


def test_dashboard_page_shows_the_chart_and_the_country_count(hotline_client, conference):
    make_registration(conference, country="AT")
    make_registration(conference, country="PL")
    html = hotline_client.get(reverse("hotline:dashboard", args=[conference.pk])).content.decode()
    assert "<svg" in html and 'class="bar"' in html
    assert "Registrations from 2 countries" in html


@pytest.mark.parametrize("size", [2, 40])
def test_dashboard_runs_a_bounded_number_of_queries(
    hotline_client, django_assert_max_num_queries, size
):
    conference = make_conference()
    for n in range(size):
        make_registration(conference, country=["AT", "DE", "PL"][n % 3])
    with django_assert_max_num_queries(16):
        response = hotline_client.get(reverse("hotline:dashboard", args=[conference.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 40])
def test_changelist_runs_a_bounded_number_of_queries(
    hotline_client, django_assert_max_num_queries, size, conference
):
    for _ in range(size):
        make_registration(conference)
    url = reverse("hotline:registration_registration_changelist")
    with django_assert_max_num_queries(18):
        response = hotline_client.get(url, {"conference__id__exact": conference.pk})
    assert response.status_code == 200


def test_counts_are_kept_a_few_seconds_and_the_page_says_when_they_were_counted(
    hotline_client, conference
):
    make_registration(conference, country="AT")
    url = reverse("hotline:dashboard", args=[conference.pk])
    assert "Registrations from 1 country" in hotline_client.get(url).content.decode()
    make_registration(conference, country="PL")
    html = hotline_client.get(url).content.decode()
    assert "Registrations from 1 country" in html and "Registrations counted at" in html
    assert dashboard_figures(conference)["seats_left"] == 8  # the seats are live
    forget_dashboard_counts(conference)
    assert "Registrations from 2 countries" in hotline_client.get(url).content.decode()
