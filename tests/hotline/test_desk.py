"""Check-in desk, check-in list and name badges."""

import datetime

import pytest
import segno
from django.urls import reverse
from django.utils import timezone

from registration.hotline.models import CheckIn
from registration.hotline.services import CheckInResult, check_in
from registration.models import Registration
from tests.factories import make_registration

pytestmark = pytest.mark.django_db


def _scan(client, conference, reference, day):
    url = reverse("hotline:check_in", args=[conference.pk])
    return client.post(url, {"reference": reference, "day": day.pk}).content.decode()


def test_first_scan_checks_in_and_second_says_when(hotline_client, conference):
    conference.time_zone = "Europe/Vienna"
    conference.save()
    day = conference.days.first()
    registration = make_registration(conference, days=[day], last_name="Gruber")
    html = _scan(hotline_client, conference, f" {registration.booking_reference.lower()} ", day)
    assert "Registered for today – checked in." in html
    assert "Gruber" in html
    arrival = CheckIn.objects.get(registration=registration, day=day)
    # 08:12 UTC is 09:12 in Vienna in winter, 10:12 in summer: set the local time directly.
    local = datetime.datetime.combine(day.date, datetime.time(9, 12), tzinfo=conference.tzinfo)
    CheckIn.objects.filter(pk=arrival.pk).update(checked_in_at=local)
    html = _scan(hotline_client, conference, registration.booking_reference, day)
    assert "Already checked in at 09:12." in html
    assert CheckIn.objects.count() == 1


def test_a_person_not_booked_for_the_day_is_not_admitted(hotline_client, conference):
    first, second, _third = conference.days.all()
    registration = make_registration(conference, days=[first])
    html = _scan(hotline_client, conference, registration.booking_reference, second)
    assert "Not registered for this day." in html
    assert not CheckIn.objects.exists()


def test_a_cancelled_registration_is_not_admitted(hotline_client, conference):
    day = conference.days.first()
    registration = make_registration(conference, days=[day], status="cancelled")
    html = _scan(hotline_client, conference, registration.booking_reference, day)
    assert "Not admitted" in html
    assert not CheckIn.objects.exists()


def test_unknown_reference_says_so(hotline_client, conference):
    html = _scan(hotline_client, conference, "NOPE-123", conference.days.first())
    assert "Unknown booking reference." in html


def test_check_in_service_never_counts_an_arrival_twice(conference, hotline_user):
    day = conference.days.first()
    registration = make_registration(conference, days=[day])
    first = check_in(registration=registration, day=day, by=hotline_user)
    second = check_in(registration=registration, day=day, by=hotline_user)
    assert first.outcome == CheckInResult.Outcome.CHECKED_IN
    assert second.outcome == CheckInResult.Outcome.ALREADY
    assert second.check_in == first.check_in


def test_desk_defaults_to_today_in_the_conference_time_zone(hotline_client):
    from tests.factories import make_conference

    conference = make_conference(start_date=timezone.localdate(), days=2)
    html = hotline_client.get(reverse("hotline:check_in", args=[conference.pk])).content.decode()
    today = conference.days.first()
    assert f'<option value="{today.pk}" selected>' in html


def test_check_in_list_shows_confirmed_people_of_the_day(hotline_client, conference):
    first, second, _third = conference.days.all()
    here = make_registration(conference, days=[first], last_name="Anwesend")
    make_registration(conference, days=[second], last_name="Morgen")
    make_registration(conference, days=[first], last_name="Storniert", status="cancelled")
    url = reverse("hotline:check_in_list", args=[conference.pk])
    html = hotline_client.get(url, {"day": first.pk}).content.decode()
    assert "Anwesend" in html and here.booking_reference in html
    assert "Morgen" not in html
    assert "Storniert" not in html


def test_badges_carry_the_reference_as_an_inline_qr_code(hotline_client, conference):
    confirmed = make_registration(conference, first_name="Lotte", last_name="Badge")
    pending = make_registration(conference, status=Registration.Status.PENDING)
    url = reverse("hotline:registration_registration_changelist")
    response = hotline_client.post(
        url, {"action": "print_badges_action", "_selected_action": [confirmed.pk, pending.pk]}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lotte Badge" in html
    assert pending.booking_reference not in html
    expected_qr = segno.make(confirmed.booking_reference, error="m", micro=False).svg_inline(
        scale=3, border=2, title=confirmed.booking_reference, omitsize=True
    )
    assert expected_qr in html
    assert "http" not in html.split("<body>")[1].replace("http://www.w3.org/2000/svg", "")


def test_check_in_list_ignores_a_mistyped_day(hotline_client, conference):
    url = reverse("hotline:check_in_list", args=[conference.pk])
    assert hotline_client.get(url, {"day": "abc"}).status_code == 200
