"""The delegation rules (registration/services/delegations.py): several people in one go,
each a sign-up of their own, all or none."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from registration import services
from registration.delegations.queries import delegation_of_lead
from registration.models import Booking, Delegation, Registration
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db

Status = Registration.Status


def shared(conference, **overrides):
    return {
        "organisation": "City of Leipzig",
        "city": "Leipzig",
        "country": "DE",
        "category": conference.participant_categories.get(code="member-city"),
        "privacy_consent": True,
    } | overrides


def person(conference, number, **overrides):
    return {
        "first_name": f"Person{number}",
        "last_name": "Delegate",
        "email": f"delegate{number}@example.org",
        "position": "",
        "days": list(conference.days.all()[:1]),
        "gala_dinner": False,
        "first_table_choice": None,
        "second_table_choice": None,
    } | overrides


def register(conference, people, **kwargs):
    return services.register_delegation(
        conference=conference,
        name="City of Leipzig",
        shared=shared(conference),
        people=people,
        language=kwargs.pop("language", "en"),
        **kwargs,
    )


def test_each_person_gets_a_registration_of_their_own_and_the_first_leads(conference):
    delegation = register(conference, [person(conference, n) for n in range(3)])

    members = list(Registration.objects.filter(delegation=delegation).order_by("pk"))
    assert [m.email for m in members] == [f"delegate{n}@example.org" for n in range(3)]
    assert delegation.lead == members[0]
    assert len({m.manage_token for m in members}) == 3
    assert len({m.confirm_token for m in members}) == 3
    assert len({m.booking_reference for m in members}) == 3
    assert all(m.status == Status.PENDING and not m.email_confirmed for m in members)
    assert all(m.organisation == "City of Leipzig" and m.city == "Leipzig" for m in members)
    assert delegation.reference.startswith(f"{conference.booking_prefix}-D")


def test_capacity_applies_per_person_when_the_last_seats_go_mid_delegation():
    conference = make_conference(capacity=2)
    delegation = register(conference, [person(conference, n) for n in range(3)])

    members = list(delegation.members.order_by("pk"))
    held = [m.bookings.filter(state=Booking.State.HELD).exists() for m in members]
    waiting = [m.bookings.filter(state=Booking.State.WAITING).exists() for m in members]
    assert held == [True, True, False]
    assert waiting == [False, False, True]


def test_an_address_registered_before_names_that_person_and_saves_nobody(conference):
    make_registration(conference, email="Delegate1@Example.org")
    with pytest.raises(services.DelegationError) as raised:
        register(conference, [person(conference, n) for n in range(3)])

    assert list(raised.value.member_errors) == [1]
    field, message = raised.value.member_errors[1]
    assert field == "email" and "already registered" in str(message)
    assert not Delegation.objects.exists()
    assert Registration.objects.count() == 1


def test_the_same_address_twice_in_a_delegation_names_the_second(conference):
    people = [person(conference, 0), person(conference, 1, email="DELEGATE0@example.org")]
    with pytest.raises(services.DelegationError) as raised:
        register(conference, people)

    assert list(raised.value.member_errors) == [1]
    assert Registration.objects.count() == 0


def test_a_person_whose_choices_break_the_rules_is_named(conference):
    public_body = conference.participant_categories.get(code="public-body")
    reserved_day = conference.days.filter(audience="international").first()
    people = [person(conference, 0), person(conference, 1, days=[reserved_day])]
    with pytest.raises(services.DelegationError) as raised:
        services.register_delegation(
            conference=conference,
            name="Town",
            shared=shared(conference, category=public_body),
            people=people,
            language="en",
        )

    assert list(raised.value.member_errors) == [1]
    assert raised.value.member_errors[1][0] is None
    assert Registration.objects.count() == 0


@override_settings(DELEGATION_MAX_SIZE=3)
def test_a_delegation_has_at_most_the_configured_size(conference):
    with pytest.raises(services.DelegationError) as raised:
        register(conference, [person(conference, n) for n in range(4)])
    assert "at most 3 people" in str(raised.value.message)
    assert Registration.objects.count() == 0

    register(conference, [person(conference, n) for n in range(3)])
    assert Registration.objects.count() == 3


def test_a_delegation_has_at_least_two_people(conference):
    with pytest.raises(services.DelegationError):
        register(conference, [person(conference, 0)])
    assert Registration.objects.count() == 0


def test_closed_registration_takes_no_delegation():
    conference = make_conference(registration_full=True)
    with pytest.raises(services.RegistrationClosedError):
        register(conference, [person(conference, n) for n in range(2)])


def test_the_same_form_sent_twice_is_one_delegation(conference):
    first = register(conference, [person(conference, n) for n in range(2)], submission_key="k1")
    again = register(conference, [person(conference, n) for n in range(2)], submission_key="k1")

    assert again == first
    assert Registration.objects.count() == 2


def test_each_person_and_the_lead_get_their_own_emails(conference, mailoutbox, sent):
    with sent():
        delegation = register(conference, [person(conference, n) for n in range(3)])

    members = list(delegation.members.order_by("pk"))
    requests = [m for m in mailoutbox if "Please confirm" in m.subject]
    assert sorted(m.to[0] for m in requests) == sorted(m.email for m in members)
    for member in members:
        mail = next(m for m in requests if m.to == [member.email])
        assert member.get_confirm_url() in mail.body
        assert member.get_manage_url() in mail.body
        others = [o for o in members if o != member]
        assert not any(o.get_manage_url() in mail.body for o in others)
    lead_mail = [m for m in mailoutbox if "delegation" in m.subject]
    assert [m.to for m in lead_mail] == [[members[0].email]]
    assert all(m.booking_reference in lead_mail[0].body for m in members)
    assert not any(m.get_manage_url() in lead_mail[0].body for m in members[1:])


def test_the_lead_email_is_in_the_lead_language(conference, mailoutbox, sent):
    with sent():
        register(conference, [person(conference, n) for n in range(2)], language="de")
    lead_mail = next(m for m in mailoutbox if "Delegation" in m.subject)
    assert "ist angemeldet" in lead_mail.subject


def test_members_confirm_their_own_address(conference):
    delegation = register(conference, [person(conference, n) for n in range(2)])
    second = delegation.members.order_by("pk")[1]

    services.confirm_registration(registration=second)

    states = {
        m.registration.pk: m.registration.status
        for m in delegation_of_lead(delegation.lead).members
    }
    assert states == {delegation.lead.pk: Status.PENDING, second.pk: Status.CONFIRMED}


def test_the_lead_page_states_are_read_in_a_fixed_number_of_queries():
    conference = make_conference(capacity=3)

    def queries_for(size):
        delegation = register(
            conference,
            [person(conference, n, email=f"d{size}-{n}@example.org") for n in range(size)],
        )
        for member in delegation.members.all():
            services.confirm_registration(registration=member)
        with CaptureQueriesContext(connection) as captured:
            states = delegation_of_lead(delegation.lead)
        return len(captured), states

    small, _states = queries_for(2)
    large, states = queries_for(6)
    assert small == large == 3
    positions = [line.position for m in states.members for line in m.lines if line.position]
    assert positions == [1, 2, 3, 4, 5]
