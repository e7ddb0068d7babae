"""The registration rules, called as the views and the hotline call them."""

import datetime
import re

import pytest
from django.utils import timezone

from registration import services
from registration.capacity import seats_left
from registration.models import Registration
from tests.factories import make_conference, make_registration, registration_data

pytestmark = pytest.mark.django_db

Status = Registration.Status


def submit(conference, **overrides):
    return services.submit_registration(
        conference=conference, data=registration_data(conference, **overrides), language="en"
    )


def submit_and_confirm(conference, **overrides):
    registration = submit(conference, **overrides)
    return services.confirm_registration(registration=registration)


def states(registration):
    """{item label: booking state} of a registration."""
    return {str(b.item): b.state for b in registration.bookings.select_related("item")}


def conference_seats_left(conference):
    return seats_left(conference)[("conference", None, None)]


def end_hold_now(registration):
    """As if the hold time had passed (the registration and its seats carry the deadline)."""
    now = timezone.now()
    Registration.objects.filter(pk=registration.pk).update(expires_at=now)
    registration.bookings.filter(state="held").update(expires_at=now)


def set_capacity(obj, seats):
    obj.capacity = seats
    obj.save()


def test_web_registration_is_pending_holds_a_seat_and_asks_for_confirmation(
    conference, mailoutbox, sent
):
    with sent():
        registration = submit(conference, email="zoe@example.org")
    assert registration.status == Status.PENDING
    assert registration.expires_at == pytest.approx(
        timezone.now() + datetime.timedelta(hours=conference.pending_hold_hours),
        abs=datetime.timedelta(minutes=1),
    )
    assert conference_seats_left(conference) == 9
    assert [m.to for m in mailoutbox] == [["zoe@example.org"]]
    assert registration.get_manage_url().rstrip("/") in mailoutbox[0].body
    assert "/confirm/" in mailoutbox[0].body
    registration.refresh_from_db()
    assert registration.email_status == Registration.EmailStatus.SENT


def test_booking_reference_is_short_and_has_no_ambiguous_characters(conference):
    references = {submit(conference).booking_reference for _ in range(8)}
    assert len(references) == 8
    for reference in references:
        assert re.fullmatch(r"TST-[ACDEFGHJKMNPQRTUVWXY34679]{4}", reference)


