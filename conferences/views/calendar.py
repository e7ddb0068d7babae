"""The programme and single sessions as downloadable iCalendar files."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .. import queries
from ..caching import public_page_cache
from ..calendars import write_programme_ics


def _ics_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@public_page_cache
def programme_ics(request, slug):
    conference = get_object_or_404(queries.visible_conferences(request.user), slug=slug)
    sessions = queries.sessions_with_speakers(conference, request.user)
    return _ics_response(write_programme_ics(conference, sessions), f"{conference.slug}.ics")


@public_page_cache
def session_ics(request, slug, session_slug):
    conference = get_object_or_404(queries.visible_conferences(request.user), slug=slug)
    session = get_object_or_404(
        queries.visible_sessions(conference, request.user), slug=session_slug
    )
    return _ics_response(
        write_programme_ics(conference, [session]), f"{conference.slug}-{session.slug}.ics"
    )
