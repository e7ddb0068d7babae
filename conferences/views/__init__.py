"""Public pages of the conferences: thin views over conferences.queries."""

from .calendar import programme_ics, session_ics
from .pages import (
    conference_detail,
    conference_list,
    home,
    programme,
    session_detail,
    speaker_detail,
    topic_detail,
    venue,
    world_cafe,
)

__all__ = [
    "conference_detail",
    "conference_list",
    "home",
    "programme",
    "programme_ics",
    "session_detail",
    "session_ics",
    "speaker_detail",
    "topic_detail",
    "venue",
    "world_cafe",
]
