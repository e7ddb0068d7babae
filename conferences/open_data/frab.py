"""The frab schedule formats (schedule.xml and schedule.json) that pretalx and frab export and
schedule apps (Giggity, ConfClerk, the Fahrplan apps), venue screens and video teams read.
Defined by the c3voc validator (copies in schemas/); written in the active language.

A session is an "event"; our rooms are frab rooms (sessions without a room are listed under
the venue); our topics are frab tracks, our session kinds frab types."""

import datetime
import json
import uuid
from xml.etree import ElementTree

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from .loading import absolute, duration_hhmm, url_in
from .programme_json import material_fields

FRAB_VERSION_PREFIX = "1"
GUID_NAMESPACE = uuid.NAMESPACE_URL


def _guid(kind, pk):
    # Stable across exports and languages: apps match events by guid when a schedule changes.
    return str(uuid.uuid5(GUID_NAMESPACE, f"{settings.SITE_URL}/{kind}/{pk}"))


def acronym(conference):
    # Both schemas want lower-case letters, digits and underscores (the JSON one no hyphens).
    return conference.slug.replace("-", "_")


def schedule_version(data):
    """Changes whenever a session changes: apps show "new version" from this string."""
    revisions = sum(session.sequence for session in data.sessions)
    return f"{FRAB_VERSION_PREFIX}.{len(data.sessions)}.{revisions}"


def _day_bounds(data):
    """(index, day, start, end) per day that has sessions, start and end in local time."""
    tz = data.conference.tzinfo
    bounds = []
    for index, day in enumerate(data.days, start=1):
        sessions = [s for s in data.sessions if s.day_id == day.pk]
        if sessions:
            start = min(s.starts_at for s in sessions)
            end = max(s.ends_at for s in sessions)
        else:
            start = datetime.datetime.combine(day.date, datetime.time(0), tzinfo=tz)
            end = start + datetime.timedelta(days=1)
        bounds.append((index, day, timezone.localtime(start, tz), timezone.localtime(end, tz)))
    return bounds


def _room_name(session, conference):
    return session.room.name if session.room else (conference.venue_name or conference.title)


def _event(session, conference):
    tz = conference.tzinfo
    start = timezone.localtime(session.starts_at, tz)
    materials = [material_fields(m, session) for m in session.materials.all()]
    language = get_language()
    return {
        "id": session.pk,
        "guid": _guid("session", session.pk),
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "end": timezone.localtime(session.ends_at, tz).isoformat(),
        "duration": duration_hhmm(session),
        "room": _room_name(session, conference),
        "slug": f"{acronym(conference)}-{session.pk}-{session.slug}".lower()[:180].rstrip("-_"),
        "url": absolute(session.get_absolute_url()),
        "title": _title(session),
        "subtitle": "",
        "track": session.topic.title if session.topic else None,
        "type": session.get_kind_display(),
        "language": language,
        "abstract": session.description,
        "description": "",
        "persons": [
            {
                "name": a.speaker.full_name,
                "public_name": a.speaker.full_name,
                "guid": _guid("speaker", a.speaker.pk),
                "biography": a.speaker.bio or None,
                "url": absolute(a.speaker.get_absolute_url()),
            }
            for a in session.appearances.all()
        ],
        "links": [
            {"type": m["kind"], "url": m["url"], "title": m["title"][language]} for m in materials
        ],
        "attachments": [],
    }


def _title(session):
    if session.is_cancelled:
        return f"{session.title} ({session.get_state_display()})"
    return session.title


def _events_by_day_and_room(data):
    """{day_pk: {room name: [event, ...]}} in programme order."""
    conference = data.conference
    grouped = {day.pk: {} for day in data.days}
    for session in data.sessions:
        rooms = grouped.setdefault(session.day_id, {})
        rooms.setdefault(_room_name(session, conference), []).append((session, conference))
    return grouped


