"""The pages measured, found in the benchmark's database: the demo conference's pages in
English and German, a second conference with 150 sessions (built like bench_open_data's), and
the manage page of a registration made through the registration services.

Import after django.setup()."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation

from conferences.management.commands.bench_open_data import _make_conference
from conferences.models import Conference
from conferences.queries import visible_sessions
from registration import services
from scripts.bench_rush.database import category_for_all_days
from tests.factories import registration_data

BIG_PROGRAMME_SESSIONS = 150


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    # Pages a page cache may never serve (personal, or carrying a form's CSRF token) are
    # measured with the cache on too: the figure shows they pay full price there.
    cacheable: bool = True


def _url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _first_session_with_speaker(conference):
    for session in visible_sessions(conference):
        appearances = list(session.appearances.all())
        if appearances:
            return session, appearances[0].speaker
    raise LookupError(f"{conference.slug} has no published session with a speaker")


def _manage_url(conference):
    """A sign-up through the services, as the form makes it; its personal manage page."""
    data = registration_data(
        conference,
        email="bench-pages@example.org",
        category=conference.participant_categories.get(pk=category_for_all_days(conference.slug)),
        days=list(conference.days.all()),
        first_table_choice=conference.world_cafe_tables.first(),
    )
    registration = services.submit_registration(conference=conference, data=data, language="en")
    return _url("registration:manage", token=registration.manage_token)


def build(slug):
    """[Page] of the run; adds the big conference and the registration to the database."""
    conference = Conference.objects.get(slug=slug)
    session, speaker = _first_session_with_speaker(conference)
    big = _make_conference(BIG_PROGRAMME_SESSIONS)
    return [
        Page("event page", _url("conferences:detail", slug=slug)),
        Page("programme", _url("conferences:programme", slug=slug)),
        Page(
            f"programme, {BIG_PROGRAMME_SESSIONS} sessions",
            _url("conferences:programme", slug=big),
        ),
        Page("session page", session.get_absolute_url()),
        Page("speaker page", _url("conferences:speaker", speaker_slug=speaker.slug)),
        Page("programme.ics", _url("conferences:programme_ics", slug=slug)),
        Page("press page", _url("press:conference_press", slug=slug)),
        Page("registration form", _url("registration:register", slug=slug), cacheable=False),
        Page("event page (de)", _url("conferences:detail", "de", slug=slug)),
        Page("programme (de)", _url("conferences:programme", "de", slug=slug)),
        Page(
            "registration form (de)",
            _url("registration:register", "de", slug=slug),
            cacheable=False,
        ),
        Page("manage page", _manage_url(conference), cacheable=False),
    ]
