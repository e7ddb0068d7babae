"""The delegation pages through real HTTP: the form (shared fields once, a block per
person, "add another person" without JavaScript), its errors, the thanks page, each
member's confirmation, and the lead's manage page."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from registration.models import Delegation, Registration
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db

Status = Registration.Status


def delegation_url(conference, language="en"):
    with translation.override(language):
        return reverse("registration:register_delegation", kwargs={"slug": conference.slug})


def form_data(conference, people=3, blocks=None, **overrides):
    """A filled delegation form: `people` filled blocks of `blocks` shown."""
    blocks = blocks or max(people, 3)
    data = {
        "person-TOTAL_FORMS": str(blocks),
        "person-INITIAL_FORMS": "0",
        "person-MIN_NUM_FORMS": "0",
        "person-MAX_NUM_FORMS": "20",
        "organisation": "Miasto Łódź",
        "city": "Łódź",
        "country": "PL",
        "category": conference.participant_categories.get(code="member-city").pk,
        "privacy_consent": "on",
        "submission_key": "key-1",
        "website": "",
        "register": "1",
    }
    first_day = conference.days.first().pk
    for n in range(people):
        data |= {
            f"person-{n}-first_name": f"Zoë{n}",
            f"person-{n}-last_name": "Łukasiewicz",
            f"person-{n}-email": f"member{n}@example.org",
            f"person-{n}-days": [first_day],
            f"person-{n}-gala_dinner": "no",
            f"person-{n}-first_table_choice": "",
            f"person-{n}-second_table_choice": "",
        }
    return data | overrides


def links_in(body):
    return re.findall(r"http://\S+", body)


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Register a delegation"), ("de", "Delegation anmelden")]
)
def test_the_form_shows_three_empty_blocks_in_each_language(client, language, heading):
    conference = make_conference()
    response = client.get(delegation_url(conference, language))
    page = response.content.decode()
    assert response.status_code == 200
    assert heading in page
    assert page.count('class="delegation-person"') == 3
    assert 'name="person-2-email"' in page and 'name="person-3-email"' not in page


def test_the_registration_form_links_to_the_delegation_form(client):
    conference = make_conference()
    page = client.get(reverse("registration:register", kwargs={"slug": conference.slug}))
    assert delegation_url(conference) in page.content.decode()


def test_add_another_person_shows_one_more_block_keeping_what_was_typed(client):
    conference = make_conference()
    data = form_data(conference, people=2) | {"add_person": "1"}
    data.pop("register")
    response = client.post(delegation_url(conference), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="delegation-person"') == 4
    assert 'value="member1@example.org"' in page
    assert 'value="Miasto Łódź"' in page
    assert "Please correct" not in page  # nothing checked yet
    assert not Registration.objects.exists()


def test_no_block_can_be_added_beyond_the_largest_delegation(client, settings):
    settings.DELEGATION_MAX_SIZE = 3
    conference = make_conference()
    page = client.get(delegation_url(conference)).content.decode()
    assert 'name="add_person"' not in page
    assert "at most 3 people" in page


def test_a_delegation_is_registered_and_each_person_confirms_their_own_address(
    client, mailoutbox, sent
):
    conference = make_conference()
    with sent():
        response = client.post(delegation_url(conference), form_data(conference, people=2))
    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    delegation = Delegation.objects.get()
    assert delegation.reference in thanks
    lead, second = delegation.members.order_by("pk")
    assert delegation.lead == lead
    assert lead.booking_reference in thanks and second.booking_reference in thanks
    assert lead.manage_token not in thanks and second.manage_token not in thanks

    mail = next(m for m in mailoutbox if m.to == [second.email] and "confirm" in m.subject)
    confirm = next(link for link in links_in(mail.body) if "/confirm/" in link)
    with sent():
        client.post(confirm.removeprefix("http://127.0.0.1:8000"))
    second.refresh_from_db()
    lead.refresh_from_db()
    assert second.status == Status.CONFIRMED
    assert lead.status == Status.PENDING


def test_the_lead_manage_page_shows_each_member_state_and_no_member_link(client):
    conference = make_conference(capacity=2)
    client.post(delegation_url(conference), form_data(conference, people=3))
    lead, second, third = Delegation.objects.get().members.order_by("pk")

    page = client.get(lead.get_manage_url()).content.decode()
    assert "Your delegation" in page
    for member in (lead, second, third):
        assert member.booking_reference in page
    assert "held until they confirm their email address" in page
    assert "waiting list, from when they confirm their email address" in page
    assert second.manage_token not in page and third.manage_token not in page
    assert second.confirm_token not in page

    member_page = client.get(second.get_manage_url()).content.decode()
    assert "Your delegation" not in member_page


def test_the_lead_manage_page_reads_in_the_same_queries_whatever_the_size(
    client, django_assert_num_queries
):
    conference = make_conference()
    client.post(delegation_url(conference), form_data(conference, people=2))
    small = Delegation.objects.get().lead
    client.post(
        delegation_url(conference),
        form_data(conference, people=8, submission_key="key-2")
        | {f"person-{n}-email": f"big{n}@example.org" for n in range(8)},
    )
    large = Delegation.objects.exclude(lead=small).get().lead

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for lead in (small, large):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(lead.get_manage_url()).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_errors_are_listed_per_person_in_the_summary(client):
    conference = make_conference()
    data = form_data(conference, people=2) | {
        "person-1-email": "not-an-email",
        "person-0-first_name": "",
    }
    response = client.post(delegation_url(conference), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page
    assert 'href="#id_person-0-first_name"' in page
    assert 'href="#id_person-1-email"' in page
    assert "Person 2: Email" in page
    assert not Registration.objects.exists()


def test_an_address_registered_before_is_named_at_its_block_not_a_500(client):
    conference = make_conference()
    make_registration(conference, email="member1@example.org")
    response = client.post(delegation_url(conference), form_data(conference, people=3))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_person-1-email"' in page
    assert "already registered for this conference" in page
    assert Registration.objects.count() == 1


def test_the_same_address_twice_is_named_at_the_second_block(client):
    conference = make_conference()
    data = form_data(conference, people=2) | {"person-1-email": "MEMBER0@example.org"}
    page = client.post(delegation_url(conference), data).content.decode()
    assert 'href="#id_person-1-email"' in page
    assert "given for another person above" in page
    assert not Registration.objects.exists()


def test_a_single_person_is_sent_to_the_usual_form(client):
    conference = make_conference()
    page = client.post(delegation_url(conference), form_data(conference, people=1)).content.decode()
    assert "at least two people" in page
    assert not Registration.objects.exists()


def test_a_reserved_day_for_a_category_not_allowed_is_named_at_the_block(client):
    conference = make_conference()
    public_body = conference.participant_categories.get(code="public-body").pk
    reserved = conference.days.all()[1].pk
    data = form_data(conference, people=2, category=public_body) | {"person-1-days": [reserved]}
    page = client.post(delegation_url(conference), data).content.decode()
    assert 'href="#id_person-1-days_0"' in page
    assert "reserved for international guests" in page
    assert not Registration.objects.exists()


def test_a_german_delegation_is_answered_in_german(client, mailoutbox, sent):
    conference = make_conference()
    data = form_data(conference, people=2) | {"person-1-email": "x"}
    page = client.post(delegation_url(conference, "de"), data)
    assert "Person 2: E-Mail" in page.content.decode()
    with sent():
        client.post(delegation_url(conference, "de"), form_data(conference, people=2))
    assert {m.language for m in Registration.objects.all()} == {"de"}
    assert any("Delegation" in m.subject for m in mailoutbox), [m.subject for m in mailoutbox]


@pytest.mark.parametrize(
    "bad",
    [
        {"person-TOTAL_FORMS": "9999999"},
        {"person-TOTAL_FORMS": "abc"},
        {"category": "99999"},
        {"country": "XX"},
        {"person-0-days": ["abc"]},
        {"person-0-first_table_choice": "-1"},
    ],
)
def test_bad_input_is_an_answer_not_a_500(client, bad):
    conference = make_conference()
    data = form_data(conference, people=2)
    data.pop("person-MAX_NUM_FORMS")
    response = client.post(delegation_url(conference), data | bad)
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_the_honeypot_pretends_success_and_stores_nothing(client):
    conference = make_conference()
    response = client.post(delegation_url(conference), form_data(conference, website="x"))
    assert response.status_code == 302
    assert not Registration.objects.exists()


def test_double_click_registers_one_delegation(client):
    conference = make_conference()
    first = client.post(delegation_url(conference), form_data(conference))
    second = client.post(delegation_url(conference), form_data(conference))
    assert first.status_code == second.status_code == 302
    assert Delegation.objects.count() == 1
    assert Registration.objects.count() == 3


def test_closed_registration_shows_no_form(client):
    conference = make_conference(registration_full=True)
    page = client.get(delegation_url(conference)).content.decode()
    assert 'id="delegation-form"' not in page
    response = client.post(delegation_url(conference), form_data(conference))
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_delegations_share_the_sign_up_rate_limit(client, settings):
    settings.SIGN_UP_RATE_PER_ADDRESS = "2/h"
    conference = make_conference()
    client.post(
        reverse("registration:register", kwargs={"slug": conference.slug}),
        {},
        REMOTE_ADDR="203.0.113.5",
    )
    first = client.post(
        delegation_url(conference), form_data(conference), REMOTE_ADDR="203.0.113.5"
    )
    second = client.post(
        delegation_url(conference),
        form_data(conference, submission_key="key-2")
        | {f"person-{n}-email": f"other{n}@example.org" for n in range(3)},
        REMOTE_ADDR="203.0.113.5",
    )
    assert first.status_code == 302
    assert second.status_code == 429
    assert Registration.objects.count() == 3


def test_the_thanks_page_without_a_valid_outcome_says_thank_you(client):
    conference = make_conference()
    url = reverse("registration:delegation_submitted", kwargs={"slug": conference.slug})
    for outcome in ("", "forged", "eyJwayI6IjEifQ:abc:def"):
        response = client.get(url, {"outcome": outcome})
        assert response.status_code == 200
        assert "Thank you" in response.content.decode()


def test_the_thanks_page_reads_in_the_same_queries_whatever_the_size(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    conference = make_conference()
    counts = []
    for size, key in ((2, "small"), (9, "large")):
        data = form_data(conference, people=size, submission_key=key) | {
            f"person-{n}-email": f"{key}{n}@example.org" for n in range(size)
        }
        thanks = client.post(delegation_url(conference), data)["Location"]
        with CaptureQueriesContext(connection) as captured:
            page = client.get(thanks).content.decode()
        assert page.count('class="delegation-member ') == size
        counts.append(len(captured))
    assert counts[0] == counts[1]
