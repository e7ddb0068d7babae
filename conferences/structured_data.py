"""schema.org Event JSON-LD for an event page, so search engines show dates, place and the
registration link."""

import json

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from .queries import RegistrationState

_AVAILABILITY = {
    RegistrationState.OPEN: "https://schema.org/InStock",
    RegistrationState.NOT_YET_OPEN: "https://schema.org/PreOrder",
    RegistrationState.CLOSED: "https://schema.org/SoldOut",
    RegistrationState.FULL: "https://schema.org/SoldOut",
}


# The one picture that stands for a page when it is shared (OpenGraph) or shown by a search
# engine (JSON-LD): both read it here, so they cannot disagree. 1200×630, the size both want.
SOCIAL_IMAGE = "img/social-card.png"
SOCIAL_IMAGE_SIZE = (1200, 630)


def social_image_url(site_url):
    """Absolute URL of the social image (the hashed name in production)."""
    return site_url + static(SOCIAL_IMAGE)


def event_data(conference, *, state, site_url):
    """The Event as a dict (tests read it; the template prints `event_json_ld`)."""
    page_url = site_url + conference.get_absolute_url()
    register_url = site_url + reverse("registration:register", kwargs={"slug": conference.slug})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": conference.title,
        "description": conference.lead or conference.motto,
        "url": page_url,
        "image": [social_image_url(site_url)],
        "startDate": conference.start_date.isoformat(),
        "endDate": conference.end_date.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(conference),
        "organizer": _organizer(conference),
        "offers": {
            "@type": "Offer",
            "url": register_url,
            "availability": _AVAILABILITY[state],
        },
    }
    if conference.registration_opens_at:
        data["offers"]["validFrom"] = conference.registration_opens_at.isoformat()
    if conference.motto:
        data["alternateName"] = conference.motto
    return data


def _place(conference):
    place = {
        "@type": "Place",
        "name": conference.venue_name,
        "address": ", ".join(
            line.strip() for line in conference.venue_address.splitlines() if line.strip()
        ),
    }
    if conference.venue_latitude is not None and conference.venue_longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(conference.venue_latitude),
            "longitude": float(conference.venue_longitude),
        }
    if conference.venue_url:
        place["url"] = conference.venue_url
    return place


def _organizer(conference):
    organizer = {"@type": "Organization", "name": conference.series.name}
    if conference.series.website:
        organizer["url"] = conference.series.website
    if conference.hotline_email:
        organizer["email"] = conference.hotline_email
    if conference.hotline_phone:
        organizer["telephone"] = conference.hotline_phone
    return organizer


def event_json_ld(conference, *, state, site_url):
    """The Event as JSON safe to print inside <script type="application/ld+json"> (the same
    escaping as Django's json_script: no "</script>" can end the element early)."""
    text = json.dumps(event_data(conference, state=state, site_url=site_url), ensure_ascii=False)
    return mark_safe(text.translate(_json_script_escapes))  # noqa: S308 - escaped just above
