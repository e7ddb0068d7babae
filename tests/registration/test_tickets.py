"""The ticket: a QR code on the manage page and in the confirmed email that the check-in
desk scans to check the person in; it identifies the registration without the manage token."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from registration import services
from registration.hotline.models import CheckIn
from registration.self_service.models import Ticket
from registration.self_service.tickets import ticket_png, ticket_token
from tests.factories import make_conference, make_registration, registration_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_client(client, django_user_model):
    user = django_user_model.objects.create_user("desk", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Hotline"))
    client.force_login(user)
    return client


def test_the_manage_page_shows_the_ticket_of_a_confirmed_registration(client):
    registration = make_registration(make_conference())
    page = client.get(registration.get_manage_url()).content.decode()
    token = Ticket.objects.get(registration=registration).token
    assert "<svg" in page and "Your ticket" in page
    assert token != registration.manage_token
    assert registration.manage_token not in token


def test_a_registration_not_confirmed_has_no_ticket(client):
    registration = make_registration(make_conference(), status="pending")
    page = client.get(registration.get_manage_url()).content.decode()
    assert "Your ticket" not in page
    assert not Ticket.objects.exists()


def test_the_confirmed_email_carries_the_ticket_as_a_qr_code(mailoutbox, sent):
    conference = make_conference()
    data = registration_data(conference)
    registration = services.submit_registration(conference=conference, data=data, language="en")
    with sent():
        services.confirm_registration(registration=registration)
    message = mailoutbox[-1]
    name, content, mimetype = message.attachments[-1]
    assert (name, mimetype) == (f"ticket-{registration.booking_reference}.png", "image/png")
    token = Ticket.objects.get(registration=registration).token
    assert content == ticket_png(token)  # the QR code of the ticket token, nothing else
    assert "Your ticket is attached" in message.body


def test_the_ticket_token_is_random_upper_case_and_one_per_registration():
    conference = make_conference()
    first, second = make_registration(conference), make_registration(conference)
    token = ticket_token(first)
    assert ticket_token(first) == token
    assert ticket_token(second) != token
    # 128 bits in base32: unguessable, and the desk's upper-casing leaves it intact.
    assert re.fullmatch(r"[A-Z2-7]{26}", token)


def test_the_desk_checks_in_whoever_the_scanned_ticket_names(desk_client):
    conference = make_conference()
    day = conference.days.first()
    registration = make_registration(conference, days=[day], last_name="Gruber")
    token = ticket_token(registration)
    url = reverse("hotline:check_in", args=[conference.pk])
    page = desk_client.post(url, {"reference": token.lower(), "day": day.pk}).content.decode()
    assert "Registered for today – checked in." in page and "Gruber" in page
    assert CheckIn.objects.filter(registration=registration, day=day).count() == 1


def test_the_manage_token_is_not_a_ticket_at_the_desk(desk_client):
    conference = make_conference()
    day = conference.days.first()
    registration = make_registration(conference, days=[day])
    url = reverse("hotline:check_in", args=[conference.pk])
    page = desk_client.post(url, {"reference": registration.manage_token[:40], "day": day.pk})
    assert "Unknown booking reference." in page.content.decode()
    assert not CheckIn.objects.exists()


def test_a_ticket_of_another_conference_is_unknown_at_this_desk(desk_client):
    here, elsewhere = make_conference(), make_conference()
    token = ticket_token(make_registration(elsewhere))
    url = reverse("hotline:check_in", args=[here.pk])
    page = desk_client.post(url, {"reference": token, "day": here.days.first().pk})
    assert "Unknown booking reference." in page.content.decode()
