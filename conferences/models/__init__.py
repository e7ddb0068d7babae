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
    "Session",
    "SessionKind",
    "SessionSpeaker",
    "Speaker",
    "Topic",
    "WaitingListPromotion",
    "WorldCafeTable",
]
