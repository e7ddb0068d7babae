"""Every change of a published session's time, room, title or state is recorded, whether made
in admin or by code (an import); shown on the changes page and feed in both languages; and
raises the session's SEQUENCE in the .ics files. A cancelled session stays listed."""

import datetime
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from conferences.models import Room, ScheduleChange, Session, SessionState
from tests.factories import make_session

pytestmark = pytest.mark.django_db


def _reload(session):
    return Session.objects.get(pk=session.pk)


def _url(name, conference, language="en"):
    with translation.override(language):
        return reverse(f"conferences:{name}", kwargs={"slug": conference.slug})


def test_a_new_time_is_recorded_marks_the_session_moved_and_raises_its_sequence(programme):
    keynote = _reload(programme["keynote"])
    old_start = keynote.starts_at
    keynote.starts_at += datetime.timedelta(hours=2)
    keynote.ends_at += datetime.timedelta(hours=2)
    keynote.save()
    change = ScheduleChange.objects.get()
    assert change.session == keynote
    assert change.before["starts_at"] == old_start.astimezone(datetime.UTC).isoformat()
    assert set(change.after) == {"starts_at", "ends_at", "state"}
    assert change.after["state"] == SessionState.MOVED
    assert change.sequence == 1
    assert _reload(keynote).sequence == 1
    assert change.notified_at is None


def test_room_title_and_state_changes_are_recorded_with_both_languages(programme, conference):
    keynote = _reload(programme["keynote"])
    keynote.room = Room.objects.create(conference=conference, name="Kleiner Saal")
    keynote.title_de = "IT-Steuerung"
    keynote.save()
    change = ScheduleChange.objects.get()
    assert change.before["room"] == "Großer Saal"
    assert change.after["room"] == "Kleiner Saal"
    assert change.after["title"] == {"en": "IT governance", "de": "IT-Steuerung"}
    keynote.state = SessionState.CANCELLED
    keynote.save()
    assert ScheduleChange.objects.count() == 2
    assert _reload(keynote).sequence == 2


def test_other_edits_drafts_and_new_sessions_record_nothing(programme):
    keynote = _reload(programme["keynote"])
    keynote.description = "More words."
    keynote.save()
    draft = _reload(programme["draft"])
    draft.starts_at += datetime.timedelta(hours=1)
    draft.ends_at += datetime.timedelta(hours=1)
    draft.save()
    make_session(programme["keynote"].conference, slug="brand-new")
    assert ScheduleChange.objects.count() == 0


def test_a_session_of_an_unpublished_conference_records_nothing(programme, conference):
    conference.is_published = False
    conference.save()
    keynote = _reload(programme["keynote"])
    keynote.state = SessionState.CANCELLED
    keynote.save()
    assert ScheduleChange.objects.count() == 0


def test_a_change_in_admin_is_recorded(admin_client, programme):
    keynote = programme["keynote"]
    url = reverse("admin:conferences_session_change", args=[keynote.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: field.widget.format_value(form.initial.get(name))
        if not hasattr(field.widget, "widgets")
        else None
        for name, field in form.fields.items()
    }
    local = keynote.starts_at.astimezone(keynote.conference.tzinfo)
    data.update(
        {
            "conference": keynote.conference_id,
            "day": keynote.day_id,
            "room": keynote.room_id,
            "topic": keynote.topic_id,
            "starts_at_0": local.date().isoformat(),
            "starts_at_1": "11:00",
            "ends_at_0": local.date().isoformat(),
            "ends_at_1": "12:00",
            "is_published": "on",
            "state": "scheduled",
            "appearances-TOTAL_FORMS": "0",
            "appearances-INITIAL_FORMS": "0",
            "materials-TOTAL_FORMS": "0",
            "materials-INITIAL_FORMS": "0",
        }
    )
    data = {k: v for k, v in data.items() if v is not None}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    change = ScheduleChange.objects.get()
    assert change.after["state"] == SessionState.MOVED


def test_changes_page_lists_changes_newest_first_in_english_and_german(
    client, conference, programme
):
    keynote = _reload(programme["keynote"])
    keynote.room = None
    keynote.save()
    keynote.state = SessionState.CANCELLED
    keynote.save()
    english = client.get(_url("changes", conference)).content.decode()
    assert "Now: Cancelled" in english
    assert "Room: Großer Saal → none" in english
    assert english.index("Now: Cancelled") < english.index("Room: Großer Saal")
    german = client.get(_url("changes", conference, "de")).content.decode()
    assert "Jetzt: Abgesagt" in german
    assert "Raum: Großer Saal → keiner" in german


def test_changes_page_is_not_under_the_programme_path(conference):
    assert _url("changes", conference) == f"/conferences/{conference.slug}/changes/"


def test_changes_feed_is_atom_in_the_language_of_the_address(client, conference, programme):
    keynote = _reload(programme["keynote"])
    keynote.state = SessionState.CANCELLED
    keynote.save()
    response = client.get(_url("changes_feed", conference, "de"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert [e.findtext("a:title", namespaces=ns) for e in entries] == ["Abgesagt: IT governance"]


def test_cancelled_session_stays_on_the_programme_marked_as_cancelled(
    client, conference, programme
):
    keynote = _reload(programme["keynote"])
    keynote.state = SessionState.CANCELLED
    keynote.save()
    page = client.get(_url("programme", conference)).content.decode()
    assert "IT governance" in page
    assert "session-cancelled" in page
    assert ">Cancelled</span>" in page


def test_ics_raises_sequence_and_marks_cancelled_sessions(client, conference, programme):
    keynote = _reload(programme["keynote"])
    keynote.starts_at += datetime.timedelta(hours=1)
    keynote.ends_at += datetime.timedelta(hours=1)
    keynote.save()
    keynote.state = SessionState.CANCELLED
    keynote.save()
    calendar = Calendar.from_ical(client.get(_url("programme_ics", conference)).content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert int(events["IT governance"]["sequence"]) == 2
    assert str(events["IT governance"]["status"]) == "CANCELLED"
    assert int(events["World Café"]["sequence"]) == 0
    assert str(events["World Café"]["status"]) == "CONFIRMED"


def test_shifting_demo_data_is_no_news(conference, programme):
    from conferences.demo import shift_demo_editions

    conference.is_demo = True
    conference.save()
    shift_demo_editions(today=conference.start_date)
    assert ScheduleChange.objects.count() == 0


def test_a_session_read_again_compares_with_what_is_stored(programme):
    keynote = programme["keynote"]
    Session.objects.filter(pk=keynote.pk).update(state=SessionState.CANCELLED)
    keynote.refresh_from_db()
    keynote.save()  # nothing changed since it was read again
    assert ScheduleChange.objects.count() == 0


def test_the_open_data_benchmark_prints_a_row_per_export(capsys):
    from django.core.management import call_command

    call_command("bench_open_data", sessions=3, repeat=1)
    out = capsys.readouterr().out
    for name in ("programme_json", "frab_xml", "frab_json", "xcal", "programme_pdf", "api"):
        assert name in out
    assert Session.objects.filter(conference__slug__startswith="bench-").count() == 0
