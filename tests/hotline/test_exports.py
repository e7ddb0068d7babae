"""Exports follow the changelist's filters; the participants list holds only consenting,
confirmed people."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from registration.models import Registration
from registration.outbox.models import OutboxEmail
from tests.factories import make_registration
from tests.outbox.factories import make_outbox_email

pytestmark = pytest.mark.django_db


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_export_applies_the_current_filters_and_search(hotline_lead_client, conference):
    make_registration(conference, last_name="Bestätigt", city="Graz")
    make_registration(conference, last_name="Wartend", city="Graz", status="waitlisted")
    make_registration(conference, last_name="Anderswo", city="Linz")
    url = reverse("hotline:registration_export", args=["csv"])
    response = hotline_lead_client.get(url, {"status__exact": "confirmed", "q": "Graz"})
    rows = _csv_rows(response)
    assert response["Content-Disposition"] == 'attachment; filename="registrations.csv"'
    assert rows[0][:3] == ["Booking reference", "Status", "Source"]
    assert [row[5] for row in rows[1:]] == ["Bestätigt"]


def test_excel_export_opens_with_the_same_rows(hotline_lead_client, conference):
    make_registration(conference, last_name="Eins")
    make_registration(conference, last_name="Zwei", status="cancelled")
    url = reverse("hotline:registration_export", args=["xlsx"])
    response = hotline_lead_client.get(url, {"status__exact": "cancelled"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Booking reference"
    assert [row[5] for row in values[1:]] == ["Zwei"]


def test_spreadsheet_formulas_in_names_are_neutralised(hotline_lead_client, conference):
    make_registration(conference, last_name="=HYPERLINK(1)")
    rows = _csv_rows(hotline_lead_client.get(reverse("hotline:registration_export", args=["csv"])))
    assert rows[1][5] == "'=HYPERLINK(1)"


def test_participants_list_holds_only_confirmed_people_who_consented(
    hotline_lead_client, conference
):
    make_registration(conference, last_name="Gelistet", listed_consent=True)
    make_registration(conference, last_name="Privat", listed_consent=False)
    make_registration(conference, last_name="Storno", listed_consent=True, status="cancelled")
    response = hotline_lead_client.get(reverse("hotline:participants", args=[conference.pk, "csv"]))
    rows = _csv_rows(response)
    assert rows[0] == [
        "Title",
        "First name",
        "Last name",
        "Position",
        "Organisation",
        "City",
        "Country",
    ]
    assert [row[2] for row in rows[1:]] == ["Gelistet"]
    assert "@" not in response.content.decode()


def test_unknown_export_format_is_not_found(hotline_lead_client):
    assert (
        hotline_lead_client.get(reverse("hotline:registration_export", args=["pdf"])).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"email_problem": "yes"}, ["Bounce", "Failed"]),
        ({"email_problem": "no"}, ["Polska", "Dinner"]),
        ({"country": "pl"}, ["Polska"]),
        ({"gala_dinner__exact": "1"}, ["Dinner"]),
        ({"table": "none"}, ["Bounce", "Polska", "Dinner", "Failed"]),
    ],
)
def test_changelist_filters(hotline_lead_client, conference, params, expected):
    make_registration(conference, last_name="Bounce", email_status="bounced")
    make_registration(conference, last_name="Polska", country="PL")
    make_registration(conference, last_name="Dinner", gala_dinner=True)
    failed = make_registration(conference, last_name="Failed", email_status="sent")
    make_outbox_email(failed, state=OutboxEmail.State.FAILED)  # an older email failed for good
    url = reverse("hotline:registration_export", args=["csv"])
    rows = _csv_rows(hotline_lead_client.get(url, params))
    assert sorted(row[5] for row in rows[1:]) == sorted(expected)


def test_day_and_table_filters(hotline_lead_client, conference):
    first, second, _third = conference.days.all()
    table = conference.world_cafe_tables.first()
    make_registration(conference, last_name="Tag1", days=[first])
    make_registration(conference, last_name="Tag2", days=[second], world_cafe_table=table)
    url = reverse("hotline:registration_export", args=["csv"])
    by_day = _csv_rows(hotline_lead_client.get(url, {"day": second.pk}))
    by_table = _csv_rows(hotline_lead_client.get(url, {"table": table.pk}))
    assert [row[5] for row in by_day[1:]] == ["Tag2"]
    assert [row[5] for row in by_table[1:]] == ["Tag2"]


def test_nonsense_filter_values_do_not_break_the_changelist(hotline_lead_client, conference):
    make_registration(conference)
    url = reverse("hotline:registration_registration_changelist")
    for params in ({"day": "x"}, {"table": "'; drop"}, {"country": "??"}, {"q": "%_\\"}):
        assert hotline_lead_client.get(url, params).status_code in (200, 302), params
    assert Registration.objects.count() == 1


def test_an_export_with_a_mistyped_filter_goes_back_to_the_list(hotline_lead_client):
    url = reverse("hotline:registration_export", args=["csv"])
    response = hotline_lead_client.get(url, {"no_such_field": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
