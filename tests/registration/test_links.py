"""Personal links through real HTTP: the "lost your link?" page, a new manage link that
switches the old one off, and links that each open one thing only."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from registration import services
from registration.models import Registration
from tests.factories import make_conference, make_registration, registration_data

pytestmark = pytest.mark.django_db

LOST_LINK = reverse("registration:lost_link")


def links_in(message):
    return [
        link.removeprefix("http://127.0.0.1:8000")
        for link in re.findall(r"http://\S+", message.body)
    ]


def signed_up(conference, **overrides):
    data = registration_data(conference, **overrides)
    return services.submit_registration(conference=conference, data=data, language="en")


def ask_for_link(client, email, address="203.0.113.7"):
    return client.post(LOST_LINK, {"email": email}, REMOTE_ADDR=address)


def test_lost_link_answers_the_same_whether_or_not_the_address_is_registered(
    client, mailoutbox, sent
):
    registration = make_registration(make_conference(), email="Zoe@example.org")
    with sent():
        known = ask_for_link(client, "zoe+typo@EXAMPLE.org")
    assert [m.to for m in mailoutbox] == [["Zoe@example.org"]]  # the address as registered
    assert registration.get_manage_url() in links_in(mailoutbox[0])
    with sent():
        unknown = ask_for_link(client, "nobody@example.org")
    assert len(mailoutbox) == 1
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known.status_code == 302
    answer = client.get(known["Location"]).content.decode()
    assert "If this address is registered, we have emailed it" in answer
    assert "nobody@example.org" not in answer


def test_lost_link_sends_nothing_for_an_anonymised_registration(client, mailoutbox, sent):
    make_registration(make_conference(), email="gone@example.org", anonymised_at=timezone.now())
    with sent():
        assert ask_for_link(client, "gone@example.org").status_code == 302
    assert mailoutbox == []


def test_lost_link_of_an_unconfirmed_sign_up_repeats_the_confirmation_link(
    client, mailoutbox, sent
):
    pending = signed_up(make_conference(), email="late@example.org")
    with sent():
        ask_for_link(client, "late@example.org")
    assert pending.get_confirm_url() in links_in(mailoutbox[-1])


@pytest.mark.parametrize("registered", [True, False])
def test_lost_link_is_rate_limited_per_client_registered_or_not(client, settings, registered):
    settings.LOST_LINK_RATE_PER_ADDRESS = "2/h"
    if registered:
        make_registration(make_conference(), email="someone@example.org")
    statuses = [ask_for_link(client, f"a{n}@example.org").status_code for n in range(2)]
    statuses.append(ask_for_link(client, "someone@example.org").status_code)
    assert statuses == [302, 302, 429]
    assert ask_for_link(client, "someone@example.org", address="198.51.100.1").status_code == 302


def test_lost_link_is_rate_limited_per_email_address_from_any_client(
    client, settings, mailoutbox, sent
):
    settings.LOST_LINK_RATE_PER_EMAIL = "2/h"
    make_registration(make_conference(), email="target@example.org")
    with sent():
        statuses = [
            ask_for_link(client, email, address=f"198.51.{n}.1").status_code
            for n, email in enumerate(
                ["target@example.org", "Target+x@example.org", "target@example.org"]
            )
        ]
    assert statuses == [302, 302, 429]
    assert len(mailoutbox) == 2  # nobody floods a mailbox through the page
    assert ask_for_link(client, "other@example.org", address="198.51.9.1").status_code == 302


def test_lost_link_is_offered_on_the_form_and_the_event_page_in_english_and_german(client):
    conference = make_conference()
    for url in (
        reverse("registration:register", args=[conference.slug]),
        conference.get_absolute_url(),
    ):
        assert LOST_LINK in client.get(url).content.decode()
    page = client.get("/de" + LOST_LINK).content.decode()
    assert "Link verloren?" in page


def test_a_new_manage_link_switches_the_old_one_off_and_keeps_the_confirmation_link(
    client, mailoutbox, sent
):
    pending = signed_up(make_conference(), email="renew@example.org")
    old_manage, confirm = pending.get_manage_url(), pending.get_confirm_url()
    with sent():
        response = client.post(reverse("registration:renew_link", args=[pending.manage_token]))
    page = response.content.decode()
    assert response.status_code == 200 and "A new link is on its way" in page
    pending.refresh_from_db()
    assert pending.get_manage_url() != old_manage
    assert pending.manage_token not in page  # only the mailbox gets the new link
    assert mailoutbox[-1].to == ["renew@example.org"]
    assert pending.get_manage_url() in links_in(mailoutbox[-1])
    assert confirm in links_in(mailoutbox[-1])  # still unconfirmed: the email repeats it

    old = client.get(old_manage)
    assert old.status_code == 404
    assert "This link does not work (any more)" in old.content.decode()
    assert 'id="lost-link-form"' in old.content.decode()
    assert client.get(pending.get_manage_url()).status_code == 200
    with sent():
        client.post(confirm)
    pending.refresh_from_db()
    assert pending.status == Registration.Status.CONFIRMED
    renewal = pending.history.filter(history_change_reason__startswith="New manage link").get()
    assert renewal.history_user is None  # the person, from their manage page


def test_every_page_behind_an_old_manage_link_offers_a_new_one(client):
    registration = make_registration(make_conference())
    token = registration.manage_token
    services.renew_manage_link(registration=registration)
    for name, method in [
        ("manage", "get"),
        ("cancel", "get"),
        ("calendar", "get"),
        ("renew_link", "post"),
    ]:
        response = getattr(client, method)(reverse(f"registration:{name}", args=[token]))
        assert response.status_code == 404, name
        assert 'id="lost-link-form"' in response.content.decode(), name
    leave = reverse("registration:leave_waiting_list", args=[token, 1])
    assert client.post(leave).status_code == 404


def test_confirm_and_manage_tokens_each_open_their_own_page_only(client, sent):
    pending = signed_up(make_conference(), email="two@example.org")
    assert pending.confirm_token != pending.manage_token
    manage_with_confirm_token = reverse("registration:manage", args=[pending.confirm_token])
    confirm_with_manage_token = reverse("registration:confirm", args=[pending.manage_token])
    assert client.get(manage_with_confirm_token).status_code == 404
    assert client.post(confirm_with_manage_token).status_code == 404
    pending.refresh_from_db()
    assert pending.status == Registration.Status.PENDING
    with sent():
        response = client.post(pending.get_confirm_url(), follow=True)
    page = response.content.decode()
    assert "your registration is confirmed" in page
    assert pending.manage_token not in page  # the confirmation link never opens the manage page
    assert pending.manage_token not in client.get(pending.get_confirm_url()).content.decode()
    manage_page = client.get(pending.get_manage_url()).content.decode()
    assert pending.confirm_token not in manage_page


def test_the_confirmation_post_reads_the_whole_row_once_and_a_second_post_shows_the_page(
    client, sent
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pending = signed_up(make_conference(), email="once@example.org")
    with sent(), CaptureQueriesContext(connection) as queries:
        response = client.post(pending.get_confirm_url())
    assert response.status_code == 302
    full_reads = [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT") and '"registration_registration"."last_name"' in q["sql"]
    ]
    assert len(full_reads) == 1  # the service's, under its lock; the view reads the key
    again = client.post(pending.get_confirm_url())
    assert again.status_code == 200
    assert "Your email address is confirmed" in again.content.decode()
