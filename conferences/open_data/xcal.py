"""xCal (RFC 6321): the programme as iCalendar in XML, for tools that read XML rather than
.ics. Same UIDs, SEQUENCE and STATUS as the .ics files (conferences/calendars.py), so a
client may switch between the two; times in UTC, which needs no time zone component."""

import datetime
from xml.etree import ElementTree

from django.conf import settings
from django.utils import timezone

from ..calendars import session_uid
from .loading import absolute

NAMESPACE = "urn:ietf:params:xml:ns:icalendar-2.0"


def _utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _property(parent, name, value_type, value):
    prop = ElementTree.SubElement(parent, f"{{{NAMESPACE}}}{name}")
    ElementTree.SubElement(prop, f"{{{NAMESPACE}}}{value_type}").text = str(value)
    return prop


def xcal_document(data):
    """The whole programme as one xCal document (bytes, UTF-8), in the active language."""
    ElementTree.register_namespace("", NAMESPACE)
    conference = data.conference
    root = ElementTree.Element(f"{{{NAMESPACE}}}icalendar")
    calendar = ElementTree.SubElement(root, f"{{{NAMESPACE}}}vcalendar")
    properties = ElementTree.SubElement(calendar, f"{{{NAMESPACE}}}properties")
    _property(properties, "prodid", "text", f"-//{settings.NETWORK_NAME}//Conference programme//EN")
    _property(properties, "version", "text", "2.0")
    _property(properties, "calscale", "text", "GREGORIAN")
    _property(properties, "x-wr-calname", "unknown", conference.title)
    components = ElementTree.SubElement(calendar, f"{{{NAMESPACE}}}components")
    stamp = _utc(timezone.now())
    for session in data.sessions:
        _event(components, session, conference, stamp)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _event(components, session, conference, stamp):
    event = ElementTree.SubElement(components, f"{{{NAMESPACE}}}vevent")
    properties = ElementTree.SubElement(event, f"{{{NAMESPACE}}}properties")
    _property(properties, "uid", "text", session_uid(session))
    _property(properties, "dtstamp", "date-time", stamp)
    _property(properties, "dtstart", "date-time", _utc(session.starts_at))
    _property(properties, "dtend", "date-time", _utc(session.ends_at))
    _property(properties, "sequence", "integer", session.sequence)
    _property(properties, "status", "text", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    _property(properties, "summary", "text", session.title)
    location = ", ".join(
        p for p in (session.room.name if session.room else "", conference.venue_name) if p
    )
    if location:
        _property(properties, "location", "text", location)
    if session.description:
        _property(properties, "description", "text", session.description)
    _property(properties, "url", "uri", absolute(session.get_absolute_url()))
    _property(properties, "categories", "text", session.get_kind_display())
