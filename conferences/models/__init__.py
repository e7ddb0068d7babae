from .changes import ScheduleChange, SessionMaterial, SessionState
from .edition import Audience, Conference, Day, Room, Series, WaitingListPromotion
from .programme import (
    Partner,
    Project,
    Session,
    SessionKind,
    SessionSpeaker,
    Speaker,
    Topic,
    WorldCafeTable,
)

__all__ = [
    "Audience",
    "Conference",
    "Day",
    "Partner",
    "Project",
    "Room",
    "Series",
    "ScheduleChange",
    "Session",
    "SessionKind",
    "SessionMaterial",
    "SessionSpeaker",
    "SessionState",
    "Speaker",
    "Topic",
    "WaitingListPromotion",
    "WorldCafeTable",
]
