"""API operations on the programme: conferences and what belongs to them."""

import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from .. import queries
from ..models import SessionKind, SessionMaterial, SessionState, Speaker
from ..open_data.programme_json import public_speaker_fields
from ..schedule_changes import published_changes
from .pages import Pages
from .schemas import (
    ChangeOut,
    ConferenceOut,
    DayOut,
    RoomOut,
    SessionOut,
    SpeakerOut,
    TableOut,
    TopicOut,
)

router = Router(tags=["programme"])


def _conference(slug):
    return get_object_or_404(queries.visible_conferences(), slug=slug)


def _sessions(conference):
    return queries.visible_sessions(conference).prefetch_related(
        Prefetch("materials", queryset=SessionMaterial.objects.order_by("order", "pk"))
    )


@router.get("conferences", response=list[ConferenceOut], summary="Published conferences")
@paginate(Pages)
def list_conferences(request):
    return queries.visible_conferences().order_by("-start_date", "pk")


@router.get("conferences/{slug}", response=ConferenceOut, summary="One conference")
def get_conference(request, slug: str):
    return _conference(slug)


@router.get("conferences/{slug}/days", response=list[DayOut], summary="Days of a conference")
@paginate(Pages)
def list_days(request, slug: str):
    return _conference(slug).days.order_by("date")


@router.get("conferences/{slug}/rooms", response=list[RoomOut], summary="Rooms")
@paginate(Pages)
def list_rooms(request, slug: str):
    return _conference(slug).rooms.order_by("name", "pk")


@router.get("conferences/{slug}/topics", response=list[TopicOut], summary="Topics")
@paginate(Pages)
def list_topics(request, slug: str):
    return _conference(slug).topics.order_by("number")


@router.get(
    "conferences/{slug}/sessions",
    response=list[SessionOut],
    summary="Published sessions, filtered by day, topic, kind or state",
)
@paginate(Pages)
def list_sessions(
    request,
    slug: str,
    day: datetime.date | None = None,
    topic: str | None = None,
    kind: SessionKind | None = None,
    state: SessionState | None = None,
):
    sessions = _sessions(_conference(slug))
    if day is not None:
        sessions = sessions.filter(day__date=day)
    if topic is not None:
        sessions = sessions.filter(topic__slug=topic)
    if kind is not None:
        sessions = sessions.filter(kind=kind)
    if state is not None:
        sessions = sessions.filter(state=state)
    return sessions


@router.get("conferences/{slug}/sessions/{session_slug}", response=SessionOut, summary="Session")
def get_session(request, slug: str, session_slug: str):
    return get_object_or_404(_sessions(_conference(slug)), slug=session_slug)


@router.get(
    "conferences/{slug}/speakers", response=list[SpeakerOut], summary="Speakers on the programme"
)
@paginate(Pages)
def list_speakers(request, slug: str):
    conference = _conference(slug)
    on_stage = queries.visible_sessions(conference).values("appearances__speaker")
    speakers = Speaker.objects.filter(pk__in=on_stage).order_by("last_name", "first_name", "pk")
    return _SpeakerPage(speakers)


class _SpeakerPage:
    """A queryset of speakers that pages like one and yields their public fields only."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __getitem__(self, index):
        return [public_speaker_fields(speaker) for speaker in self.queryset[index]]

    def __len__(self):
        return self.queryset.count()


@router.get("conferences/{slug}/tables", response=list[TableOut], summary="World Café tables")
@paginate(Pages)
def list_tables(request, slug: str):
    return _conference(slug).world_cafe_tables.order_by("number")


@router.get(
    "conferences/{slug}/changes",
    response=list[ChangeOut],
    summary="Schedule changes of published sessions, newest first",
)
@paginate(Pages)
def list_changes(request, slug: str):
    return published_changes(_conference(slug))
