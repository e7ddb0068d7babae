"""The hotline's booking actions call the registration services: the right emails go out
and capacity and eligibility hold."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from registration.models import Registration
from registration.outbox.models import OutboxEmail
from tests.factories import make_registration
from tests.outbox.factories import make_outbox_email

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Runs the request and the emails it queues after commit."""

    def run(method, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return method(*args, **kwargs)

    return run


def _caller(conference, **overrides):
    member = conference.participant_categories.get(code="member-city")
    return {
        "source": "phone",
        "privacy_consent": "on",
        "first_name": "Ilse",
        "last_name": "Hörbiger",
        "organisation": "Stadt Wien",
        "city": "Wien",
        "country": "AT",
        "email": "ilse@wien.gv.at",
        "language": "de",
        "category": member.pk,
        "days": [day.pk for day in conference.days.all()],
        "gala_dinner": "no",
    } | overrides


def _add_url(conference):
    return reverse("hotline:registration_registration_add") + f"?conference={conference.pk}"


def test_register_on_behalf_confirms_at_once_and_sends_the_confirmation(
    hotline_client, conference, mailoutbox, send
):
    response = send(hotline_client.post, _add_url(conference), _caller(conference))
    registration = Registration.objects.get(email="ilse@wien.gv.at")
    assert response.status_code == 302
    assert registration.status == Status.CONFIRMED
    assert registration.source == Registration.Source.PHONE
    assert registration.language == "de"
    assert registration.days.count() == 3
    assert [m.to for m in mailoutbox] == [["ilse@wien.gv.at"]]
    assert conference.title in mailoutbox[0].subject
    assert registration.history.first().history_user.username == "hotline"


def test_register_on_behalf_on_a_full_conference_joins_the_waiting_list(
    hotline_client, conference, mailoutbox, send
):
    for _ in range(conference.capacity):
        make_registration(conference)
    send(hotline_client.post, _add_url(conference), _caller(conference))
    registration = Registration.objects.get(email="ilse@wien.gv.at")
    assert registration.status == Status.WAITLISTED
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == conference.capacity
    assert len(mailoutbox) == 1


def test_register_on_behalf_keeps_reserved_days_for_eligible_categories(
    hotline_client, conference, mailoutbox, send
):
    public_body = conference.participant_categories.get(code="public-body")
    response = send(
        hotline_client.post, _add_url(conference), _caller(conference, category=public_body.pk)
    )
    assert response.status_code == 200
    assert 'class="errornote"' in response.content.decode()
    assert not Registration.objects.filter(email="ilse@wien.gv.at").exists()
    assert mailoutbox == []


def test_register_on_behalf_without_a_conference_asks_for_one(hotline_client, conference):
    response = hotline_client.get(reverse("hotline:registration_registration_add"))
    assert response.status_code == 200
    assert f'<option value="{conference.pk}">' in response.content.decode()


def test_change_booking_to_a_full_gala_dinner_puts_the_caller_on_its_waiting_list(
    hotline_client, conference, send, mailoutbox
):
    for _ in range(conference.gala_dinner_capacity):
        make_registration(conference, gala_dinner=True)
    registration = make_registration(conference)
    first_day = conference.days.first()
    url = reverse("hotline:registration_booking", args=[registration.pk])
    response = send(hotline_client.post, url, {"days": [first_day.pk], "gala_dinner": "yes"})
    registration.refresh_from_db()
    assert response.status_code == 302
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.bookings.get(item__kind="dinner").state == "waiting"
    assert [m.to for m in mailoutbox] == [[registration.email]]


def test_change_booking_sends_the_changed_email(hotline_client, conference, send, mailoutbox):
    registration = make_registration(conference)
    first_day = conference.days.first()
    url = reverse("hotline:registration_booking", args=[registration.pk])
    send(hotline_client.post, url, {"days": [first_day.pk], "gala_dinner": "yes"})
    registration.refresh_from_db()
    assert registration.gala_dinner is True
    assert [m.to for m in mailoutbox] == [[registration.email]]
    assert "changed" in mailoutbox[0].subject


def test_cancel_asks_first_then_frees_the_seat_for_the_waiting_list(
    hotline_client, conference, send, mailoutbox, run_worker
):
    holders = [make_registration(conference) for _ in range(conference.capacity)]
    waiting = make_registration(conference, status=Status.WAITLISTED)
    url = reverse("hotline:registration_do", args=[holders[0].pk, "cancel"])
    assert "Cancel the registration" in hotline_client.get(url).content.decode()
    send(hotline_client.post, url)
    run_worker()
    holders[0].refresh_from_db()
    waiting.refresh_from_db()
    assert holders[0].status == Status.CANCELLED
    assert waiting.status == Status.CONFIRMED
    assert sorted(m.to[0] for m in mailoutbox) == sorted([holders[0].email, waiting.email])


def test_promote_respects_capacity(hotline_client, conference, send, mailoutbox):
    for _ in range(conference.capacity):
        make_registration(conference)
    waiting = make_registration(conference, status=Status.WAITLISTED)
    url = reverse("hotline:registration_do", args=[waiting.pk, "promote"])
    response = send(hotline_client.post, url, follow=True)
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED
    assert mailoutbox == []
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_reinstate_confirms_a_cancelled_registration_that_fits(
    hotline_client, conference, send, mailoutbox
):
    registration = make_registration(conference, status=Status.CANCELLED)
    send(
        hotline_client.post, reverse("hotline:registration_do", args=[registration.pk, "reinstate"])
    )
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert [m.to for m in mailoutbox] == [[registration.email]]


def test_send_manage_link_button_sends_a_new_email_with_the_manage_link(
    hotline_client, conference, send, mailoutbox
):
    registration = make_registration(conference)
    url = reverse("hotline:registration_do", args=[registration.pk, "send-manage-link"])
    send(hotline_client.post, url)
    assert [m.to for m in mailoutbox] == [[registration.email]]
    assert mailoutbox[0].subject.startswith("Your registration")
    assert registration.get_manage_url() in mailoutbox[0].body


def test_send_unsent_button_sends_the_failed_email_and_never_a_sent_one_again(
    hotline_client, conference, send, mailoutbox
):
    registration = make_registration(conference)
    make_outbox_email(registration, kind="confirmed", state=OutboxEmail.State.SENT)
    make_outbox_email(registration, kind="changed", state=OutboxEmail.State.FAILED)
    url = reverse("hotline:registration_do", args=[registration.pk, "send-unsent-emails"])
    send(hotline_client.post, url)
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Your registration was changed"]


def test_an_action_that_does_not_fit_the_status_changes_nothing(hotline_client, conference):
    registration = make_registration(conference, status=Status.CANCELLED)
    url = reverse("hotline:registration_do", args=[registration.pk, "promote"])
    response = hotline_client.post(url)
    registration.refresh_from_db()
    assert response.status_code == 302
    assert registration.status == Status.CANCELLED


def test_bulk_redrive_sends_waiting_and_failed_emails_of_the_selection_once(
    hotline_client, conference, send, mailoutbox
):
    delivered, failed, waiting, other = (make_registration(conference) for _ in range(4))
    make_outbox_email(delivered, state=OutboxEmail.State.SENT)
    make_outbox_email(failed, state=OutboxEmail.State.FAILED, attempts=12)
    make_outbox_email(waiting, attempts=3, next_attempt_at=timezone.now() + timedelta(hours=1))
    make_outbox_email(other, state=OutboxEmail.State.FAILED)
    url = reverse("hotline:registration_registration_changelist")
    selection = [delivered.pk, failed.pk, waiting.pk]
    response = send(
        hotline_client.post,
        url,
        {"action": "redrive_emails_action", "_selected_action": selection},
        follow=True,
    )
    assert sorted(m.to[0] for m in mailoutbox) == sorted([failed.email, waiting.email])
    assert "2 emails will be sent" in response.content.decode()
    assert other.outbox_emails.get().state == OutboxEmail.State.FAILED


def test_register_on_behalf_form_asks_in_phone_order_and_explains_reserved_days(
    hotline_client, conference
):
    html = hotline_client.get(_add_url(conference)).content.decode()
    positions = [
        html.index(f'name="{name}"') for name in ("source", "email", "days", "privacy_consent")
    ]
    assert positions == sorted(positions)
    assert "reserved for international guests" in html
    assert 'name="website"' not in html  # no bot trap for staff


def test_a_mistyped_registration_address_is_not_a_server_error(hotline_client, conference):
    registration = make_registration(conference)
    url = reverse("hotline:registration_registration_change", args=[registration.pk])
    response = hotline_client.get(url + "widgets.css/change/")
    assert response.status_code == 302  # admin's "does not exist" redirect


def test_emailing_many_registrants_at_once_is_for_the_hotline_lead(
    hotline_client, conference, mailoutbox
):
    registration = make_registration(conference)
    url = reverse("hotline:registration_registration_changelist")
    page = hotline_client.get(url).content.decode()
    assert "resend_confirmation_action" not in page
    assert "send_manage_link_action" not in page
    hotline_client.post(
        url, {"action": "send_manage_link_action", "_selected_action": [registration.pk]}
    )
    assert mailoutbox == []


def test_register_on_behalf_refuses_a_variant_of_a_registered_address(
    hotline_client, conference, mailoutbox, send
):
    existing = make_registration(conference, email="ilse@wien.gv.at")
    response = send(
        hotline_client.post, _add_url(conference), _caller(conference, email="Ilse+2@Wien.gv.at")
    )
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert list(Registration.objects.values_list("pk", flat=True)) == [existing.pk]
    assert [m.to for m in mailoutbox] == [["ilse@wien.gv.at"]]  # the manage link, as typed


def test_hotline_cannot_change_an_address_into_a_variant_of_another_registration(
    hotline_client, conference
):
    make_registration(conference, email="jane.doe@gmail.com")
    other = make_registration(conference, email="someone@example.org")
    url = reverse("hotline:registration_registration_change", args=[other.pk])
    page = hotline_client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"email": "JaneDoe@googlemail.com", "call_logs-TOTAL_FORMS": "0"}
    data |= {"call_logs-INITIAL_FORMS": "0", "check_ins-TOTAL_FORMS": "0"}
    data |= {"check_ins-INITIAL_FORMS": "0"}
    response = hotline_client.post(url, data)
    assert "Another active registration" in response.content.decode()
    other.refresh_from_db()
    assert other.email == "someone@example.org"
    data["email"] = "Someone.New+X@Example.org"
    assert hotline_client.post(url, data).status_code == 302
    other.refresh_from_db()
    assert other.normalised_email == "someone.new@example.org"


def test_hotline_sends_a_new_manage_link_and_the_old_one_stops_working(
    hotline_client, hotline_user, conference, send, mailoutbox, client
):
    registration = make_registration(conference)
    old_manage = registration.get_manage_url()
    url = reverse("hotline:registration_do", args=[registration.pk, "renew-manage-link"])
    assert "the old one stops working" in hotline_client.get(url).content.decode()
    response = send(hotline_client.post, url)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.get_manage_url() != old_manage
    assert [m.to for m in mailoutbox] == [[registration.email]]
    assert registration.get_manage_url() in mailoutbox[0].body
    assert old_manage not in mailoutbox[0].body
    renewal = registration.history.filter(history_change_reason__startswith="New manage link")
    assert renewal.get().history_user == hotline_user
    hotline_client.logout()
    assert client.get(old_manage).status_code == 404
