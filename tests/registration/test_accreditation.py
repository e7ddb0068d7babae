"""Press accreditation: journalists (a press category) wait for a press officer, who approves
or declines with a note; the registrant sees the state on their page and in emails and is
emailed the decision; accredited journalists make the press list."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from registration import services
from registration.hotline.personal_data import erase_personal_data
from registration.models import Registration
from registration.services.accreditation import approve_accreditation
from tests.factories import make_registration, registration_data

pytestmark = pytest.mark.django_db

Accreditation = Registration.Accreditation


@pytest.fixture
def press(conference):
    return conference.participant_categories.get(is_press=True)


@pytest.fixture
def journalist(conference, press, sent):
    data = registration_data(conference, category=press, last_name="Schreiber")
    with sent():
        registration = services.submit_registration(conference=conference, data=data, language="en")
    return registration


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user("press", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Press officer"))
    return user


def _decide_url(registration):
    return reverse("admin:registration_pressaccreditation_change", args=[registration.pk])


def test_a_press_registration_waits_for_accreditation_and_says_so(
    client, conference, journalist, mailoutbox
):
    assert journalist.press_accreditation == Accreditation.PENDING
    assert "Press accreditation: Waiting for approval by the press office" in mailoutbox[0].body
    page = client.get(journalist.get_manage_url()).content.decode()
    assert "Waiting for approval by the press office" in page


def test_other_registrations_need_no_accreditation(conference, sent, mailoutbox, client):
    with sent():
        registration = services.submit_registration(
            conference=conference, data=registration_data(conference), language="en"
        )
    assert registration.press_accreditation == Accreditation.NOT_NEEDED
    assert "Press accreditation" not in mailoutbox[0].body
    assert "Press accreditation" not in client.get(registration.get_manage_url()).content.decode()


def test_the_press_officer_approves_with_a_note_and_the_journalist_is_emailed(
    client, officer, journalist, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _decide_url(journalist),
            {"decision": "approve", "note": "Pick up your badge at desk 3."},
        )

    assert response.status_code == 302
    journalist.refresh_from_db()
    assert journalist.press_accreditation == Accreditation.APPROVED
    assert journalist.accreditation_decided_by == officer
    assert journalist.history.first().history_user == officer
    [email] = mailoutbox
    assert email.to == [journalist.email]
    assert email.subject.startswith("Press accreditation confirmed")
    assert "Pick up your badge at desk 3." in email.body
    assert "Press accreditation: Accredited" in email.body
    page = client.get(journalist.get_manage_url()).content.decode()
    assert "Accredited" in page and "Pick up your badge at desk 3." in page


def test_declining_needs_a_note_which_the_registrant_gets_in_german(
    client, officer, conference, press, sent, mailoutbox, django_capture_on_commit_callbacks
):
    data = registration_data(conference, category=press)
    with sent():
        journalist = services.submit_registration(conference=conference, data=data, language="de")
    client.force_login(officer)

    refused = client.post(_decide_url(journalist), {"decision": "decline", "note": ""})
    assert refused.status_code == 200
    assert "Tell the registrant why" in refused.content.decode()
    journalist.refresh_from_db()
    assert journalist.press_accreditation == Accreditation.PENDING

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_decide_url(journalist), {"decision": "decline", "note": "Kein Presseausweis."})
    journalist.refresh_from_db()
    assert journalist.press_accreditation == Accreditation.DECLINED
    assert journalist.status == Registration.Status.PENDING  # the booking stays as it was
    [email] = mailoutbox
    assert "Kein Presseausweis." in email.body
    assert "Presse-Akkreditierung: Nicht akkreditiert" in email.body


def test_the_press_list_shows_accredited_journalists_and_no_other_registrant(
    client, officer, conference, journalist
):
    other = make_registration(conference, last_name="Nichtpresse")
    approve_accreditation(registration=journalist, by=officer)
    client.force_login(officer)
    url = reverse("admin:registration_pressaccreditation_changelist")

    press_list = client.get(url, {"press_accreditation__exact": "approved"}).content.decode()

    assert "Schreiber" in press_list
    assert "Press list: accredited journalists" in press_list
    assert other.last_name not in client.get(url).content.decode()
    assert client.get(_decide_url(other)).status_code == 302  # not a press registration


def test_only_press_officers_see_or_decide(client, django_user_model, journalist):
    organiser = django_user_model.objects.create_user("orga", password="pw", is_staff=True)
    organiser.groups.add(Group.objects.get(name="Organisers"))
    hotline = django_user_model.objects.create_user("desk", password="pw", is_staff=True)
    hotline.groups.add(Group.objects.get(name="Hotline"))
    for user in (organiser, hotline):
        client.force_login(user)
        url = reverse("admin:registration_pressaccreditation_changelist")
        assert client.get(url).status_code == 403
        assert client.get(_decide_url(journalist)).status_code == 403
        response = client.post(_decide_url(journalist), {"decision": "approve", "note": ""})
        assert response.status_code == 403
    journalist.refresh_from_db()
    assert journalist.press_accreditation == Accreditation.PENDING


def test_a_cancelled_registration_cannot_be_accredited(client, officer, journalist):
    services.cancel_registration(registration=journalist)
    client.force_login(officer)
    response = client.post(_decide_url(journalist), {"decision": "approve", "note": ""})
    assert "Only active registrations can be accredited." in response.content.decode()
    journalist.refresh_from_db()
    assert journalist.press_accreditation == Accreditation.PENDING


def test_the_note_is_erased_with_the_person(officer, journalist):
    approve_accreditation(registration=journalist, note="Schreiber, Kurier", by=officer)
    services.cancel_registration(registration=journalist)
    erase_personal_data(registration=Registration.objects.get(pk=journalist.pk))
    journalist.refresh_from_db()
    assert journalist.accreditation_note == ""
    assert "Schreiber" not in str(list(journalist.history.values_list("accreditation_note")))
