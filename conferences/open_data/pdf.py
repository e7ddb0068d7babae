"""The printable programme: an A4 PDF in the active language, from the template
pdf/programme.html through the site's one PDF renderer (mce_site/pdf.py: WeasyPrint, our
own embedded fonts, nothing fetched from another host)."""

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from mce_site.pdf import render_pdf

from ..models import SessionState


def programme_pdf(data, *, address):
    """PDF bytes of the published programme, one section per day, in the active language."""
    conference = data.conference
    sessions_by_day = {}
    for session in data.sessions:
        session.facts = _facts(session)
        session.speaker_lines = [_speaker_line(a) for a in session.appearances.all()]
        sessions_by_day.setdefault(session.day_id, []).append(session)
    context = {
        "conference": conference,
        "title": _("Programme: %(conference)s") % {"conference": conference.title},
        "address": address,
        "place": ", ".join(p for p in (conference.venue_name, conference.host_name) if p),
        "days": [(day, sessions_by_day[day.pk]) for day in data.days if day.pk in sessions_by_day],
        "page_label": _page_label(),
    }
    return render_pdf("pdf/programme.html", context)


def _page_label():
    """ "Page 2 of 5" as CSS content: the translated words, quoted, around the counters."""
    words = _("Page %(page)s of %(pages)s").replace('"', "").replace("\\", "")
    counters = {key: f'" counter({key}) "' for key in ("page", "pages")}
    return mark_safe(f'"{words}"' % counters)  # noqa: S308 - our own translated words


def _facts(session):
    facts = [session.get_kind_display(), session.room.name if session.room else ""]
    if session.state == SessionState.MOVED:
        facts.append(session.get_state_display())
    return [fact for fact in facts if fact]


def _speaker_line(appearance):
    speaker = appearance.speaker
    return ", ".join(p for p in (speaker.full_name, speaker.organisation) if p)
