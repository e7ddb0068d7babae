"""The registrations list counts at most 1,000 rows past the page shown and then says "more
than 1,000", in English and German, without linking a last page it does not know; acting on
"all" still reaches every matching row."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from registration.hotline.pagination import COUNT_CAP
from registration.hotline.sites import hotline_site
from registration.models import Registration
from registration.outbox.models import OutboxEmail
from tests.factories import make_conference, make_registration
from tests.outbox.factories import make_outbox_email

pytestmark = pytest.mark.django_db

CHANGELIST = "hotline:registration_registration_changelist"
CROWD = COUNT_CAP + 60  # 22 pages of 50, the last one short


@pytest.fixture
def crowded():
    """A conference with CROWD registrations, written in bulk (a factory call each would
    take most of a minute), newest last so the list shows them first."""
    conference = make_conference()
    category = conference.participant_categories.first()
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(
            conference=conference,
            booking_reference=f"CRW-{n:05d}",
            manage_token=f"crowd-{n}",
            status=Registration.Status.CONFIRMED,
            first_name="Crowd",
            last_name=f"Member{n}",
            email=f"crowd{n}@example.org",
            normalised_email=f"crowd{n}@example.org",
            country="DE",
            category=category,
            created_at=now - timezone.timedelta(minutes=CROWD - n),
        )
        for n in range(CROWD)
    )
    return conference


def _list(client, conference, **query):
    query = {"conference__id__exact": conference.pk} | query
    response = client.get(reverse(CHANGELIST), query)
    assert response.status_code == 200
    return response.content.decode()


def _list_in(language, user, conference, **query):
    """The list rendered in `language` (the back office's address has no language prefix,
    so LocaleMiddleware serves it in English; the texts are translated all the same)."""
    query = {"conference__id__exact": conference.pk} | query
    request = RequestFactory().get(reverse(CHANGELIST), query)
    request.user = user
    model_admin = hotline_site._registry[Registration]
    with translation.override(language):
        return model_admin.changelist_view(request).render().content.decode()


def _page_links(html):
    return sorted({int(page) for page in re.findall(r"(?:\?|&amp;)p=(\d+)", html)})


def test_a_list_under_the_cap_shows_its_exact_count(hotline_client):
    conference = make_conference()
    for _ in range(3):
        make_registration(conference)
    html = _list(hotline_client, conference, q="Tester")
    assert "3 registrations" in html and "3 results" in html
    assert "more than" not in html


def test_a_list_over_the_cap_says_more_than_1000_and_links_no_last_page(hotline_client, crowded):
    html = _list(hotline_client, crowded, status__exact="confirmed")
    assert "more than 1,000 registrations" in html
    assert "more than 1,000 results" in html
    assert "Select all registrations (more than 1,000)" in html
    assert "All registrations selected (more than 1,000)" in html
    assert "1,060" not in html and "1060 registrations" not in html
    assert _page_links(html) == [2, 3, 4]  # then "…": the pages after are not counted


def test_the_capped_count_is_said_in_german(hotline_user, crowded):
    html = _list_in("de", hotline_user, crowded, status__exact="confirmed")
    assert "mehr als 1.000 Anmeldungen" in html
    assert "mehr als 1.000 Ergebnisse" in html
    assert "Alle Anmeldungen auswählen (mehr als 1.000)" in html
    assert "Alle Anmeldungen ausgewählt (mehr als 1.000)" in html


def test_each_page_counts_1000_rows_past_its_first_and_deep_pages_are_reached(
    hotline_client, crowded
):
    assert "more than 1,050 registrations" in _list(hotline_client, crowded, p=2)
    last = _list(hotline_client, crowded, p=22)  # rows 1,051 to 1,060: all counted
    assert f"{CROWD} registrations" in last and "more than" not in last
    assert last.count('class="action-select"') == CROWD % 50
    assert max(_page_links(last)) == 21  # the page shown is not a link


def test_the_count_reads_at_most_1001_rows(hotline_client, crowded):
    with CaptureQueriesContext(connection) as captured:
        _list(hotline_client, crowded)
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    assert counts and all(f"LIMIT {COUNT_CAP + 1}" in sql for sql in counts)


def test_an_action_on_all_reaches_every_matching_row_past_the_count(hotline_client, crowded):
    newest = Registration.objects.get(booking_reference=f"CRW-{CROWD - 1:05d}")
    oldest = Registration.objects.get(booking_reference="CRW-00000")  # on the 22nd page
    for registration in (newest, oldest):
        make_outbox_email(registration, state=OutboxEmail.State.FAILED)
    response = hotline_client.post(
        reverse(CHANGELIST) + f"?conference__id__exact={crowded.pk}",
        # What the browser sends: the boxes of the page shown, and "across" all pages.
        {
            "action": "redrive_emails_action",
            "_selected_action": [newest.pk],
            "select_across": "1",
            "index": "0",
        },
        follow=True,
    )
    assert "2 emails will be sent" in response.content.decode()
    assert not OutboxEmail.objects.filter(state=OutboxEmail.State.FAILED).exists()


def test_an_export_of_a_capped_list_holds_every_matching_row(hotline_lead_client, crowded):
    url = reverse("hotline:registration_export", args=["csv"])
    response = hotline_lead_client.get(url, {"conference__id__exact": crowded.pk})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + CROWD
