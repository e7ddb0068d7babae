"""programme.json: the whole programme in English and German, in our own documented format
(schemas/programme-v1.schema.json). A change that breaks readers gets a new major version
and a new schema file; additions keep the version's major number."""

import datetime
import json
from pathlib import Path

from django.urls import reverse
from django.utils import timezone, translation

from ..models import SessionKind
from .loading import absolute, in_both_languages, url_in

SCHEMA_VERSION = "1.0"
SCHEMA_PATH = Path(__file__).parent / "schemas" / "programme-v1.schema.json"
LANGUAGES = ("en", "de")


def programme_document(data, *, schema_url):
    conference = data.conference
    slug = conference.slug
    return {
        "$schema": schema_url,
        "schema_version": SCHEMA_VERSION,
        "generated_at": _utc(timezone.now()),
        "conference": _conference(conference),
        "days": [_day(day) for day in data.days],
        "rooms": [{"id": r.pk, "name": r.name, "capacity": r.capacity} for r in data.rooms],
        "kinds": [{"id": kind.value, "name": _label_in_both(kind.label)} for kind in SessionKind],
        "topics": [_topic(topic, slug) for topic in data.topics],
        "speakers": [_speaker(speaker) for speaker in data.speakers],
        "sessions": [_session(session, conference) for session in data.sessions],
        "world_cafe_tables": [_table(table) for table in data.tables],
        "links": export_links(slug),
    }


def render(document):
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def export_links(slug):
    """Where every format of this programme lives (absolute URLs)."""
    return {
        "html": _pages("conferences:programme", slug=slug),
        "changes": _pages("conferences:changes", slug=slug),
        "programme_json": url_in("en", "conferences:programme_json", slug=slug),
        "ics": url_in("en", "conferences:programme_ics", slug=slug),
        "frab_xml": _pages("conferences:frab_xml", slug=slug),
        "frab_json": _pages("conferences:frab_json", slug=slug),
        "xcal": _pages("conferences:xcal", slug=slug),
        "pdf": _pages("conferences:programme_pdf", slug=slug),
        "api": absolute(reverse("api:get_conference", kwargs={"slug": slug})),
    }


def _pages(name, **kwargs):
    return {language: url_in(language, name, **kwargs) for language in LANGUAGES}


def _label_in_both(label):
    result = {}
    for language in LANGUAGES:
        with translation.override(language):
            result[language] = str(label)
    return result


def _utc(moment):
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def _moment(moment, tz):
    return {"local": timezone.localtime(moment, tz).isoformat(), "utc": _utc(moment)}


def _conference(conference):
    return {
        "slug": conference.slug,
        "title": in_both_languages(conference, "title"),
        "motto": in_both_languages(conference, "motto"),
        "start_date": conference.start_date.isoformat(),
        "end_date": conference.end_date.isoformat(),
        "time_zone": conference.time_zone,
        "host": in_both_languages(conference, "host_name"),
        "venue": {
            "name": in_both_languages(conference, "venue_name"),
            "address": in_both_languages(conference, "venue_address"),
            "latitude": _number(conference.venue_latitude),
            "longitude": _number(conference.venue_longitude),
        },
        "urls": _pages("conferences:detail", slug=conference.slug),
    }


def _number(value):
    return float(value) if value is not None else None


def _day(day):
    return {
        "date": day.date.isoformat(),
        "name": in_both_languages(day, "name"),
        "audience": day.audience,
    }


def _topic(topic, slug):
    return {
        "slug": topic.slug,
        "number": topic.number,
        "title": in_both_languages(topic, "title"),
        "lead_question": in_both_languages(topic, "lead_question"),
        "description": in_both_languages(topic, "description"),
        "urls": _pages("conferences:topic", slug=slug, topic_slug=topic.slug),
    }


def public_speaker_fields(speaker):
    """What the site shows of a speaker, shared by programme.json and the API."""
    return {
        "slug": speaker.slug,
        "name": speaker.full_name,
        "academic_title": speaker.academic_title,
        "first_name": speaker.first_name,
        "last_name": speaker.last_name,
        "role": in_both_languages(speaker, "role"),
        "organisation": speaker.organisation,
        "city": speaker.city,
        "country": str(speaker.country) or None,
        "bio": in_both_languages(speaker, "bio"),
        "photo": absolute(speaker.photo.url) if speaker.photo else None,
    }


def _speaker(speaker):
    fields = public_speaker_fields(speaker)
    fields["urls"] = _pages("conferences:speaker", speaker_slug=speaker.slug)
    return fields


def material_fields(material, session):
    if material.file:
        url = url_in(
            "en",
            "conferences:material",
            slug=session.conference.slug,
            session_slug=session.slug,
            pk=material.pk,
        )
    else:
        url = material.url
    return {"kind": material.kind, "title": in_both_languages(material, "title"), "url": url}


def _session(session, conference):
    tz = conference.tzinfo
    slug = conference.slug
    minutes = int((session.ends_at - session.starts_at) / datetime.timedelta(minutes=1))
    return {
        "id": session.pk,
        "slug": session.slug,
        "title": in_both_languages(session, "title"),
        "description": in_both_languages(session, "description"),
        "kind": session.kind,
        "state": session.state,
        "sequence": session.sequence,
        "day": session.day.date.isoformat(),
        "start": _moment(session.starts_at, tz),
        "end": _moment(session.ends_at, tz),
        "duration_minutes": minutes,
        "room": session.room_id,
        "topic": session.topic.slug if session.topic else None,
        "audience": session.audience,
        "speakers": [{"slug": a.speaker.slug, "role": a.role} for a in session.appearances.all()],
        "materials": [material_fields(m, session) for m in session.materials.all()],
        "urls": {
            **_pages("conferences:session", slug=slug, session_slug=session.slug),
            "ics": url_in("en", "conferences:session_ics", slug=slug, session_slug=session.slug),
        },
    }


def _table(table):
    return {
        "number": table.number,
        "theme": in_both_languages(table, "theme"),
        "description": in_both_languages(table, "description"),
        "host": table.host_name,
        "seats": table.capacity,
    }
