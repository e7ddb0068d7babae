"""Passing a place on: the registrant names a colleague, the colleague confirms their
address by the link and becomes the registrant of those very seats (never through a
waiting list); eligibility is checked for the colleague; the first person is told and their
link no longer changes anything."""

import re

import pytest
from django.urls import reverse

from registration.models import CapacityItem, Registration
from registration.self_service.models import Transfer
from registration.services import cancel_registration
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_conference():
    """Every seat taken and someone on the conference's waiting list."""
    conference = make_conference(capacity=2, gala_dinner_capacity=1)
    make_registration(conference)
    make_registration(conference, status="waitlisted", email="waiting@example.org")
    return conference


@pytest.fixture
def giver(full_conference):
    return make_registration(
        full_conference, first_name="Gerda", last_name="Geberin", gala_dinner=True
    )


def pass_on(client, registration, **overrides):
    data = {"first_name": "Kai", "last_name": "Kollege", "email": "kai@example.org"} | overrides
    data = {f"colleague-{name}": value for name, value in data.items()}
    url = reverse("registration:pass_on", kwargs={"token": registration.manage_token})
    return client.post(url, data, follow=True)


def take_over_data(conference, **overrides):
    return {
        "first_name": "Kai",
        "last_name": "Kollege",
        "organisation": "Stadt Graz",
        "city": "Graz",
        "country": "AT",
        "category": conference.participant_categories.get(code="member-city").pk,
        "privacy_consent": "on",
    } | overrides


def offer_link(mailoutbox):
    message = next(m for m in mailoutbox if m.to == ["kai@example.org"])
    return re.search(r"http://\S+/registration/take-over/\S+/", message.body).group(0)


def taken(conference):
    return dict(CapacityItem.objects.filter(conference=conference).values_list("kind", "taken"))


def test_the_colleague_takes_over_the_seats_without_any_waiting_list(
    client, giver, mailoutbox, sent
):
    conference = giver.conference
    before = taken(conference)
    with sent():
        page = pass_on(client, giver).content.decode()
    assert "The place stays yours until Kai Kollege confirms" in page
    offer = mailoutbox[-1]
    assert offer.to == ["kai@example.org"] and giver.manage_token not in offer.body
    link = offer_link(mailoutbox)
    assert client.get(link).status_code == 200  # opening the link changes nothing
    assert Registration.objects.get(pk=giver.pk).status == "confirmed"
    mailoutbox.clear()
    with sent():
        response = client.post(link, take_over_data(conference), follow=True)
    assert "The place is yours." in response.content.decode()
    successor = Registration.objects.get(email="kai@example.org")
    giver.refresh_from_db()
    assert (successor.status, successor.full_name) == ("confirmed", "Kai Kollege")
    assert successor.email_confirmed_at is not None
    assert giver.status == "cancelled"
    assert set(successor.bookings.values_list("item__kind", "state")) == {
        ("conference", "held"),
        ("day", "held"),
        ("dinner", "held"),
    }
    assert not giver.bookings.exists()
    assert taken(conference) == before  # no seat was freed, so nobody was promoted
    waiting = Registration.objects.get(email="waiting@example.org")
    assert waiting.status == "waitlisted"
    assert sorted(m.to[0] for m in mailoutbox) == ["kai@example.org", giver.email]
    told = next(m for m in mailoutbox if m.to == [giver.email])
    assert "taken over your place" in told.body


def test_the_first_person_loses_access(client, giver, mailoutbox, sent):
    with sent():
        pass_on(client, giver)
    client.post(offer_link(mailoutbox), take_over_data(giver.conference))
    page = client.get(giver.get_manage_url()).content.decode()
    assert "You passed your place on to Kai Kollege" in page
    assert 'id="details-form"' not in page and 'name="change"' not in page
    cancel = reverse("registration:cancel", args=[giver.manage_token])
    client.post(cancel)
    successor = Registration.objects.get(email="kai@example.org")
    assert successor.status == "confirmed"  # the old link cancelled nothing


def test_the_colleagues_category_must_be_allowed_on_the_reserved_days(
    client, full_conference, mailoutbox, sent
):
    reserved = full_conference.days.all()[1]
    assert reserved.is_reserved
    giver = make_registration(
        full_conference, days=[reserved], email="intl@example.org", status="confirmed"
    )
    with sent():
        pass_on(client, giver)
    public_body = full_conference.participant_categories.get(code="public-body")
    response = client.post(
        offer_link(mailoutbox), take_over_data(full_conference, category=public_body.pk)
    )
    assert response.status_code == 200
    assert "reserved for international guests" in response.content.decode()
    giver.refresh_from_db()
    assert giver.status == "confirmed" and giver.bookings.exists()
    assert not Registration.objects.filter(email="kai@example.org").exists()


def test_an_address_already_registered_cannot_take_a_place(client, giver):
    page = pass_on(client, giver, email="waiting@example.org").content.decode()
    assert "already registered for the conference" in page
    assert not Transfer.objects.exists()


def test_a_used_link_is_gone(client, giver, mailoutbox, sent):
    with sent():
        pass_on(client, giver)
    link = offer_link(mailoutbox)
    client.post(link, take_over_data(giver.conference))
    assert client.get(link).status_code == 410
    assert client.post(link, take_over_data(giver.conference)).status_code == 410
    assert Registration.objects.filter(email="kai@example.org").count() == 1


def test_a_place_cancelled_meanwhile_cannot_be_taken(client, giver, mailoutbox, sent):
    with sent():
        pass_on(client, giver)
    cancel_registration(registration=giver)
    response = client.post(offer_link(mailoutbox), take_over_data(giver.conference))
    assert "can no longer be passed on" in response.content.decode()
    assert not Registration.objects.filter(email="kai@example.org").exists()


def test_only_a_confirmed_registration_can_be_passed_on(client, full_conference):
    waiting = Registration.objects.get(email="waiting@example.org")
    page = client.get(waiting.get_manage_url()).content.decode()
    assert 'id="transfer-form"' not in page
    pass_on(client, waiting)
    assert not Transfer.objects.exists()
