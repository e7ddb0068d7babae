"""Waiting lists that offer a freed seat for a set time, reminders before a hold or an offer
ends, and the sweep that passes a lapsed offer on."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.models import WaitingListPromotion
from registration import services
from registration.models import Booking, Registration
from tests.factories import make_conference, registration_data

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def offering(db):
    return make_conference(
        capacity=1, waiting_list_promotion=WaitingListPromotion.OFFER, offer_hold_hours=24
    )


def signed_up(conference, **overrides):
    registration = services.submit_registration(
        conference=conference, data=registration_data(conference, **overrides), language="en"
    )
    return services.confirm_registration(registration=registration)


def offer_link(message):
    return re.search(r"http://\S+/registration/offers/\S+/", message.body).group(0)


def test_a_freed_seat_is_offered_for_the_set_time_and_not_yet_confirmed(
    offering, run_worker, sent, mailoutbox
):
    holder = signed_up(offering)
    waiting = signed_up(offering)
    with sent():
        services.cancel_registration(registration=holder)
    mailoutbox.clear()
    run_worker()
    waiting.refresh_from_db()
    conference_seat = waiting.bookings.get(item__kind="conference")
    assert conference_seat.state == Booking.State.OFFERED
    assert conference_seat.expires_at == pytest.approx(
        timezone.now() + datetime.timedelta(hours=24), abs=datetime.timedelta(minutes=1)
    )
    assert waiting.status == Status.WAITLISTED  # not confirmed until accepted
    assert [m.to for m in mailoutbox] == [[waiting.email]]
    assert "please accept it" in mailoutbox[0].subject
    assert "/registration/offers/" in mailoutbox[0].body


def test_accepting_is_a_post_from_a_page_with_one_button(
    offering, run_worker, sent, mailoutbox, client
):
    holder = signed_up(offering)
    waiting = signed_up(offering)
    with sent():
        services.cancel_registration(registration=holder)
    run_worker()
    path = offer_link(mailoutbox[-1]).removeprefix("http://127.0.0.1:8000")
    page = client.get(path)
    assert page.status_code == 200
    assert "Accept the seat" in page.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED  # opening the link changes nothing
    with sent():
        response = client.post(path, follow=True)
    assert "the seats are yours" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert not waiting.bookings.filter(state=Booking.State.OFFERED).exists()
    assert mailoutbox[-1].subject == f"Registration confirmed: {offering.title}"
    assert client.post(path).status_code == 410  # accepted once; the link is spent


def test_a_lapsed_offer_passes_to_the_next_person(offering, run_worker, sent, mailoutbox):
    holder = signed_up(offering)
    first = signed_up(offering)
    second = signed_up(offering)
    with sent():
        services.cancel_registration(registration=holder)
    run_worker()
    mailoutbox.clear()
    later = timezone.now() + datetime.timedelta(hours=25)
    counts = run_worker(now=later)
    assert counts["lapsed"] == 1 and counts["promoted"] == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.EXPIRED  # its wait for the conference ended
    assert second.bookings.get(item__kind="conference").state == Booking.State.OFFERED
    assert sorted(m.to[0] for m in mailoutbox) == sorted([first.email, second.email])
    assert any("passed on" in m.subject for m in mailoutbox if m.to == [first.email])


def test_an_unconfirmed_hold_gets_one_reminder_before_it_ends(run_worker, mailoutbox, sent):
    conference = make_conference(pending_hold_hours=8)
    with sent():
        registration = services.submit_registration(
            conference=conference, data=registration_data(conference), language="en"
        )
    mailoutbox.clear()
    assert run_worker(now=timezone.now() + datetime.timedelta(hours=5))["reminded"] == 0
    assert run_worker(now=timezone.now() + datetime.timedelta(hours=7))["reminded"] == 1
    assert run_worker(now=timezone.now() + datetime.timedelta(hours=7, minutes=30)) == {
        "expired": 0,
        "lapsed": 0,
        "reminded": 0,
        "promoted": 0,
    }
    assert [m.to for m in mailoutbox] == [[registration.email]]
    assert mailoutbox[0].subject.startswith("Reminder: please confirm")
    assert run_worker(now=timezone.now() + datetime.timedelta(hours=9))["expired"] == 1


def test_an_offer_gets_one_reminder_before_it_lapses(offering, run_worker, sent, mailoutbox):
    holder = signed_up(offering)
    waiting = signed_up(offering)
    with sent():
        services.cancel_registration(registration=holder)
    run_worker()
    mailoutbox.clear()
    assert run_worker(now=timezone.now() + datetime.timedelta(hours=19))["reminded"] == 1
    assert run_worker(now=timezone.now() + datetime.timedelta(hours=20))["reminded"] == 0
    assert [m.to for m in mailoutbox] == [[waiting.email]]
    assert "/registration/offers/" in mailoutbox[0].body


def test_an_expired_hold_frees_its_seats_within_one_sweep(run_worker):
    conference = make_conference(capacity=1)
    pending = services.submit_registration(
        conference=conference, data=registration_data(conference), language="en"
    )
    waiting = signed_up(conference)
    counts = run_worker(now=timezone.now() + datetime.timedelta(hours=49))
    assert (counts["expired"], counts["promoted"]) == (1, 1)
    pending.refresh_from_db()
    waiting.refresh_from_db()
    assert (pending.status, waiting.status) == (Status.EXPIRED, Status.CONFIRMED)


def test_an_old_waiting_registration_never_confirmed_gets_an_offer_not_a_seat(
    run_worker, mailoutbox
):
    conference = make_conference(capacity=1)
    holder = signed_up(conference)
    legacy = signed_up(conference)
    # As migrated from the old core: queued, but the address never confirmed.
    Registration.objects.filter(pk=legacy.pk).update(email_confirmed_at=None)
    services.cancel_registration(registration=holder)
    mailoutbox.clear()
    run_worker()
    legacy.refresh_from_db()
    assert legacy.bookings.get(item__kind="conference").state == Booking.State.OFFERED
    assert "please accept it" in mailoutbox[-1].subject


def test_an_unknown_offer_link_says_it_is_gone(client):
    response = client.get(reverse("registration:accept_offer", args=["nothing-here"]))
    assert response.status_code == 410
    assert "no longer open" in response.content.decode()