def _conference_fields(data):
    conference = data.conference
    tracks = [
        {"name": topic.title, "slug": topic.slug.lower(), "color": None} for topic in data.topics
    ]
    return conference, tracks


def schedule_json(data):
    """The frab schedule.json document (a dict)."""
    conference, tracks = _conference_fields(data)
    grouped = _events_by_day_and_room(data)
    days = []
    for index, day, start, end in _day_bounds(data):
        rooms = {
            name: [_event(session, conf) for session, conf in items]
            for name, items in grouped.get(day.pk, {}).items()
        }
        days.append(
            {
                "index": index,
                "date": day.date.isoformat(),
                "day_start": start.isoformat(),
                "day_end": end.isoformat(),
                "rooms": rooms,
            }
        )
    room_names = sorted({_room_name(s, conference) for s in data.sessions})
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": settings.NETWORK_NAME, "url": settings.SITE_URL},
        "schedule": {
            "version": schedule_version(data),
            "base_url": settings.SITE_URL + "/",
            "url": url_in(get_language(), "conferences:frab_json", slug=conference.slug),
            "conference": {
                "acronym": acronym(conference),
                "title": conference.title,
                "description": conference.motto,
                "start": conference.start_date.isoformat(),
                "end": conference.end_date.isoformat(),
                "daysCount": len(data.days),
                "timeslot_duration": "00:15",
                "time_zone_name": conference.time_zone,
                "url": absolute(conference.get_absolute_url()),
                "tracks": [{k: v for k, v in t.items() if v is not None} for t in tracks],
                "rooms": [{"name": name, "guid": _guid("room", name)} for name in room_names],
                "days": days,
            },
        },
    }


def render_json(document):
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def _add(parent, tag, text=None, **attributes):
    element = ElementTree.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    if text is not None:
        element.text = str(text)
    return element


def schedule_xml(data):
    """The frab schedule.xml document (bytes, UTF-8)."""
    conference, tracks = _conference_fields(data)
    grouped = _events_by_day_and_room(data)
    root = ElementTree.Element("schedule")
    _add(root, "generator", name=settings.NETWORK_NAME, system=settings.SITE_URL)
    _add(root, "url", url_in(get_language(), "conferences:frab_xml", slug=conference.slug))
    _add(root, "version", schedule_version(data))
    head = _add(root, "conference")
    _add(head, "title", conference.title)
    _add(head, "acronym", acronym(conference))
    _add(head, "start", conference.start_date.isoformat())
    _add(head, "end", conference.end_date.isoformat())
    _add(head, "days", len(data.days))
    _add(head, "timeslot_duration", "00:15")
    _add(head, "base_url", settings.SITE_URL + "/")
    _add(head, "url", absolute(conference.get_absolute_url()))
    _add(head, "time_zone_name", conference.time_zone)
    for track in tracks:
        _add(head, "track", name=track["name"], slug=track["slug"])
    for index, day, start, end in _day_bounds(data):
        day_element = _add(
            root,
            "day",
            date=day.date.isoformat(),
            start=start.isoformat(),
            end=end.isoformat(),
            index=index,
        )
        for name, items in grouped.get(day.pk, {}).items():
            room = _add(day_element, "room", name=name, guid=_guid("room", name))
            for session, conf in items:
                _event_xml(room, _event(session, conf))
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _event_xml(room, event):
    element = _add(room, "event", id=event["id"], guid=event["guid"])
    for tag in ("date", "start", "duration", "room", "title", "subtitle", "type", "language"):
        _add(element, tag, event[tag])
    _add(element, "track", event["track"] or "")
    _add(element, "abstract", event["abstract"])
    _add(element, "description", event["description"])
    _add(element, "url", event["url"])
    persons = _add(element, "persons")
    for person in event["persons"]:
        _add(persons, "person", person["name"], guid=person["guid"])
    links = _add(element, "links")
    for link in event["links"]:
        _add(links, "link", link["title"], href=link["url"], type=link["type"])
    _add(element, "attachments")
