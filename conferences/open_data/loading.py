"""One load of everything a conference's exports show, in a fixed number of queries."""

import dataclasses
import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation

from ..models import Conference, ScheduleChange, SessionMaterial
from ..queries import speakers_of, visible_sessions


@dataclasses.dataclass
class ProgrammeData:
    conference: Conference
    days: list
    rooms: list
    topics: list
    sessions: list
    speakers: list
    tables: list

    @property
    def last_modified(self):
        """When the programme last changed as far as the rows tell: the conference row, or a
        recorded change of a session (deletions are covered by the cache version, see
        http.py)."""
        moments = [self.conference.updated_at]
        moments += [c.recorded_at for s in self.sessions for c in s.latest_changes]
        return max(moments)


def load_programme(conference):
    """Published sessions with day, room, topic, speakers, materials and their latest
    recorded change; days, rooms, topics and World Café tables. Eight queries."""
    sessions = visible_sessions(conference).prefetch_related(
        Prefetch("materials", queryset=SessionMaterial.objects.order_by("order", "pk")),
        Prefetch(
            "changes",
            queryset=ScheduleChange.objects.order_by("-recorded_at", "-pk")[:1],
            to_attr="latest_changes",
        ),
    )
    sessions = list(sessions)
    return ProgrammeData(
        conference=conference,
        days=list(conference.days.all()),
        rooms=list(conference.rooms.all()),
        topics=list(conference.topics.all()),
        sessions=sessions,
        speakers=speakers_of(sessions),
        tables=list(conference.world_cafe_tables.all()),
    )


def absolute(path):
    return settings.SITE_URL + path


def url_in(language, name, **kwargs):
    """The absolute address of a page in `language` (English unprefixed, German /de/)."""
    with translation.override(language):
        return absolute(reverse(name, kwargs=kwargs))


def in_both_languages(obj, field):
    """A translated field as {"en": ..., "de": ...}; German falls back to English as on the
    site itself."""
    english = getattr(obj, f"{field}_en", None) or ""
    return {"en": english, "de": getattr(obj, f"{field}_de", None) or english}


def duration_hhmm(session):
    minutes = int((session.ends_at - session.starts_at) / datetime.timedelta(minutes=1))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
