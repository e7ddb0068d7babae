"""The attendee's pages through real HTTP: sign-up, confirmation, manage link, cancel."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from registration.models import Registration
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db

Status = Registration.Status


def form_data(conference, **overrides):
    return {
        "title": "Dr.",
        "first_name": "Zoë",
        "last_name": "O'Brien-Łukasiewicz",
        "organisation": "بلدية دبي 🏙️",
        "position": "CIO",
        "city": "Łódź",
        "country": "PL",
        "email": "zoe@example.org",
        "phone": "+48 42 638 40 00",
        "category": conference.participant_categories.get(code="public-body").pk,
        "days": [conference.days.first().pk],
        "gala_dinner": "yes",
        "first_table_choice": conference.world_cafe_tables.first().pk,
        "second_table_choice": "",
        "dietary_needs": "vegetarian",
        "accessibility_needs": "",
        "privacy_consent": "on",
        "submission_key": "key-1",
        "website": "",
    } | overrides


def register_url(conference):
    return reverse("registration:register", kwargs={"slug": conference.slug})


def links_in(body):
    return re.findall(r"http://\S+", body)


def test_the_whole_journey_from_event_page_to_waiting_list_promotion(
    client, mailoutbox, sent, run_worker, settings, later
):
    conference = make_conference(capacity=1)
    page = client.get(conference.get_absolute_url())
    assert register_url(conference) in page.content.decode()
    assert client.get(register_url(conference)).status_code == 200

    with sent():
        response = client.post(register_url(conference), form_data(conference))
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    registration = Registration.objects.get()
    assert registration.booking_reference in thanks.content.decode()
    assert registration.last_name == "O'Brien-Łukasiewicz"
    assert registration.organisation == "بلدية دبي 🏙️"

    confirm_link = next(link for link in links_in(mailoutbox[0].body) if "/confirm/" in link)
    confirm_path = confirm_link.removeprefix("http://127.0.0.1:8000")
    assert "Confirm my registration" in client.get(confirm_path).content.decode()
    with sent():
        response = client.post(confirm_path, follow=True)
    assert "your registration is confirmed" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED

    later(settings.SEATS_SHOWN_SECONDS)  # the seats shown are at most that old
    form = client.get(register_url(conference)).content.decode()
    assert "full: waiting list" in form  # said before anyone submits
    with sent():
        client.post(register_url(conference), form_data(conference, email="next@example.org"))
    waiting = Registration.objects.get(email="next@example.org")
    assert waiting.status == Status.PENDING  # waits, but first confirms the address
    next_link = next(link for link in links_in(mailoutbox[-1].body) if "/confirm/" in link)
    with sent():
        client.post(next_link.removeprefix("http://127.0.0.1:8000"))
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED
    assert "waiting list, position 1" in client.get(waiting.get_manage_url()).content.decode()

    manage = registration.get_manage_url()
    page = client.get(manage).content.decode()
    assert "O&#x27;Brien-Łukasiewicz" in page and registration.booking_reference in page
    with sent():
        response = client.post(
            manage,
            {"days": [conference.days.first().pk], "gala_dinner": "no", "first_table_choice": ""},
        )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.gala_dinner is False
    calendar = client.get(reverse("registration:calendar", args=[registration.manage_token]))
    assert calendar["Content-Type"] == "text/calendar"

    with sent():
        client.post(reverse("registration:cancel", args=[registration.manage_token]))
    run_worker()
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert (registration.status, waiting.status) == (Status.CANCELLED, Status.CONFIRMED)
    assert mailoutbox[-1].to == ["next@example.org"]
    assert "seat became free" in mailoutbox[-1].subject


def test_invalid_input_shows_a_summary_linking_to_each_field(client):
    conference = make_conference()
    response = client.post(
        register_url(conference),
        form_data(conference, first_name="", email="not-an-email", phone="12", days=[]),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page
    for anchor in ("#id_first_name", "#id_email", "#id_phone", "#id_days_0"):
        assert f'href="{anchor}"' in page
    assert not Registration.objects.exists()


def test_reserved_day_is_explained_for_a_category_not_allowed(client):
    conference = make_conference()
    reserved = conference.days.all()[1]
    response = client.post(register_url(conference), form_data(conference, days=[reserved.pk]))
    assert "reserved for international guests" in response.content.decode()
    assert not Registration.objects.exists()


def test_double_click_creates_one_registration(client, sent):
    conference = make_conference()
    first = client.post(register_url(conference), form_data(conference))
    second = client.post(register_url(conference), form_data(conference))
    assert Registration.objects.count() == 1
    assert client.get(second["Location"]).content.decode().count("Please check your email")
    assert first.status_code == second.status_code == 302


def test_same_email_again_says_so_and_mails_the_manage_link(client, mailoutbox, sent):
    conference = make_conference()
    existing = make_registration(conference, email="zoe@example.org")
    with sent():
        response = client.post(register_url(conference), form_data(conference), follow=True)
    assert "You are already registered" in response.content.decode()
    assert Registration.objects.count() == 1
    assert existing.get_manage_url() in mailoutbox[-1].body


def test_honeypot_filled_pretends_success_and_stores_nothing(client):
    conference = make_conference()
    response = client.post(register_url(conference), form_data(conference, website="spam.biz"))
    assert response.status_code == 302
    assert not Registration.objects.exists()


def test_a_city_hall_behind_one_address_signs_up_fifty_people_in_an_hour(client):
    conference = make_conference(capacity=100)
    for n in range(50):
        response = client.post(
            register_url(conference), form_data(conference, email=f"p{n}@example.org")
        )
        assert response.status_code == 302, n
    assert Registration.objects.count() == 50


def _sign_up_from(client, conference, address, n):
    return client.post(
        register_url(conference),
        form_data(conference, email=f"p{n}@example.org"),
        REMOTE_ADDR=address,
    )


def test_sign_ups_from_one_address_are_rate_limited(client, settings):
    settings.SIGN_UP_RATE_PER_ADDRESS = "3/h"
    conference = make_conference()
    statuses = [_sign_up_from(client, conference, "203.0.113.5", n).status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert _sign_up_from(client, conference, "198.51.100.5", 9).status_code == 302
    assert Registration.objects.count() == 4


@pytest.mark.parametrize(
    ("addresses", "outsider"),
    [
        (["203.0.113.1", "203.0.113.2", "203.0.113.200"], "203.0.114.1"),
        (["2001:db8:1:2::1", "2001:db8:1:2:ffff::9", "2001:db8:1:2::abcd"], "2001:db8:1:3::1"),
    ],
)
def test_rotating_addresses_within_one_network_share_its_limit(
    client, settings, addresses, outsider
):
    settings.SIGN_UP_RATE_PER_NETWORK = "2/h"
    conference = make_conference()
    statuses = [
        _sign_up_from(client, conference, address, n).status_code
        for n, address in enumerate(addresses)
    ]
    assert statuses == [302, 302, 429]
    assert _sign_up_from(client, conference, outsider, 9).status_code == 302


def test_the_sign_up_rate_limit_is_a_setting(client, settings):
    settings.SIGN_UP_RATE_PER_ADDRESS = "2/h"
    conference = make_conference()
    for n in range(2):
        client.post(register_url(conference), form_data(conference, email=f"p{n}@example.org"))
    response = client.post(register_url(conference), form_data(conference, email="x@example.org"))
    assert response.status_code == 429
    assert Registration.objects.count() == 2


def test_closed_registration_shows_hotline_instead_of_form(client):
    conference = make_conference(
        registration_opens_at=timezone.now() - timezone.timedelta(days=9),
        registration_closes_at=timezone.now() - timezone.timedelta(days=1),
        hotline_phone="+49 341 123",
    )
    page = client.get(register_url(conference)).content.decode()
    assert "Registration is closed." in page
    assert "+49 341 123" in page
    assert 'id="registration-form"' not in page
    client.post(register_url(conference), form_data(conference))
    assert not Registration.objects.exists()


def test_registration_full_switch_hides_the_form_but_seat_count_offers_waiting_list(client):
    switched = make_conference(registration_full=True)
    assert 'id="registration-form"' not in client.get(register_url(switched)).content.decode()
    by_seats = make_conference(capacity=1)
    make_registration(by_seats)
    page = client.get(register_url(by_seats)).content.decode()
    assert 'id="registration-form"' in page and "waiting list" in page


def test_csrf_is_required():
    from django.test import Client

    conference = make_conference()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(register_url(conference), form_data(conference))
    assert response.status_code == 403


def test_unknown_manage_token_is_not_found(client):
    assert client.get(reverse("registration:manage", args=["nope"])).status_code == 404


def test_asking_for_a_full_dinner_on_the_manage_page_joins_its_waiting_list(client, sent):
    conference = make_conference(gala_dinner_capacity=1)
    make_registration(conference, gala_dinner=True)
    registration = make_registration(conference)
    form = client.get(registration.get_manage_url()).content.decode()
    assert "full: waiting list" in form
    with sent():
        response = client.post(
            registration.get_manage_url(),
            {"days": [conference.days.first().pk], "gala_dinner": "yes"},
            follow=True,
        )
    page = response.content.decode()
    registration.refresh_from_db()
    assert registration.gala_dinner is True
    assert registration.status == Status.CONFIRMED
    assert "The gala dinner</span>:\n    <strong>waiting list, position 1" in page


def test_leaving_the_dinner_waiting_list_from_the_manage_page(client, sent, mailoutbox):
    conference = make_conference(gala_dinner_capacity=1)
    make_registration(conference, gala_dinner=True)
    registration = make_registration(conference, gala_dinner=True)
    dinner = registration.bookings.get(item__kind="dinner")
    assert dinner.state == "waiting"
    url = reverse(
        "registration:leave_waiting_list", args=[registration.manage_token, dinner.item_id]
    )
    assert client.get(url).status_code == 405  # a link opened by a mail scanner changes nothing
    with sent():
        response = client.post(url, follow=True)
    assert "You have left the waiting list" in response.content.decode()
    registration.refresh_from_db()
    assert registration.gala_dinner is False
    assert not registration.bookings.filter(item__kind="dinner").exists()
    assert [m.to for m in mailoutbox] == [[registration.email]]


def test_german_sign_up_gets_german_pages(client):
    conference = make_conference()
    response = client.get("/de" + register_url(conference))
    assert response.status_code == 200
    assert '<html lang="de">' in response.content.decode()


@pytest.mark.parametrize(
    ("first", "again"),
    [
        ("zoe@example.org", "Zoe+second@EXAMPLE.org"),
        ("jane.doe@gmail.com", "JaneDoe+1@googlemail.com"),
    ],
)
def test_a_variant_of_a_registered_address_is_a_duplicate(client, mailoutbox, sent, first, again):
    conference = make_conference()
    with sent():
        client.post(register_url(conference), form_data(conference, email=first))
    with sent():
        response = client.post(
            register_url(conference),
            form_data(conference, email=again, submission_key="key-2"),
            follow=True,
        )
    assert "You are already registered" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.email == first
    # The manage link goes to the address as it was registered, not to the variant.
    assert mailoutbox[-1].to == [first]
    assert registration.get_manage_url() in mailoutbox[-1].body


def test_a_dotted_address_elsewhere_than_gmail_is_another_person(client, sent):
    conference = make_conference()
    with sent():
        client.post(register_url(conference), form_data(conference, email="jane.doe@example.org"))
        client.post(
            register_url(conference),
            form_data(conference, email="janedoe@example.org", submission_key="key-2"),
        )
    assert Registration.objects.count() == 2


def test_the_address_is_kept_as_typed_and_normalised_beside_it(client, sent):
    conference = make_conference()
    with sent():
        client.post(register_url(conference), form_data(conference, email="Zoe+MCE@Example.org"))
    registration = Registration.objects.get()
    assert registration.email == "Zoe+MCE@Example.org"
    assert registration.normalised_email == "zoe@example.org"


def confirm_path_in(message):
    link = next(link for link in links_in(message.body) if "/confirm/" in link)
    return link.removeprefix("http://127.0.0.1:8000")


def test_beyond_the_cap_on_unconfirmed_holds_a_sign_up_holds_nothing_until_confirmed(
    client, mailoutbox, sent, settings, run_worker
):
    settings.MAX_UNCONFIRMED_HOLDS_PER_CONFERENCE = 2
    conference = make_conference(capacity=10)
    for n in range(2):
        with sent():
            client.post(register_url(conference), form_data(conference, email=f"p{n}@example.org"))
    with sent():
        response = client.post(
            register_url(conference), form_data(conference, email="late@example.org"), follow=True
        )
    page = response.content.decode()
    assert "we cannot hold seats for yours" in page
    assert "yours when you confirm your email address" in page
    late = Registration.objects.get(email="late@example.org")
    assert late.status == Status.PENDING and not late.bookings.exists()
    held = Registration.objects.filter(bookings__item__kind="conference", status=Status.PENDING)
    assert held.count() == 2
    assert "we could not hold seats for you" in mailoutbox[-1].body
    german = client.get("/de" + response.redirect_chain[-1][0]).content.decode()
    assert "können wir für Ihre keine Plätze reservieren" in german

    run_worker()  # the worker's sweep ends the hold it never had: confirming still seats it
    late.refresh_from_db()
    assert late.status == Status.EXPIRED
    with sent():
        client.post(confirm_path_in(mailoutbox[-1]), follow=True)
    late.refresh_from_db()
    assert late.status == Status.CONFIRMED  # the seats were still free: nothing lost
    assert late.bookings.filter(state="held").count() == late.bookings.count() > 0


def test_confirmed_and_ended_holds_leave_room_under_the_cap(client, mailoutbox, sent, settings):
    settings.MAX_UNCONFIRMED_HOLDS_PER_CONFERENCE = 1
    conference = make_conference(capacity=10)
    with sent():
        client.post(register_url(conference), form_data(conference, email="first@example.org"))
    with sent():
        client.post(confirm_path_in(mailoutbox[-1]))
    with sent():
        client.post(register_url(conference), form_data(conference, email="second@example.org"))
    second = Registration.objects.get(email="second@example.org")
    assert second.bookings.filter(state="held").exists()
    # Another conference has a cap of its own.
    other = make_conference(capacity=10)
    with sent():
        client.post(register_url(other), form_data(other, email="third@example.org"))
    assert Registration.objects.get(email="third@example.org").bookings.exists()
