"""The registrant corrects their own details on the manage page; a new email address
counts only once the link sent to it is followed; every change is in the history."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from registration.models import Registration
from registration.self_service.models import EmailChange
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db


def details(registration, **overrides):
    return {
        "title": registration.title,
        "first_name": registration.first_name,
        "last_name": registration.last_name,
        "organisation": registration.organisation,
        "position": registration.position,
        "city": registration.city,
        "country": registration.country.code,
        "email": registration.email,
        "phone": "",
        "dietary_needs": "",
        "accessibility_needs": "",
    } | overrides


def details_url(registration):
    return reverse("registration:details", kwargs={"token": registration.manage_token})


def link_in(message):
    return re.search(r"http://\S+/registration/new-address/\S+/", message.body).group(0)


@pytest.fixture
def registration():
    return make_registration(make_conference(), first_name="Anna", city="Leipzig")


def test_details_change_at_once_and_each_change_is_a_history_version(client, registration):
    versions = registration.history.count()
    data = details(
        registration,
        title="Dr.",
        last_name="Schmidt",
        organisation="Stadt Wien",
        position="CIO",
        city="Wien",
        country="AT",
        phone="+43 1 4000 0",
        dietary_needs="vegan",
        accessibility_needs="step-free access",
    )
    response = client.post(details_url(registration), data, follow=True)
    assert "Your details are saved." in response.content.decode()
    registration.refresh_from_db()
    assert (registration.full_name, registration.organisation, registration.city) == (
        "Dr. Anna Schmidt",
        "Stadt Wien",
        "Wien",
    )
    assert (str(registration.country), registration.phone.as_e164) == ("AT", "+43140000")
    assert (registration.dietary_needs, registration.accessibility_needs) == (
        "vegan",
        "step-free access",
    )
    assert registration.history.count() == versions + 1
    latest = registration.history.first()
    assert (latest.last_name, latest.city, latest.history_type) == ("Schmidt", "Wien", "~")


def test_saving_unchanged_details_adds_no_history_version(client, registration):
    versions = registration.history.count()
    client.post(details_url(registration), details(registration))
    assert registration.history.count() == versions


def test_a_required_detail_left_empty_is_named_in_the_error_summary(client, registration):
    response = client.post(details_url(registration), details(registration, last_name=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_last_name"' in page and "error-summary" in page
    registration.refresh_from_db()
    assert registration.last_name != ""


def test_a_new_address_counts_only_once_its_link_is_followed(
    client, registration, mailoutbox, sent
):
    old = registration.email
    with sent():
        response = client.post(
            details_url(registration), details(registration, email="new@example.org"), follow=True
        )
    assert "your address changes once you follow it" in response.content.decode()
    registration.refresh_from_db()
    assert registration.email == old
    assert [m.to for m in mailoutbox] == [["new@example.org"]]
    assert registration.manage_token not in mailoutbox[0].body  # the address is unproven
    link = link_in(mailoutbox[0])
    assert client.get(link).status_code == 200  # a mail scanner opening it changes nothing
    registration.refresh_from_db()
    assert registration.email == old
    response = client.post(link, follow=True)
    assert "Your new email address is confirmed." in response.content.decode()
    registration.refresh_from_db()
    assert registration.email == "new@example.org"
    assert registration.history.first().email == "new@example.org"
    assert client.post(link).status_code == 410  # used up


def test_a_second_request_replaces_the_first_link(client, registration, mailoutbox, sent):
    for address in ("first@example.org", "second@example.org"):
        with sent():
            client.post(details_url(registration), details(registration, email=address))
    assert [m.to for m in mailoutbox] == [["first@example.org"], ["second@example.org"]]
    first, second = (link_in(m) for m in mailoutbox)
    assert client.post(first).status_code == 410
    client.post(second)
    registration.refresh_from_db()
    assert registration.email == "second@example.org"


def test_an_old_link_no_longer_changes_the_address(client, registration, mailoutbox, sent):
    with sent():
        client.post(details_url(registration), details(registration, email="late@example.org"))
    EmailChange.objects.update(requested_at=timezone.now() - datetime.timedelta(days=8))
    assert client.post(link_in(mailoutbox[0])).status_code == 410
    registration.refresh_from_db()
    assert registration.email != "late@example.org"


def test_an_address_another_registration_uses_is_refused(client, registration, mailoutbox):
    other = make_registration(registration.conference, email="taken@example.org")
    response = client.post(details_url(registration), details(registration, email=other.email))
    assert "Another registration for this conference uses this email address." in (
        response.content.decode()
    )
    assert not EmailChange.objects.exists()


def test_an_address_taken_before_the_link_is_followed_is_refused(
    client, registration, mailoutbox, sent
):
    with sent():
        client.post(details_url(registration), details(registration, email="race@example.org"))
    make_registration(registration.conference, email="race@example.org")
    response = client.post(link_in(mailoutbox[0]))
    assert response.status_code == 409
    registration.refresh_from_db()
    assert registration.email != "race@example.org"


def test_a_cancelled_registration_has_no_details_form(client, registration):
    registration.status = Registration.Status.CANCELLED
    registration.save()
    page = client.get(registration.get_manage_url()).content.decode()
    assert 'id="details-form"' not in page
    client.post(details_url(registration), details(registration, city="Graz"))
    registration.refresh_from_db()
    assert registration.city == "Leipzig"


def test_the_details_form_is_on_the_manage_page_in_german(client, registration):
    page = client.get("/de" + registration.get_manage_url()).content.decode()
    assert 'id="details-form"' in page
    assert "Ihre Angaben" in page