def test_confirmation_confirms_and_sends_the_confirmed_email_with_calendar(
    conference, mailoutbox, sent
):
    registration = submit(conference)
    with sent():
        services.confirm_registration(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert registration.expires_at is None
    assert mailoutbox[-1].subject == f"Registration confirmed: {conference.title}"
    assert [a[0] for a in mailoutbox[-1].attachments] == [
        f"{conference.slug}.ics",
        f"ticket-{registration.booking_reference}.png",  # tests/registration/test_tickets.py
    ]
    assert b"BEGIN:VCALENDAR" in mailoutbox[-1].attachments[0][1].encode()


def test_confirming_twice_changes_nothing(conference):
    registration = submit(conference)
    services.confirm_registration(registration=registration)
    again = services.confirm_registration(registration=registration)
    assert again.status == Status.CONFIRMED


def test_registration_that_does_not_fit_waits_and_joins_the_list_once_confirmed(mailoutbox, sent):
    conference = make_conference(capacity=1)
    submit(conference)
    with sent():
        late = submit(conference)
    assert late.status == Status.PENDING  # the address first, seat or waiting place
    assert states(late) == {"the conference": "waiting"}
    assert mailoutbox[-1].subject.startswith("Please confirm")
    with sent():
        late = services.confirm_registration(registration=late)
    assert late.status == Status.WAITLISTED
    assert late.waitlisted_at is not None
    assert mailoutbox[-1].subject == f"You are on the waiting list: {conference.title}"


def test_full_day_is_waited_for_while_the_other_days_are_held():
    conference = make_conference(capacity=10)
    member = conference.participant_categories.get(code="member-city")
    opening, second, third = conference.days.all()
    set_capacity(second, 1)
    submit(conference, days=[second], category=member)
    registration = submit(conference, days=[opening, second], category=member)
    assert states(registration) == {
        "the conference": "held",
        str(opening): "held",
        str(second): "waiting",
    }


def test_who_waits_for_the_whole_registration_holds_nothing_until_all_days_fit():
    conference = make_conference(capacity=10)
    member = conference.participant_categories.get(code="member-city")
    opening, second, _third = conference.days.all()
    set_capacity(second, 1)
    submit(conference, days=[second], category=member)
    registration = submit(
        conference, days=[opening, second], category=member, waits_for_all_days=True
    )
    assert states(registration) == {str(second): "waiting"}


def test_a_full_dinner_is_waited_for_without_costing_the_conference_seat():
    conference = make_conference(capacity=10, gala_dinner_capacity=1)
    submit(conference, gala_dinner=True)
    registration = submit_and_confirm(conference, gala_dinner=True)
    assert registration.status == Status.CONFIRMED
    assert states(registration) == {
        "the conference": "held",
        str(conference.days.first()): "held",
        "the gala dinner": "waiting",
    }


def test_second_table_choice_is_used_when_the_first_is_full(conference):
    first, second, _third = conference.world_cafe_tables.all()
    set_capacity(first, 1)
    a = submit(conference, first_table_choice=first, second_table_choice=second)
    b = submit(conference, first_table_choice=first, second_table_choice=second)
    c = submit(
        conference, first_table_choice=first, second_table_choice=None, waits_for_table=False
    )
    assert (a.world_cafe_table, b.world_cafe_table, c.world_cafe_table) == (first, second, None)
    assert c.status == Status.PENDING  # a full table costs the table, not the seat
    assert str(first) not in states(c)


def test_both_tables_full_waits_for_either_when_asked():
    conference = make_conference(capacity=10)
    first, second, _third = conference.world_cafe_tables.all()
    set_capacity(first, 1)
    set_capacity(second, 1)
    submit(conference, first_table_choice=first)
    submit(conference, first_table_choice=second)
    registration = submit_and_confirm(
        conference, first_table_choice=first, second_table_choice=second
    )
    assert states(registration)[str(first)] == "waiting"
    assert states(registration)[str(second)] == "waiting"


def test_reserved_days_need_a_category_allowed_on_them(conference):
    reserved_day = conference.days.all()[1]
    with pytest.raises(services.EligibilityError):
        submit(conference, days=[reserved_day])
    member = conference.participant_categories.get(code="member-city")
    assert submit(conference, days=[reserved_day], category=member).status == Status.PENDING
    assert not Registration.objects.filter(category__code="public-body").exists()


def test_same_email_twice_gets_the_manage_link_instead_of_a_duplicate(conference, mailoutbox, sent):
    first = submit(conference, email="twice@example.org")
    with sent(), pytest.raises(services.DuplicateRegistrationError) as raised:
        submit(conference, email="TWICE@example.org")
    assert raised.value.registration == first
    assert Registration.objects.filter(conference=conference).count() == 1
    assert mailoutbox[-1].subject == f"Your registration: {conference.title}"
    assert first.get_manage_url() in mailoutbox[-1].body


def test_the_same_form_submitted_twice_returns_the_first_registration(conference):
    first = submit(conference, email="click@example.org", submission_key="k1")
    second = submit(conference, email="click@example.org", submission_key="k1")
    assert second == first
    assert Registration.objects.filter(conference=conference).count() == 1


def test_registration_outside_the_window_is_refused():
    conference = make_conference(registration_closes_at=timezone.now())
    with pytest.raises(services.RegistrationClosedError):
        submit(conference)


def test_expired_pending_registration_frees_its_seat_for_the_waiting_list(mailoutbox, sent):
    conference = make_conference(capacity=1)
    pending = submit(conference)
    waiting = submit_and_confirm(conference)
    later = timezone.now() + datetime.timedelta(hours=49)
    with sent():
        assert services.expire_pending_registrations(now=later) == 1
    pending.refresh_from_db()
    waiting.refresh_from_db()
    assert (pending.status, waiting.status) == (Status.EXPIRED, Status.CONFIRMED)
    assert mailoutbox[-1].to == [waiting.email]
    assert "seat became free" in mailoutbox[-1].subject


def test_a_seat_is_never_held_past_its_time_even_before_cron_runs():
    conference = make_conference(capacity=1)
    pending = submit(conference)
    end_hold_now(pending)
    assert submit(conference).status == Status.PENDING
    pending.refresh_from_db()
    assert pending.status == Status.EXPIRED


def test_late_confirmation_of_expired_registration_confirms_only_if_seats_are_free():
    conference = make_conference(capacity=1)
    pending = submit(conference)
    end_hold_now(pending)
    services.confirm_registration(registration=pending)
    pending.refresh_from_db()
    assert pending.status == Status.CONFIRMED


def test_cancelling_promotes_the_waiting_list_in_arrival_order(mailoutbox, sent, run_worker):
    conference = make_conference(capacity=1)
    holder = submit(conference)
    first_waiting = submit_and_confirm(conference)
    second_waiting = submit_and_confirm(conference)
    mailoutbox.clear()
    with sent():
        services.cancel_registration(registration=holder)
    assert run_worker()["promoted"] == 1
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {
        holder.pk: Status.CANCELLED,
        first_waiting.pk: Status.CONFIRMED,
        second_waiting.pk: Status.WAITLISTED,
    }
    assert [m.to[0] for m in mailoutbox] == [holder.email, first_waiting.email]


def test_an_unconfirmed_address_is_never_promoted(sent, run_worker):
    conference = make_conference(capacity=1)
    holder = submit(conference)
    unconfirmed = submit(conference)
    with sent():
        services.cancel_registration(registration=holder)
    run_worker()
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == Status.PENDING
    assert states(unconfirmed) == {"the conference": "waiting"}
    with sent():
        services.confirm_registration(registration=unconfirmed)
    run_worker()
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == Status.CONFIRMED  # the free seat was still there


def test_a_freed_seat_goes_to_its_own_waiting_list_not_to_others(sent, run_worker):
    conference = make_conference(capacity=2)
    member = conference.participant_categories.get(code="member-city")
    opening, second_day, _ = conference.days.all()
    set_capacity(second_day, 1)
    make_registration(conference, days=[second_day], category=member)
    holder = submit(conference)
    wants_full_day = submit_and_confirm(conference, days=[second_day], category=member)
    wants_opening = submit_and_confirm(conference)
    with sent():
        services.cancel_registration(registration=holder)
    run_worker()
    wants_full_day.refresh_from_db()
    wants_opening.refresh_from_db()
    assert (wants_full_day.status, wants_opening.status) == (Status.WAITLISTED, Status.CONFIRMED)


def test_change_within_capacity_is_saved_and_emailed(conference, mailoutbox, sent):
    registration = submit(conference)
    member_days = list(conference.days.all()[:1])
    table = conference.world_cafe_tables.first()
    with sent():
        services.change_registration(
            registration=registration,
            days=member_days,
            gala_dinner=True,
            first_table_choice=table,
            second_table_choice=None,
        )
    registration.refresh_from_db()
    assert (registration.gala_dinner, registration.world_cafe_table) == (True, table)
    assert mailoutbox[-1].subject == f"Your registration was changed: {conference.title}"


def test_adding_a_full_dinner_in_a_change_waits_for_it_and_keeps_the_rest():
    conference = make_conference(capacity=10, gala_dinner_capacity=1)
    make_registration(conference, gala_dinner=True)
    registration = submit_and_confirm(conference)
    services.change_registration(
        registration=registration,
        days=list(registration.days.all()),
        gala_dinner=True,
        first_table_choice=None,
        second_table_choice=None,
    )
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert states(registration)["the gala dinner"] == "waiting"


def test_a_change_that_would_cost_the_conference_seat_is_refused_and_nothing_changes():
    conference = make_conference(capacity=10)
    member = conference.participant_categories.get(code="member-city")
    opening, second_day, _ = conference.days.all()
    set_capacity(second_day, 1)
    make_registration(conference, days=[second_day], category=member)
    registration = submit_and_confirm(conference, category=member)
    with pytest.raises(services.CapacityError):
        services.change_registration(
            registration=registration,
            days=[second_day],
            gala_dinner=False,
            first_table_choice=None,
            second_table_choice=None,
        )
    registration.refresh_from_db()
    assert list(registration.days.all()) == [opening]
    assert states(registration)[str(opening)] == "held"


def test_change_to_a_reserved_day_needs_eligibility(conference):
    registration = submit(conference)
    with pytest.raises(services.EligibilityError):
        services.change_registration(
            registration=registration,
            days=list(conference.days.all()),
            gala_dinner=False,
            first_table_choice=None,
            second_table_choice=None,
        )


def test_reinstating_a_cancelled_registration_confirms_it_or_puts_it_on_the_waiting_list():
    conference = make_conference(capacity=1)
    registration = submit(conference)
    services.cancel_registration(registration=registration)
    services.reinstate_registration(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    services.cancel_registration(registration=registration)
    make_registration(conference)
    services.reinstate_registration(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Status.WAITLISTED


def test_register_on_behalf_confirms_at_once_and_sends_the_confirmed_email(
    conference, mailoutbox, sent, django_user_model
):
    staff = django_user_model.objects.create_user("agent", is_staff=True)
    with sent():
        registration = services.register_on_behalf(
            conference=conference,
            data=registration_data(conference),
            source=Registration.Source.PHONE,
            language="de",
            staff_user=staff,
        )
    assert (registration.status, registration.source) == (Status.CONFIRMED, "phone")
    assert registration.history.first().history_user == staff
    assert mailoutbox[-1].subject == f"Anmeldung bestätigt: {conference.title}"
    assert "Guten Tag" in mailoutbox[-1].body


def test_promote_registration_needs_a_free_seat(run_worker):
    conference = make_conference(capacity=1)
    submit(conference)
    waiting = submit_and_confirm(conference)
    with pytest.raises(services.CapacityError):
        services.promote_registration(registration=waiting)
    conference.capacity = 2
    conference.save()
    run_worker()
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED  # raising the capacity promoted it


def test_the_history_of_a_sign_up_and_of_each_change_records_its_days(conference):
    first, second = list(conference.days.all()[:1]), list(conference.days.all()[:3])
    member = conference.participant_categories.get(code="member-city")
    registration = submit(conference, days=first, category=member)
    services.change_registration(
        registration=registration,
        days=second,
        gala_dinner=False,
        first_table_choice=None,
        second_table_choice=None,
    )
    created, changed = registration.history.order_by("history_date", "history_id")[:2]
    assert [d.day_id for d in created.days.all()] == [day.pk for day in first]
    assert sorted(d.day_id for d in changed.days.all()) == sorted(day.pk for day in second)


def test_a_promotion_is_recorded_in_the_history_with_its_days_and_queued_email(
    conference, run_worker
):
    conference.capacity = 1
    conference.save()
    holder = submit_and_confirm(conference)
    waiting = submit_and_confirm(conference)
    services.cancel_registration(registration=holder)
    before = timezone.now()
    run_worker()
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    promoted = waiting.history.order_by("-history_date", "-history_id").first()
    assert promoted.status == Status.CONFIRMED
    # The promotion's email is queued before the row is saved, in the same save.
    assert promoted.email_status == Registration.EmailStatus.QUEUED
    assert promoted.email_status_at >= before
    assert sorted(d.day_id for d in promoted.days.all()) == sorted(
        waiting.days.values_list("pk", flat=True)
    )
