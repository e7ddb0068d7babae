"""After the conference's modification deadline the manage page is read-only and points to
the hotline; nothing an attendee posts changes the registration; the hotline still can."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from registration.self_service.deadline import changes_open
from registration.self_service.models import Transfer
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed():
    conference = make_conference(
        gala_dinner_capacity=1,
        changes_close_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    make_registration(conference, gala_dinner=True)  # the dinner is full
    return make_registration(conference, gala_dinner=True, city="Leipzig")


def test_the_deadline_is_a_moment_and_no_deadline_means_open():
    conference = make_conference(changes_close_at=None)
    assert changes_open(conference)
    deadline = timezone.now()
    conference.changes_close_at = deadline
    assert changes_open(conference, now=deadline - datetime.timedelta(seconds=1))
    assert not changes_open(conference, now=deadline)


def test_after_the_deadline_the_manage_page_is_read_only_and_names_the_hotline(client, closed):
    page = client.get(closed.get_manage_url()).content.decode()
    assert 'id="changes-closed"' in page
    assert "please call or email our hotline" in page
    assert closed.conference.hotline_phone in page
    for form in ('id="details-form"', 'name="change"', "Cancel my registration", "Leave the"):
        assert form not in page


def test_after_the_deadline_no_attendee_post_changes_anything(client, closed, mailoutbox):
    token = closed.manage_token
    dinner = closed.bookings.get(item__kind="dinner")
    first_day = closed.conference.days.first().pk
    posts = [
        (closed.get_manage_url(), {"days": [first_day], "gala_dinner": "no"}),
        (reverse("registration:details", args=[token]), {"city": "Graz"}),
        (reverse("registration:cancel", args=[token]), {}),
        (reverse("registration:leave_waiting_list", args=[token, dinner.item_id]), {}),
        (
            reverse("registration:pass_on", args=[token]),
            {"colleague-first_name": "K", "colleague-last_name": "K", "colleague-email": "k@x.org"},
        ),
    ]
    for url, data in posts:
        response = client.post(url, data, follow=True)
        assert "Our hotline can still change it." in response.content.decode(), url
    closed.refresh_from_db()
    assert (closed.status, closed.gala_dinner, closed.city) == ("confirmed", True, "Leipzig")
    assert closed.bookings.filter(item__kind="dinner", state="waiting").exists()
    assert not Transfer.objects.exists()
    assert mailoutbox == []


def test_the_read_only_page_in_german_points_to_the_hotline(client, closed):
    page = client.get("/de" + closed.get_manage_url()).content.decode()
    assert 'id="changes-closed"' in page
    assert "rufen Sie bitte unsere Hotline an" in page


def test_the_hotline_still_changes_the_booking_after_the_deadline(
    closed, django_user_model, client
):
    user = django_user_model.objects.create_user("hotline", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Hotline"))
    client.force_login(user)
    url = reverse("hotline:registration_booking", args=[closed.pk])
    response = client.post(url, {"days": [closed.conference.days.first().pk], "gala_dinner": "no"})
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.gala_dinner is False
