"""The personal agenda: the registrant marks sessions on the manage page (no login), their
calendar file then holds the marked sessions only, and organisers see per session how many
people plan to come beside the room's capacity."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from icalendar import Calendar

from conferences.models import Room
from registration.models import Registration
from registration.self_service.models import AgendaMark
from tests.factories import make_conference, make_registration, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    conference = make_conference()
    opening, second, _third = conference.days.all()
    small = Room.objects.create(conference=conference, name="Small hall", capacity=1)
    return {
        "conference": conference,
        "keynote": make_session(conference, day=opening, title="Keynote", start_hour=9),
        "panel": make_session(conference, day=opening, title="Panel", start_hour=11, room=small),
        "elsewhere": make_session(conference, day=second, title="Second day talk"),
        "opening": opening,
    }


def agenda_url(registration):
    return reverse("registration:agenda", kwargs={"token": registration.manage_token})


def calendar_titles(client, registration):
    response = client.get(reverse("registration:calendar", args=[registration.manage_token]))
    return {str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_manage_page_offers_the_sessions_of_the_days_held(client, programme):
    registration = make_registration(programme["conference"], days=[programme["opening"]])
    page = client.get(registration.get_manage_url()).content.decode()
    assert 'id="agenda-form"' in page
    assert "Keynote" in page and "Panel" in page
    assert "Second day talk" not in page


def test_marked_sessions_replace_the_whole_day_in_the_calendar(client, programme):
    registration = make_registration(programme["conference"], days=[programme["opening"]])
    assert calendar_titles(client, registration) == {"Keynote", "Panel"}
    response = client.post(agenda_url(registration), {"sessions": [programme["panel"].pk]})
    assert response.status_code == 302
    assert calendar_titles(client, registration) == {"Panel"}
    client.post(agenda_url(registration), {})  # nothing marked: the whole days again
    assert calendar_titles(client, registration) == {"Keynote", "Panel"}


def test_a_session_of_a_day_not_held_cannot_be_marked(client, programme):
    registration = make_registration(programme["conference"], days=[programme["opening"]])
    response = client.post(agenda_url(registration), {"sessions": [programme["elsewhere"].pk]})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not AgendaMark.objects.exists()


def test_only_confirmed_registrations_keep_an_agenda(client, programme):
    registration = make_registration(
        programme["conference"], days=[programme["opening"]], status="pending"
    )
    assert 'id="agenda-form"' not in client.get(registration.get_manage_url()).content.decode()
    client.post(agenda_url(registration), {"sessions": [programme["panel"].pk]})
    assert not AgendaMark.objects.exists()


def test_organisers_see_interest_beside_the_room_capacity(client, programme, django_user_model):
    conference, panel = programme["conference"], programme["panel"]
    for _ in range(2):
        person = make_registration(conference, days=[programme["opening"]])
        client.post(agenda_url(person), {"sessions": [panel.pk]})
    gone = make_registration(conference, days=[programme["opening"]])
    client.post(agenda_url(gone), {"sessions": [panel.pk]})
    Registration.objects.filter(pk=gone.pk).update(status="cancelled")  # no longer comes
    organiser = django_user_model.objects.create_user("organiser", password="pw", is_staff=True)
    organiser.groups.add(Group.objects.get(name="Organisers"))
    client.force_login(organiser)
    url = reverse("admin:self_service_sessioninterest_changelist")
    page = client.get(url, {"conference__id__exact": conference.pk}).content.decode()
    row = page[page.index(">Panel<") :].split("</tr>")[0]
    assert '<td class="field-room_capacity">1</td>' in row
    assert '<td class="field-interested">2</td>' in row
    assert "no: more interested than seats" in row
    keynote = page[page.index(">Keynote<") :].split("</tr>")[0]
    assert '<td class="field-interested">0</td>' in keynote
