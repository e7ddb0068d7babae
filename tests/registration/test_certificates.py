"""Certificates of attendance: after the event a checked-in attendee downloads a PDF (name,
event, dates, days attended) from the manage page; the hotline issues one for anyone
checked in. The tests read the PDF's text."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from registration.hotline.services import check_in
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def certificate_url(registration):
    return reverse("registration:certificate", args=[registration.manage_token])


@pytest.fixture
def ended():
    """A conference whose last day was yesterday; Wilma came on the first and last day."""
    start = timezone.localdate() - datetime.timedelta(days=3)
    conference = make_conference(
        start_date=start, title="MCE 2026 Wien", registration_opens_at=None
    )
    first, second, third = conference.days.all()
    person = make_registration(
        conference, days=[first, second, third], first_name="Wilma", last_name="Weiß"
    )
    person.title = "Dr."
    person.save()
    for day in (first, third):
        check_in(registration=person, day=day, by=None)
    return person


def test_a_checked_in_attendee_downloads_the_certificate_after_the_event(client, ended):
    page = client.get(ended.get_manage_url()).content.decode()
    assert certificate_url(ended) in page
    text = pdf_text(client.get(certificate_url(ended)))
    conference = ended.conference
    first, second, third = conference.days.all()
    assert "Certificate of attendance" in text
    assert "Dr. Wilma Weiß" in text and "MCE 2026 Wien" in text
    assert f"{conference.start_date:%-d %B %Y} – {conference.end_date:%-d %B %Y}" in text
    assert f"{first.date:%A, %-d %B %Y}" in text and f"{third.date:%A, %-d %B %Y}" in text
    assert f"{second.date:%A, %-d %B %Y}" not in text  # booked, but not checked in


def test_the_certificate_in_german(client, ended):
    text = pdf_text(client.get("/de" + certificate_url(ended)))
    assert "Teilnahmebescheinigung" in text and "Dr. Wilma Weiß" in text


def test_no_certificate_before_the_last_day(client):
    conference = make_conference(start_date=timezone.localdate(), days=2)
    person = make_registration(conference)
    check_in(registration=person, day=conference.days.first(), by=None)
    assert client.get(certificate_url(person)).status_code == 404
    assert certificate_url(person) not in client.get(person.get_manage_url()).content.decode()


def test_no_certificate_without_a_check_in(client, ended):
    absent = make_registration(ended.conference)
    assert client.get(certificate_url(absent)).status_code == 404


def test_the_hotline_issues_a_certificate_for_anyone_checked_in_at_any_time(
    client, django_user_model
):
    conference = make_conference(start_date=timezone.localdate(), days=2)
    person = make_registration(conference, last_name="Früh", language="de")
    absent = make_registration(conference)
    check_in(registration=person, day=conference.days.first(), by=None)
    user = django_user_model.objects.create_user("hotline", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Hotline"))
    client.force_login(user)
    change_page = client.get(reverse("hotline:registration_registration_change", args=[person.pk]))
    url = reverse("hotline:registration_certificate", args=[person.pk])
    assert url in change_page.content.decode()
    text = pdf_text(client.get(url))
    assert "Teilnahmebescheinigung" in text and "Früh" in text  # in the person's language
    refused = client.get(reverse("hotline:registration_certificate", args=[absent.pk]))
    assert refused.status_code == 404
