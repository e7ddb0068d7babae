"""The printable programme: an A4 PDF in the active language (fpdf2, pure Python), with
DejaVu Sans embedded from our own files (fonts/), so it prints the same everywhere and
fetches nothing from another host."""

from pathlib import Path

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF

from ..models import SessionState

FONT_DIR = Path(__file__).parent / "fonts"
FONT = "DejaVuSans"
MARGIN_MM = 15
TIME_COLUMN_MM = 28
GREY = (90, 90, 90)


class _ProgrammePDF(FPDF):
    def __init__(self, *, title, address):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.programme_title = title
        self.address = address
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(auto=True, margin=MARGIN_MM + 5)
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_creator(settings.NETWORK_NAME)
        self.set_lang(_pdf_language())

    def footer(self):
        self.set_y(-MARGIN_MM)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        page = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 5, f"{self.programme_title} · {self.address}", align="L")
        self.set_x(-MARGIN_MM - 40)
        self.cell(40, 5, page, align="R")
        self.set_text_color(0, 0, 0)


def _pdf_language():
    return get_language() or settings.LANGUAGE_CODE


def programme_pdf(data, *, address):
    """PDF bytes of the published programme, one section per day, in the active language."""
    conference = data.conference
    title = _("Programme: %(conference)s") % {"conference": conference.title}
    pdf = _ProgrammePDF(title=title, address=address)
    pdf.add_page()
    _heading(pdf, conference)
    sessions_by_day = {}
    for session in data.sessions:
        sessions_by_day.setdefault(session.day_id, []).append(session)
    for day in data.days:
        sessions = sessions_by_day.get(day.pk, [])
        if sessions:
            _day(pdf, day, sessions, conference)
    if not data.sessions:
        pdf.set_font(FONT, "", 11)
        pdf.multi_cell(0, 6, _("The programme will be published here soon."))
    return bytes(pdf.output())


def _heading(pdf, conference):
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 9, conference.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    dates = f"{formats.date_format(conference.start_date, 'j F Y')} – " + formats.date_format(
        conference.end_date, "j F Y"
    )
    place = ", ".join(p for p in (conference.venue_name, conference.host_name) if p)
    for line in (conference.motto, dates, place):
        if line:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*GREY)
    pdf.set_font(FONT, "", 9)
    note = _("All times are local times (%(tz)s).") % {"tz": conference.time_zone}
    pdf.multi_cell(0, 5, note, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(3)


def _day(pdf, day, sessions, conference):
    label = formats.date_format(day.date, "l, j F Y")
    if day.name:
        label = f"{label} – {day.name}"
    if pdf.will_page_break(20):
        pdf.add_page()
    pdf.set_font(FONT, "B", 13)
    pdf.set_fill_color(235, 235, 235)
    pdf.cell(0, 8, label, new_x="LMARGIN", new_y="NEXT", fill=True)
    pdf.ln(1)
    for session in sessions:
        _session(pdf, session, conference)
    pdf.ln(2)


def _session(pdf, session, conference):
    tz = conference.tzinfo
    start = timezone.localtime(session.starts_at, tz)
    end = timezone.localtime(session.ends_at, tz)
    if pdf.will_page_break(14):
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_font(FONT, "", 10)
    pdf.cell(TIME_COLUMN_MM, 5, f"{start:%H:%M}–{end:%H:%M}")
    left = MARGIN_MM + TIME_COLUMN_MM
    width = pdf.w - left - MARGIN_MM
    pdf.set_xy(left, top)
    pdf.set_font(FONT, "B", 10)
    title = session.title
    if session.is_cancelled:
        title = f"{session.get_state_display()}: {title}"
    pdf.multi_cell(width, 5, title, new_x="LEFT", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    facts = [session.get_kind_display(), session.room.name if session.room else ""]
    if session.state == SessionState.MOVED:
        facts.append(session.get_state_display())
    pdf.set_text_color(*GREY)
    pdf.multi_cell(width, 4.5, " · ".join(f for f in facts if f), new_x="LEFT", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    speakers = "; ".join(_speaker_line(a) for a in session.appearances.all())
    if speakers:
        pdf.multi_cell(width, 4.5, speakers, new_x="LEFT", new_y="NEXT")
    pdf.set_x(MARGIN_MM)
    pdf.ln(2)


def _speaker_line(appearance):
    speaker = appearance.speaker
    return ", ".join(p for p in (speaker.full_name, speaker.organisation) if p)
