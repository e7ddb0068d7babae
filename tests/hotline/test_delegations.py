"""The hotline sees and filters delegations: a column in the list, a filter (in one, in
none, a given one), the members on a registration's page, the delegation in exports."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registration.services import register_delegation
from tests.factories import make_registration

pytestmark = pytest.mark.django_db

LIST = "hotline:registration_registration_changelist"


def delegation_of(conference, name, size, *, start=0):
    category = conference.participant_categories.get(code="member-city")
    people = [
        {
            "first_name": f"Member{n}",
            "last_name": name.replace(" ", ""),
            "email": f"{name.replace(' ', '').lower()}{n}@example.org",
            "days": list(conference.days.all()[:1]),
        }
        for n in range(start, start + size)
    ]
    return register_delegation(
        conference=conference,
        name=name,
        shared={
            "organisation": name,
            "city": "Graz",
            "country": "AT",
            "category": category,
            "privacy_consent": True,
        },
        people=people,
        language="en",
    )


def last_names(response):
    return sorted(r.last_name for r in response.context["cl"].result_list)


def test_the_list_shows_each_registration_delegation(hotline_client, conference):
    delegation = delegation_of(conference, "City of Graz", 2)
    make_registration(conference, last_name="Alone")
    page = hotline_client.get(reverse(LIST)).content.decode()
    assert page.count(f'title="{delegation.reference}">City of Graz</span>') == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("any", ["CityofGraz", "CityofGraz", "CityofLinz", "CityofLinz"]),
        ("none", ["Alone"]),
        ("nonsense", ["Alone", "CityofGraz", "CityofGraz", "CityofLinz", "CityofLinz"]),
        (
            "99999999999999999999999",
            ["Alone", "CityofGraz", "CityofGraz", "CityofLinz", "CityofLinz"],
        ),
    ],
)
def test_the_delegation_filter(hotline_client, conference, value, expected):
    delegation_of(conference, "City of Graz", 2)
    delegation_of(conference, "City of Linz", 2)
    make_registration(conference, last_name="Alone")
    response = hotline_client.get(reverse(LIST), {"delegation": value})
    assert response.status_code == 200
    assert last_names(response) == expected


def test_one_delegation_is_chosen_once_a_conference_is(hotline_client, conference):
    graz = delegation_of(conference, "City of Graz", 2)
    delegation_of(conference, "City of Linz", 3)
    params = {"conference__id__exact": conference.pk}
    page = hotline_client.get(reverse(LIST), params).content.decode()
    assert f"City of Graz ({graz.reference})" in page
    response = hotline_client.get(reverse(LIST), params | {"delegation": graz.pk})
    assert last_names(response) == ["CityofGraz", "CityofGraz"]


def test_the_list_reads_delegations_without_a_query_per_row(hotline_client, conference):
    def queries(**params):
        cache.clear()  # the sidebar's kept choices: each count starts from the same state
        with CaptureQueriesContext(connection) as captured:
            assert hotline_client.get(reverse(LIST), params).status_code == 200
        return len(captured)

    delegation_of(conference, "City of Graz", 2)
    few = queries(delegation="any")
    delegation_of(conference, "City of Linz", 6)
    delegation_of(conference, "City of Wels", 4)
    assert queries(delegation="any") == few


def test_a_registration_page_shows_the_delegation_with_links_to_its_members(
    hotline_client, conference
):
    delegation = delegation_of(conference, "City of Graz", 3)
    lead, *others = delegation.members.order_by("pk")
    url = reverse("hotline:registration_registration_change", args=[others[0].pk])
    page = hotline_client.get(url).content.decode()
    assert f"City of Graz ({delegation.reference})" in page
    for member in (lead, *others):
        link = reverse("hotline:registration_registration_change", args=[member.pk])
        assert f'href="{link}"' in page
    assert page.count("<strong>lead</strong>") == 1


def test_a_registration_outside_any_delegation_says_so(hotline_client, conference):
    alone = make_registration(conference)
    url = reverse("hotline:registration_registration_change", args=[alone.pk])
    assert hotline_client.get(url).status_code == 200


def test_exports_name_the_delegation(hotline_lead_client, conference):
    delegation_of(conference, "City of Graz", 2)
    make_registration(conference, last_name="Alone")
    response = hotline_lead_client.get(
        reverse("hotline:registration_export", args=["csv"]), {"o": "2"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    column = rows[0].index("Delegation")
    by_name = sorted((row[5], row[column]) for row in rows[1:])
    assert by_name == [
        ("Alone", ""),
        ("CityofGraz", "City of Graz"),
        ("CityofGraz", "City of Graz"),
    ]


def test_the_hotline_without_the_export_right_cannot_export_delegations(hotline_client, conference):
    delegation_of(conference, "City of Graz", 2)
    response = hotline_client.get(
        reverse("hotline:registration_export", args=["csv"]), {"delegation": "any"}
    )
    assert response.status_code == 403


def test_staff_outside_the_hotline_does_not_see_delegations(client, organiser_user, conference):
    delegation_of(conference, "City of Graz", 2)
    client.force_login(organiser_user)
    response = client.get(reverse(LIST), {"delegation": "any"})
    assert response.status_code == 302  # to the hotline's login: not one of its users
    assert "City of Graz" not in response.content.decode()
