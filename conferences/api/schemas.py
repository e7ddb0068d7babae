"""What the API shows (pydantic schemas, also its OpenAPI description). Public programme
fields only: nothing here reaches a registrant's row."""

import datetime

from django.utils import translation
from ninja import Schema

from ..open_data.loading import absolute, in_both_languages
from ..open_data.programme_json import material_fields


class Text(Schema):
    """A text in English and German (German falls back to English where none was entered)."""

    en: str
    de: str


def _both(field):
    return staticmethod(lambda obj: in_both_languages(obj, field))


class ConferenceOut(Schema):
    slug: str
    title: Text
    motto: Text
    start_date: datetime.date
    end_date: datetime.date
    time_zone: str
    host: Text
    venue: Text
    url: str

    resolve_title = _both("title")
    resolve_motto = _both("motto")
    resolve_host = _both("host_name")
    resolve_venue = _both("venue_name")

    @staticmethod
    def resolve_url(obj):
        return absolute(obj.get_absolute_url())


class DayOut(Schema):
    date: datetime.date
    name: Text
    audience: str

    resolve_name = _both("name")


class RoomOut(Schema):
    id: int
    name: str
    capacity: int | None


class TopicOut(Schema):
    slug: str
    number: int
    title: Text
    lead_question: Text
    description: Text

    resolve_title = _both("title")
    resolve_lead_question = _both("lead_question")
    resolve_description = _both("description")


class SpeakerOut(Schema):
    slug: str
    name: str
    academic_title: str
    first_name: str
    last_name: str
    role: Text
    organisation: str
    city: str
    country: str | None
    bio: Text
    photo: str | None


class AppearanceOut(Schema):
    speaker: str
    name: str
    role: str

    @staticmethod
    def resolve_speaker(obj):
        return obj.speaker.slug

    @staticmethod
    def resolve_name(obj):
        return obj.speaker.full_name


class MaterialOut(Schema):
    kind: str
    title: Text
    url: str


class SessionOut(Schema):
    id: int
    slug: str
    title: Text
    description: Text
    kind: str
    state: str
    sequence: int
    day: datetime.date
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: str | None
    topic: str | None
    audience: str
    speakers: list[AppearanceOut]
    materials: list[MaterialOut]
    url: str

    resolve_title = _both("title")
    resolve_description = _both("description")

    @staticmethod
    def resolve_day(obj):
        return obj.day.date

    @staticmethod
    def resolve_starts_at(obj):
        # In the conference's time zone, with its offset: unambiguous and readable.
        return obj.starts_at.astimezone(obj.conference.tzinfo)

    @staticmethod
    def resolve_ends_at(obj):
        return obj.ends_at.astimezone(obj.conference.tzinfo)

    @staticmethod
    def resolve_room(obj):
        return obj.room.name if obj.room else None

    @staticmethod
    def resolve_topic(obj):
        return obj.topic.slug if obj.topic else None

    @staticmethod
    def resolve_speakers(obj):
        return list(obj.appearances.all())

    @staticmethod
    def resolve_materials(obj):
        return [material_fields(m, obj) for m in obj.materials.all()]

    @staticmethod
    def resolve_url(obj):
        return absolute(obj.get_absolute_url())


class TableOut(Schema):
    number: int
    theme: Text
    description: Text
    host: str
    seats: int

    resolve_theme = _both("theme")
    resolve_description = _both("description")

    @staticmethod
    def resolve_host(obj):
        return obj.host_name

    @staticmethod
    def resolve_seats(obj):
        return obj.capacity


class ChangeOut(Schema):
    session: str
    recorded_at: datetime.datetime
    sequence: int
    before: dict
    after: dict

    @staticmethod
    def resolve_session(obj):
        return obj.session.slug


class PressReleaseOut(Schema):
    slug: str
    language: str
    translation_of: str | None
    conference: str | None
    title: str
    lead: str
    body: str
    published_at: datetime.datetime
    organisation: str
    url: str

    @staticmethod
    def resolve_translation_of(obj):
        return obj.translation_of.slug if obj.translation_of_id else None

    @staticmethod
    def resolve_conference(obj):
        return obj.conference.slug if obj.conference_id else None

    @staticmethod
    def resolve_published_at(obj):
        return max(obj.released_at, obj.effective_embargo_until or obj.released_at)

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.name

    @staticmethod
    def resolve_url(obj):
        with translation.override(obj.language):
            path = obj.get_absolute_url()
        return absolute(path)
