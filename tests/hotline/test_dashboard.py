"""The dashboard's figures and its bounded number of queries."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from registration.hotline.charts import bar_chart, table_rows
from registration.hotline.queries import (
    PAST_DAYS_SECONDS,
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


# What the dashboard's template wrote in loops before charts.py wrote it: the reference.
TEMPLATE_LOOPS = Template(
    '{% for bar in chart.bars %}<rect class="bar" x="{{ bar.x|stringformat:\'s\' }}" '
    "y=\"{{ bar.y|stringformat:'s' }}\" width=\"{{ bar.width|stringformat:'s' }}\" "
    "height=\"{{ bar.height|stringformat:'s' }}\"><title>{{ bar.label }}: {{ bar.value }}"
    "</title></rect>{% endfor %}|"
    "{% for bar in chart.x_labels %}<text x=\"{{ bar.x|stringformat:'s' }}\" "
    "y=\"{{ chart.height|add:'-6' }}\">{{ bar.label }}</text>{% endfor %}|"
    '{% for date, count in points %}<tr><th scope="row">'
    '{{ date|date:"SHORT_WEEKDAY_DATE_FORMAT" }}</th><td>{{ count }}</td></tr>{% endfor %}'
)


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("days", [1, 3, 92])
def test_the_chart_and_its_table_are_what_the_template_wrote(language, days):
    start = datetime.date(2027, 1, 30)
    points = [(start + datetime.timedelta(days=i), (i * 7919) % 1500) for i in range(days)]
    with translation.override(language):
        chart = bar_chart(points)
        written = f"{chart['bars_svg']}|{chart['x_labels_svg']}|{table_rows(points)}"
        assert written == TEMPLATE_LOOPS.render(Context({"chart": chart, "points": points}))
    assert written.count("<rect") == days


def test_the_dashboard_shows_every_day_in_the_chart_and_the_table(hotline_client, conference):
    registration = make_registration(conference)
    start = datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC)
    Registration.objects.filter(pk=registration.pk).update(created_at=start)
    make_registration(conference)  # today
    page = hotline_client.get(reverse("hotline:dashboard", args=[conference.pk])).content.decode()
    days = (timezone.localdate(timezone=conference.tzinfo) - datetime.date(2025, 3, 1)).days + 1
    assert page.count('<rect class="bar"') == days
    assert page.count('<tr><th scope="row">') >= days
    assert "Sat 1 Mar 2025</th><td>1</td>" in page


UTC = datetime.UTC


@pytest.mark.parametrize(
    ("time_zone", "instants"),
    [
        # Around the local midnights of the days the clocks change in Berlin.
        (
            "Europe/Berlin",
            [
                datetime.datetime(2025, 3, 29, 22, 59, 59, tzinfo=UTC),  # 23:59:59 on the 29th
                datetime.datetime(2025, 3, 29, 23, 0, tzinfo=UTC),  # midnight, the 30th
                datetime.datetime(2025, 3, 30, 21, 59, 59, tzinfo=UTC),  # 23:59:59 CEST
                datetime.datetime(2025, 3, 30, 22, 0, tzinfo=UTC),  # the 31st
                datetime.datetime(2025, 4, 2, 12, 0, tzinfo=UTC),
            ],
        ),
        # A midnight the clocks skip (Santiago de Chile jumps from 00:00 to 01:00).
        (
            "America/Santiago",
            [
                datetime.datetime(2024, 9, 7, 12, 0, tzinfo=UTC),
                datetime.datetime(2024, 9, 8, 3, 59, 59, tzinfo=UTC),  # 23:59:59 on the 7th
                datetime.datetime(2024, 9, 8, 4, 0, tzinfo=UTC),  # 01:00 on the 8th
                datetime.datetime(2024, 9, 9, 2, 59, 59, tzinfo=UTC),  # 23:59:59 on the 8th
                datetime.datetime(2024, 9, 9, 3, 0, tzinfo=UTC),  # the 9th
            ],
        ),
    ],
)
def test_each_registration_counts_in_the_local_day_it_was_made(time_zone, instants):
    """On PostgreSQL the days are counted between local midnights worked out in Python; on
    SQLite by converting each time. Either way, the day a clock on the wall showed."""
    conference = make_conference(time_zone=time_zone)
    for instant in instants:
        registration = make_registration(conference)
        Registration.objects.filter(pk=registration.pk).update(created_at=instant)
    zone = conference.tzinfo
    local_days = [instant.astimezone(zone).date() for instant in instants]
    first, last = min(local_days), max(local_days)
    expected = [
        (first + datetime.timedelta(days=n), local_days.count(first + datetime.timedelta(days=n)))
        for n in range((last - first).days + 1)
    ]
    assert registrations_per_day(conference) == expected


def test_registrations_on_one_day_are_counted_together(conference):
    for hour in (0, 11, 21):
        registration = make_registration(conference)
        instant = datetime.datetime(2025, 6, 1, hour, tzinfo=UTC)  # all on 1 June in Berlin
        Registration.objects.filter(pk=registration.pk).update(created_at=instant)
    assert registrations_per_day(conference) == [(datetime.date(2025, 6, 1), 3)]


def test_past_days_are_counted_once_an_hour_and_today_on_every_recount(
    conference, later, django_assert_num_queries
):
    today = timezone.localdate(timezone=conference.tzinfo)
    yesterday = today - datetime.timedelta(days=1)
    a_day_ago = timezone.now() - datetime.timedelta(days=1)
    first = make_registration(conference)
    Registration.objects.filter(pk=first.pk).update(created_at=a_day_ago)
    assert registrations_per_day(conference) == [(yesterday, 1)]
    # A registration made today shows on the next recount, reading today's alone.
    moved = make_registration(conference)
    make_registration(conference)
    with django_assert_num_queries(1):
        assert registrations_per_day(conference) == [(yesterday, 1), (today, 2)]
    # The days before today are kept: a change there (which the site never makes) shows
    # within the hour.
    Registration.objects.filter(pk=moved.pk).update(created_at=a_day_ago)
    assert registrations_per_day(conference) == [(yesterday, 1), (today, 1)]
    later(PAST_DAYS_SECONDS + 1)
    assert registrations_per_day(conference) == [(yesterday, 2), (today, 1)]


@pytest.mark.django_db(transaction=True)
def test_the_benchmark_times_every_page_and_removes_its_data(on_postgres, hotline_group):
    output = io.StringIO()
    call_command("bench_hotline_search", "--count", "300", "--repeat", "2", stdout=output)
    lines = output.getvalue().splitlines()
    for row in ("list, filter day", "dashboard, counting afresh", "dashboard, every past day too"):
        assert any(line.startswith(row) for line in lines), row
    assert not Registration.objects.exists()
    assert lines[-1] == "Removed the benchmark data."
