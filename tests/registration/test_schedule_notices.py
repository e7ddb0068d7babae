"""Registrants who will attend a changed session are emailed once per run, in their own
language, with the changes and an updated calendar; nobody else is, and nobody twice."""

import datetime

import pytest
from django.core.management import call_command
from icalendar import Calendar

from conferences.models import ScheduleChange, Session, SessionKind, SessionState
from registration.models import Registration
from registration.schedule_notices import notify_schedule_changes
from tests.factories import make_registration, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(conference):
    days = list(conference.days.all())
    return {
        "opening": make_session(conference, day=days[0], slug="opening", title="Opening"),
        "day_two": make_session(conference, day=days[1], slug="day-two", title="Day two"),
        "dinner": make_session(
            conference,
            day=days[1],
            slug="dinner",
            title="Gala dinner",
            kind=SessionKind.SOCIAL,
            start_hour=19,
        ),
    }


def _change(session, **fields):
    session = Session.objects.get(pk=session.pk)
    for name, value in fields.items():
        setattr(session, name, value)
    session.save()
    return session


def _later(session, hours=1):
    delta = datetime.timedelta(hours=hours)
    return {"starts_at": session.starts_at + delta, "ends_at": session.ends_at + delta}


def test_only_confirmed_registrants_of_the_sessions_day_are_told(
    conference, sessions, mailoutbox, sent
):
    days = list(conference.days.all())
    opening_day = make_registration(conference, email="opening@example.org", days=days[:1])
    make_registration(conference, email="second@example.org", days=days[1:2])
    make_registration(
        conference,
        email="pending@example.org",
        days=days[:1],
        status=Registration.Status.PENDING,
    )
    _change(sessions["opening"], **_later(sessions["opening"]))
    with sent():
        assert notify_schedule_changes() == 1
    assert [m.to for m in mailoutbox] == [[opening_day.email]]


def test_one_email_per_registrant_for_many_changes_and_none_the_next_run(
    conference, sessions, mailoutbox, sent
):
    make_registration(conference, days=list(conference.days.all()), gala_dinner=True)
    _change(sessions["opening"], state=SessionState.CANCELLED)
    _change(sessions["day_two"], **_later(sessions["day_two"]))
    with sent():
        notify_schedule_changes()
        notify_schedule_changes()
    assert len(mailoutbox) == 1
    assert "Opening" in mailoutbox[0].body and "Day two" in mailoutbox[0].body
    assert not ScheduleChange.objects.filter(notified_at__isnull=True).exists()


def test_the_gala_dinner_concerns_only_those_who_booked_it(conference, sessions, mailoutbox, sent):
    days = list(conference.days.all())
    diner = make_registration(conference, email="diner@example.org", days=days, gala_dinner=True)
    make_registration(conference, email="nodinner@example.org", days=days, gala_dinner=False)
    _change(sessions["dinner"], **_later(sessions["dinner"]))
    with sent():
        notify_schedule_changes()
    assert [m.to for m in mailoutbox] == [[diner.email]]


def test_the_email_is_in_the_registrants_language_with_the_changes_and_a_new_calendar(
    conference, sessions, mailoutbox, sent
):
    make_registration(conference, days=list(conference.days.all())[:1], language="de")
    opening = Session.objects.get(pk=sessions["opening"].pk)
    opening.title_de = "Eröffnung"
    opening.save()
    _change(opening, state=SessionState.CANCELLED)
    with sent():
        notify_schedule_changes()
    message = mailoutbox[0]
    assert message.subject.startswith("Programmänderung")
    assert "Eröffnung" in message.body
    assert "Jetzt: Abgesagt" in message.body
    assert f"/de/conferences/{conference.slug}/changes/" in message.body
    html, _ = message.alternatives[0]
    assert "Eröffnung" in html
    filename, calendar_bytes, _ = message.attachments[0]
    events = Calendar.from_ical(calendar_bytes).walk("VEVENT")
    cancelled = next(e for e in events if str(e["summary"]) == "Eröffnung")
    assert str(cancelled["status"]) == "CANCELLED"
    assert int(cancelled["sequence"]) == 2  # the new German title, then the cancellation


def test_nothing_is_sent_when_nothing_changed(conference, sessions, mailoutbox, sent):
    make_registration(conference)
    with sent():
        assert notify_schedule_changes() == 0
    assert mailoutbox == []


def test_the_cron_command_tells_and_reports(conference, sessions, mailoutbox, sent, capsys):
    make_registration(conference, days=list(conference.days.all())[:1])
    _change(sessions["opening"], state=SessionState.CANCELLED)
    with sent():
        call_command("notify_schedule_changes")
    assert "1 schedule change email(s) queued." in capsys.readouterr().out
    assert len(mailoutbox) == 1
