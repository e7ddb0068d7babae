"""Certificates of attendance: a PDF naming the person, the event, its dates and the days
they were checked in at the desk. The attendee downloads it from their manage link from the
conference's last day on; the hotline issues one for anyone checked in, at any time."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from mce_site.pdf import render_pdf


def attended_days(registration):
    """The days the person was checked in (arrivals at the desk), in date order."""
    return [
        arrival.day
        for arrival in registration.check_ins.select_related("day").order_by("day__date")
    ]


def certificate_for_attendee(registration, *, now=None):
    """Whether the attendee may download their certificate now: checked in at least once,
    and the conference has reached its last day (in its own time zone)."""
    conference = registration.conference
    today = timezone.localdate(now or timezone.now(), timezone=conference.tzinfo)
    return today >= conference.end_date and registration.check_ins.exists()


def certificate_pdf(registration):
    """PDF bytes in the active language; None for a person never checked in."""
    days = attended_days(registration)
    if not days:
        return None
    conference = registration.conference
    context = {
        "title": _("Certificate of attendance"),
        "registration": registration,
        "conference": conference,
        "days": days,
        "place": ", ".join(p for p in (conference.venue_name, conference.host_name) if p),
        "issued": timezone.localdate(timezone=conference.tzinfo),
        "network_name": settings.NETWORK_NAME,
    }
    return render_pdf("pdf/certificate.html", context)


def certificate_filename(registration):
    return f"certificate-{registration.conference.slug}-{registration.booking_reference}.pdf"
