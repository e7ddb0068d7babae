"""Mass email: a hotline lead picks recipients with the list's filters, sees the count and a
preview for a real recipient, sends a test to themselves, then sends; the worker sends each
recipient their language's version, spread out; only confirmed addresses; roles enforced."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from registration.hotline.models import CheckIn, MassEmail
from registration.hotline.personal_data import erase_personal_data
from registration.models import Booking, CapacityItem, Registration
from registration.outbox.models import OutboxEmail
from registration.outbox.sending import send_due_emails
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db

CONTENT = {
    "subject_en": "News for {first_name}",
    "body_en": "Dear {full_name},\n\nyour reference is **{booking_reference}**: {manage_link}",
    "subject_de": "Neues für {first_name}",
    "body_de": "Liebe(r) {full_name},\n\nIhre Buchungsnummer ist **{booking_reference}**.",
}


@pytest.fixture
def people(conference):
    other = make_conference()
    return {
        "anna": make_registration(conference, first_name="Anna", language="en"),
        "bernd": make_registration(conference, first_name="Bernd", language="de"),
        "unconfirmed": make_registration(
            conference, status=Registration.Status.PENDING, email_confirmed_at=None
        ),
        "elsewhere": make_registration(other, first_name="Olga"),
    }


def _url(conference, **filters):
    query = "&".join(
        f"{k}={v}" for k, v in {"conference__id__exact": conference.pk, **filters}.items()
    )
    return reverse("hotline:registration_mass_email") + "?" + query


def test_the_count_and_preview_show_only_chosen_registrants_with_a_confirmed_address(
    hotline_lead_client, conference, people
):
    response = hotline_lead_client.post(_url(conference), CONTENT | {"preview": ""})

    assert response.status_code == 200
    assert response.context["count"] == 2
    assert response.context["matched"] == 3
    preview = response.context["preview"]
    anna = people["anna"]
    assert preview.subject == "News for Anna"
    assert f"<strong>{anna.booking_reference}</strong>" in preview.html
    assert anna.manage_token in preview.text
    page = response.content.decode()
    assert "Send to 2 recipients" in page and f"{anna.booking_reference}" in page
    assert not OutboxEmail.objects.filter(kind__startswith="mass").exists()


def test_a_test_goes_to_the_sender_only_as_the_first_recipient_would_get_it(
    hotline_lead_client,
    hotline_lead_user,
    conference,
    people,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = hotline_lead_client.post(_url(conference), CONTENT | {"test": ""})

    assert response.status_code == 200
    assert [message.to for message in mailoutbox] == [[hotline_lead_user.email]]
    assert mailoutbox[0].subject == "News for Anna"
    anna = Registration.objects.get(pk=people["anna"].pk)
    assert anna.email_status == people["anna"].email_status  # nothing about her address
    assert MassEmail.objects.get().is_test


def test_sending_reaches_each_confirmed_recipient_in_their_language_spread_out(
    hotline_lead_client,
    hotline_lead_user,
    conference,
    people,
    settings,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    settings.MASS_EMAIL_PER_MINUTE = 1
    with django_capture_on_commit_callbacks(execute=True):
        response = hotline_lead_client.post(
            _url(conference), CONTENT | {"send": "", "expected_count": 2}
        )

    mass_email = MassEmail.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("hotline:hotline_massemail_change", args=[mass_email.pk])
    assert [m.to for m in mailoutbox] == [[people["anna"].email]]  # the next is due in a minute
    send_due_emails(now=timezone.now() + datetime.timedelta(minutes=2))
    assert [m.to for m in mailoutbox][1:] == [[people["bernd"].email]]
    german = mailoutbox[1]
    assert german.subject == "Neues für Bernd"
    assert people["bernd"].booking_reference in german.body
    html, mimetype = german.alternatives[0]
    assert mimetype == "text/html"
    assert f"<strong>{people['bernd'].booking_reference}</strong>" in html
    assert mass_email.sent_by == hotline_lead_user
    assert "conference__id__exact" in mass_email.chosen_by
    assert set(mass_email.recipients.values_list("registration", flat=True)) == {
        people["anna"].pk,
        people["bernd"].pk,
    }

    page = hotline_lead_client.get(response["Location"]).content.decode()
    assert page.count("Sent") >= 2


def test_the_list_filters_choose_the_recipients(hotline_lead_client, conference, people):
    response = hotline_lead_client.post(_url(conference, language="de"), CONTENT | {"preview": ""})
    assert response.context["count"] == 1
    assert response.context["preview"].subject == "Neues für Bernd"


def test_sending_is_refused_when_the_recipients_changed_since_the_count(
    hotline_lead_client, conference, people
):
    response = hotline_lead_client.post(
        _url(conference), CONTENT | {"send": "", "expected_count": 5}
    )
    assert response.status_code == 200
    assert "The recipients changed meanwhile" in response.content.decode()
    assert not MassEmail.objects.exists()


def test_unknown_placeholders_are_refused(hotline_lead_client, conference, people):
    response = hotline_lead_client.post(
        _url(conference), CONTENT | {"body_de": "Hallo {vorname}", "send": "", "expected_count": 2}
    )
    assert "Unknown placeholders: {vorname}" in response.content.decode()
    assert not MassEmail.objects.exists()


def test_only_hotline_leads_compose_preview_send_or_read_the_log(
    client, hotline_user, organiser_user, conference, people
):
    for user in (hotline_user, organiser_user):
        client.force_login(user)
        assert client.get(_url(conference)).status_code in (302, 403)
        response = client.post(_url(conference), CONTENT | {"send": "", "expected_count": 2})
        assert response.status_code in (302, 403)
        log = client.get(reverse("hotline:hotline_massemail_changelist"))
        assert log.status_code in (302, 403)
    assert not MassEmail.objects.exists()


def test_the_hotline_list_links_to_the_mass_email_for_leads_only(
    client, hotline_user, hotline_lead_user, conference, people
):
    url = reverse("hotline:registration_registration_changelist")
    mass_url = reverse("hotline:registration_mass_email")
    client.force_login(hotline_lead_user)
    assert mass_url in client.get(url).content.decode()
    client.force_login(hotline_user)
    assert mass_url not in client.get(url).content.decode()


def test_recipient_rows_go_with_the_person(hotline_lead_client, conference, people):
    hotline_lead_client.post(_url(conference), CONTENT | {"send": "", "expected_count": 2})
    anna = people["anna"]
    anna.status = Registration.Status.CANCELLED
    anna.save()

    erase_personal_data(registration=anna)

    assert not MassEmail.objects.get().recipients.filter(registration=anna).exists()
    assert MassEmail.objects.get().recipients.count() == 1


def test_the_checked_in_filter_chooses_who_arrived(
    hotline_lead_client, hotline_lead_user, conference, people
):
    CheckIn.objects.create(
        registration=people["bernd"], day=conference.days.first(), by=hotline_lead_user
    )
    response = hotline_lead_client.post(
        _url(conference, checked_in="yes"), CONTENT | {"preview": ""}
    )
    assert response.context["count"] == 1
    assert response.context["preview"].subject == "Neues für Bernd"
    response = hotline_lead_client.post(
        _url(conference, checked_in="no"), CONTENT | {"preview": ""}
    )
    assert response.context["preview"].subject == "News for Anna"


def test_the_status_per_item_filter_chooses_who_waits_for_the_dinner(
    hotline_lead_client, conference, people
):
    dinner = CapacityItem.objects.get(conference=conference, kind=CapacityItem.Kind.DINNER)
    Booking.objects.create(
        registration=people["bernd"], item=dinner, state="waiting", joined_at=timezone.now()
    )
    response = hotline_lead_client.post(
        _url(conference, item_state=f"{dinner.pk}:waiting"), CONTENT | {"preview": ""}
    )
    assert response.context["count"] == 1
    assert response.context["preview"].subject == "Neues für Bernd"


def test_the_index_links_leads_to_the_log_of_mass_emails(client, hotline_user, hotline_lead_user):
    log_url = reverse("hotline:hotline_massemail_changelist")
    client.force_login(hotline_lead_user)
    assert log_url in client.get(reverse("hotline:index")).content.decode()
    client.force_login(hotline_user)
    assert log_url not in client.get(reverse("hotline:index")).content.decode()


def test_a_double_clicked_send_sends_once(
    hotline_lead_client, conference, people, mailoutbox, django_capture_on_commit_callbacks
):
    page = hotline_lead_client.get(_url(conference))
    key = page.context["form"]["submission_key"].value()
    assert len(key) == 32
    data = CONTENT | {"send": "", "expected_count": 2, "submission_key": key}
    with django_capture_on_commit_callbacks(execute=True):
        first = hotline_lead_client.post(_url(conference), data)
        second = hotline_lead_client.post(_url(conference), data)

    assert first["Location"] == second["Location"]
    assert MassEmail.objects.count() == 1
    assert OutboxEmail.objects.filter(kind="mass_email").count() == 2
