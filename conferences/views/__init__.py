"""Public pages of the conferences: thin views over conferences.queries."""

from .calendar import programme_ics, session_ics
from .changes import changes, changes_feed
from .open_data import (
    frab_json,
    frab_xml,
    material_download,
    programme_json_view,
    programme_pdf,
    programme_schema,
    xcal_view,
)
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
    "changes",
    "changes_feed",
    "frab_json",
    "frab_xml",
    "material_download",
    "programme_json_view",
    "programme_pdf",
    "programme_schema",
    "xcal_view",
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
