"""Anonymising old conferences, and one person's data exported and erased on request."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from registration.hotline.models import CallLog
from registration.hotline.queries import status_counts
from registration.hotline.services import log_call
from registration.models import Registration
from registration.outbox.models import EmailEvent
from registration.self_service.models import AgendaMark
from registration.services import request_email_change, request_invitation_letter
from tests.factories import make_conference, make_registration, make_session
from tests.outbox.factories import make_outbox_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_conference():
    start = timezone.localdate() - datetime.timedelta(days=400)
    return make_conference(start_date=start, registration_opens_at=None)


def test_command_anonymises_only_conferences_ended_long_enough_ago(
    old_conference, conference, hotline_user
):
    old = make_registration(old_conference, last_name="Alt", phone="+43171894760", gala_dinner=True)
    old.city = "Linz"
    old.save()  # a second history row
    log_call(registration=old, staff_user=hotline_user, channel="phone", text="Frau Alt ruft an")
    recent = make_registration(conference, last_name="Neu")
    counts_before = status_counts(old_conference)

    call_command("anonymise_registrations", "--days", "365")

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.first_name == "Anonymised"
    assert old.last_name == old.organisation == old.city == ""
    assert old.email == f"anonymised-{old.pk}@invalid.invalid"
    assert str(old.phone or "") == ""
    assert old.anonymised_at is not None
    assert (old.status, old.country.code, old.gala_dinner) == ("confirmed", "DE", True)
    assert old.days.count() == 1
    assert status_counts(old_conference) == counts_before
    assert set(old.history.values_list("last_name", "city")) == {("", "")}
    assert CallLog.objects.get().text == ""
    assert recent.last_name == "Neu"


def test_command_keeps_conferences_within_the_period(old_conference):
    registration = make_registration(old_conference, last_name="Bleibt")
    call_command("anonymise_registrations", "--days", "500")
    registration.refresh_from_db()
    assert registration.last_name == "Bleibt"


def test_personal_data_export_holds_everything_about_the_person(
    hotline_lead_client, hotline_user, conference
):
    registration = make_registration(conference, last_name="Auskunft")
    log_call(registration=registration, staff_user=hotline_user, channel="email", text="Fragt")
    make_outbox_email(registration, kind="confirmed", state="failed", last_error="550 no user")
    url = reverse("hotline:registration_personal_data", args=[registration.pk])
    response = hotline_lead_client.get(url)
    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert data["registration"]["last_name"] == "Auskunft"
    assert data["registration"]["days"] == [conference.days.first().date.isoformat()]
    assert data["call_log"][0]["text"] == "Fragt"
    assert data["history"][0]["last_name"] == "Auskunft"
    assert [(e["kind"], e["last_error"]) for e in data["emails"]] == [("confirmed", "550 no user")]
    assert "manage_token" not in data["registration"]
    assert "confirm_token" not in data["registration"]  # personal links stay secrets


def test_personal_data_export_holds_the_agenda_a_requested_address_and_passport_data(
    hotline_lead_client, conference
):
    registration = make_registration(conference)
    session = make_session(conference, title="Smart city panel")
    AgendaMark.objects.create(registration=registration, session=session)
    request_email_change(registration=registration, new_email="neu@example.org")
    passport = {
        "passport_name": "MAI",
        "nationality": "VN",
        "passport_number": "C1",
        "arrival": datetime.date(2027, 2, 1),
        "departure": datetime.date(2027, 2, 3),
    }
    request_invitation_letter(registration=registration, passport=passport)
    url = reverse("hotline:registration_personal_data", args=[registration.pk])
    data = json.loads(hotline_lead_client.get(url).content)
    assert data["agenda"] == ["Smart city panel"]
    assert [c["new_email"] for c in data["email_change_requested"]] == ["neu@example.org"]
    assert data["invitation_letter"] == [
        passport | {"arrival": "2027-02-01", "departure": "2027-02-03"}
    ]


def test_erase_refuses_an_active_registration(hotline_lead_client, conference):
    registration = make_registration(conference, last_name="Aktiv")
    hotline_lead_client.post(reverse("hotline:registration_erase", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.last_name == "Aktiv"


def test_erase_anonymises_a_cancelled_registration(hotline_lead_client, conference):
    registration = make_registration(conference, last_name="Weg", status="cancelled")
    email = make_outbox_email(registration, state="failed", last_error="550 <weg@example.org>")
    EmailEvent.objects.create(
        email=email, kind="bounced", happened_at=timezone.now(), detail="weg@example.org unknown"
    )
    response = hotline_lead_client.post(
        reverse("hotline:registration_erase", args=[registration.pk])
    )
    registration.refresh_from_db()
    assert response.status_code == 302
    assert registration.last_name == ""
    assert registration.anonymised_at is not None
    assert not registration.outbox_emails.exists()  # with the provider's texts quoting the address
    assert not EmailEvent.objects.filter(detail__contains="weg@").exists()
    assert Registration.objects.filter(conference=conference).count() == 1


def test_export_and_erase_need_the_permission(client, django_user_model, conference):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["use_back_office", "view_registration"])
    )
    client.force_login(user)
    registration = make_registration(conference, status="cancelled")
    for name in ("registration_personal_data", "registration_erase"):
        assert client.get(reverse(f"hotline:{name}", args=[registration.pk])).status_code == 403


def test_call_log_is_added_from_the_registration_page(hotline_client, conference):
    registration = make_registration(conference)
    url = reverse("hotline:registration_registration_change", args=[registration.pk])
    form = hotline_client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data |= {
        "country": "DE",
        "language": "en",
        "call_logs-TOTAL_FORMS": "1",
        "call_logs-INITIAL_FORMS": "0",
        "call_logs-0-channel": "fax",
        "call_logs-0-text": "Fax mit Änderungswunsch",
        "check_ins-TOTAL_FORMS": "0",
        "check_ins-INITIAL_FORMS": "0",
    }
    data = {key: value for key, value in data.items() if value is not False}
    response = hotline_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = CallLog.objects.get()
    assert (entry.channel, entry.text, entry.staff_user.username) == (
        "fax",
        "Fax mit Änderungswunsch",
        "hotline",
    )


def test_benchmark_refuses_sqlite():
    if connection.vendor == "postgresql":
        pytest.skip("the refusal is for SQLite")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench_hotline_search", "--count", "10")
