"""Invitation letters for visas: the attendee asks on the manage page with their passport
data; a hotline lead approves; the PDF on the organiser's letterhead is emailed and
downloadable; only hotline leads see passport data, and it is never in the lists exported."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from registration.self_service.models import InvitationLetter
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db

PASSPORT = {
    "passport_name": "NGUYEN THI MAI",
    "nationality": "VN",
    "passport_number": "C1234567",
    "arrival": "2027-02-20",
    "departure": "2027-02-26",
}
# The smallest PNG (1×1 pixel): a letterhead that WeasyPrint can draw.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def registration(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the uploaded letterhead
    conference = make_conference(
        title="MCE 2027 Leipzig",
        letter_sender="Major Cities of Europe e.V., Musterstraße 1, 04109 Leipzig",
        letter_signatory="Dr. Anna Muster, Secretary General",
        letterhead=SimpleUploadedFile("head.png", PNG, content_type="image/png"),
    )
    return make_registration(conference, first_name="Mai", last_name="Nguyen")


def staff_client(client, django_user_model, group):
    user = django_user_model.objects.create_user(group, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


def ask(client, registration, **overrides):
    url = reverse("registration:invitation_letter", args=[registration.manage_token])
    return client.post(url, PASSPORT | overrides, follow=True)


def pdf_text(content):
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_approved_letter_is_emailed_and_downloadable(
    client, registration, django_user_model, mailoutbox, sent
):
    assert "We have your request" in ask(client, registration).content.decode()
    download = reverse("registration:invitation_letter_pdf", args=[registration.manage_token])
    assert client.get(download).status_code == 404  # not before a lead approves
    lead = staff_client(client, django_user_model, "Hotline lead")
    with sent():
        lead.post(
            reverse("hotline:self_service_invitationletter_changelist"),
            {"action": "approve_letters", "_selected_action": [InvitationLetter.objects.get().pk]},
        )
    (message,) = mailoutbox
    assert message.to == [registration.email]
    name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf"
    text = pdf_text(content)
    for expected in (
        "Invitation letter",
        "NGUYEN THI MAI",
        "Vietnam",
        "C1234567",
        "20 February 2027 – 26 February 2027",
        "MCE 2027 Leipzig",
        "Musterstraße 1",
        "Dr. Anna Muster, Secretary General",
        registration.booking_reference,
    ):
        assert expected in text, expected
    client.logout()
    response = client.get(download)
    assert pdf_text(response.content) == text
    page = client.get(registration.get_manage_url()).content.decode()
    assert download in page


def test_the_letter_in_german(client, registration):
    ask(client, registration)
    letter = InvitationLetter.objects.get()
    letter.state = InvitationLetter.State.APPROVED
    letter.save()
    url = reverse("registration:invitation_letter_pdf", args=[registration.manage_token])
    text = pdf_text(client.get("/de" + url).content)
    assert "Einladungsschreiben" in text and "Reisepassnummer" in text


def test_a_departure_before_the_arrival_is_refused(client, registration):
    page = ask(client, registration, departure="2027-02-19").content.decode()
    assert "The departure cannot be before the arrival." in page
    assert not InvitationLetter.objects.exists()


def test_a_new_request_waits_for_approval_again(client, registration):
    ask(client, registration)
    InvitationLetter.objects.update(state=InvitationLetter.State.APPROVED)
    ask(client, registration, passport_number="C7654321")
    letter = InvitationLetter.objects.get()
    assert (letter.state, letter.passport_number) == ("requested", "C7654321")


def test_only_hotline_leads_see_passport_data(client, registration, django_user_model):
    ask(client, registration)
    letters = reverse("hotline:self_service_invitationletter_changelist")
    hotline = staff_client(client, django_user_model, "Hotline")
    assert hotline.get(letters).status_code == 403
    change = reverse("hotline:registration_registration_change", args=[registration.pk])
    assert "C1234567" not in hotline.get(change).content.decode()
    lead = staff_client(client, django_user_model, "Hotline lead")
    assert "NGUYEN THI MAI" in lead.get(letters).content.decode()
    export = lead.get(reverse("hotline:registration_export", args=["csv"]))
    assert export.status_code == 200
    exported = export.content.decode("utf-8-sig")
    assert registration.last_name in exported
    assert "C1234567" not in exported and "NGUYEN THI MAI" not in exported
