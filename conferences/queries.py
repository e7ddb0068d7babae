"""Reusable reads about conferences."""

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import capacity
from .models import Conference, Partner, SessionKind, SessionSpeaker, WorldCafeTable


class RegistrationState(models.TextChoices):
    NOT_YET_OPEN = "not_yet_open", _("Registration opens soon")
    OPEN = "open", _("Registration is open")
    CLOSED = "closed", _("Registration is closed")
    FULL = "full", _("Registration is full")


def registration_state(conference, *, now=None):
    """Whether the web form takes registrations now: the window and the "full" switch come
    from admin; the conference is also full when every seat is held."""
    now = now or timezone.now()
    state = _window_state(conference, now)
    if state is not None:
        return state
    if conference.registration_full or capacity.is_full(conference):
        return RegistrationState.FULL
    return RegistrationState.OPEN


def registration_has_closed(conference, *, now=None):
    """registration_state() is CLOSED, told without counting seats."""
    return _window_state(conference, now or timezone.now()) == RegistrationState.CLOSED


def _window_state(conference, now):
    """NOT_YET_OPEN or CLOSED by the registration window and the last day, else None."""
    opens, closes = conference.registration_opens_at, conference.registration_closes_at
    if opens is None or now < opens:
        return RegistrationState.NOT_YET_OPEN
    if (closes is not None and now >= closes) or now.date() > conference.end_date:
        return RegistrationState.CLOSED
    return None


def visible_conferences(user=None):
    """Published editions; staff also see drafts (to preview them)."""
    # Every conference page's menu asks whether there is a World Café: answered here.
    conferences = Conference.objects.select_related("series").annotate(
        has_world_cafe=Exists(WorldCafeTable.objects.filter(conference=OuterRef("pk")))
    )
    if user is not None and user.is_staff:
        return conferences
    return conferences.filter(is_published=True)


def upcoming_and_past(conferences, *, today=None):
    """(upcoming soonest first, past latest first), split on the last day."""
    today = today or timezone.localdate()
    upcoming = sorted((c for c in conferences if c.end_date >= today), key=lambda c: c.start_date)
    past = sorted((c for c in conferences if c.end_date < today), key=lambda c: c.start_date)
    return upcoming, past[::-1]


def next_conference(*, today=None):
    """The next published edition that has not ended; else the latest past one."""
    today = today or timezone.localdate()
    published = Conference.objects.filter(is_published=True).select_related("series")
    upcoming = published.filter(end_date__gte=today).order_by("start_date").first()
    return upcoming or published.order_by("-start_date").first()


def visible_sessions(conference, user=None):
    """A conference's sessions with everything the programme shows, in a fixed number of
    queries whatever their number: day, room and topic joined, speakers prefetched."""
    # Through conference.sessions and conference.topics, every row's `conference` is the
    # instance in hand: no join that repeats the conference's wide row per session.
    sessions = conference.sessions.select_related("day", "room").prefetch_related(
        Prefetch("topic", queryset=conference.topics.all()),
        _appearances(),
    )
    if user is None or not user.is_staff:
        sessions = sessions.filter(is_published=True)
    return sessions.order_by("starts_at", "room__name", "pk")


def programme_sessions(conference, *, days, topics, user=None):
    """visible_sessions() as a list, each session's day and topic taken from `days` and
    `topics` (the page's own lists of the conference's) instead of a join or a query."""
    sessions = _with_topics(
        _with_speakers(_without_day(visible_sessions(conference, user))), topics
    )
    by_pk = {day.pk: day for day in days}
    for session in sessions:
        session.day = by_pk[session.day_id]
    return sessions


def visible_session(conference, slug, user=None, *, topics):
    """The session of visible_sessions() with this slug, or None; its topic taken from
    `topics()` (the conference's topics, asked only when the session has one)."""
    sessions = _with_speakers(_without_day(visible_sessions(conference, user).filter(slug=slug)))
    if not sessions:
        return None
    return _with_topics(sessions, topics())[0] if sessions[0].topic_id else sessions[0]


def sessions_with_speakers(conference, user=None):
    """visible_sessions() as a list, with speakers but without topics (the calendar files)."""
    return _with_speakers(visible_sessions(conference, user))


def _without_day(sessions):
    # The session page and the highlights show no day, and the programme takes it from its
    # kept days: no join of the day's row.
    return sessions.select_related(None).select_related("room")


def _with_speakers(sessions):
    sessions = list(sessions.prefetch_related(None))
    attach_appearances(sessions)
    return sessions


def _with_topics(sessions, topics):
    by_pk = {topic.pk: topic for topic in topics}
    for session in sessions:
        session.topic = by_pk.get(session.topic_id)
    return sessions


_APPEARANCES_CACHE = SessionSpeaker._meta.get_field("session").remote_field.cache_name


class _HeldAppearances(models.QuerySet):
    """A session's appearances as loaded; any further filtering or ordering asks the
    database, as it does after Django's own prefetch."""

    def __init__(self, session, appearances):
        super().__init__(SessionSpeaker)
        self._session = session
        self._result_cache, self._prefetch_done = appearances, True

    def _clone(self):
        return SessionSpeaker.objects.filter(session=self._session)._clone()


def attach_appearances(sessions):
    """What `_appearances()` prefetches, in its one query, kept where
    `session.appearances.all()` finds it. Django's prefetch builds a filtered queryset per
    session to hold the rows, which cost the programme more than the query itself."""
    by_session = {session.pk: [] for session in sessions}
    if by_session:
        for appearance in _appearances().queryset.filter(session_id__in=list(by_session)):
            by_session[appearance.session_id].append(appearance)
    set_session = SessionSpeaker._meta.get_field("session").set_cached_value
    for session in sessions:
        appearances = by_session[session.pk]
        for appearance in appearances:
            set_session(appearance, session)
        held = _HeldAppearances(session, appearances)
        if not hasattr(session, "_prefetched_objects_cache"):
            session._prefetched_objects_cache = {}
        session._prefetched_objects_cache[_APPEARANCES_CACHE] = held


def _appearances():
    """Each session's speakers, in their order on stage."""
    return Prefetch(
        "appearances",
        queryset=SessionSpeaker.objects.select_related("speaker").order_by("order", "pk"),
    )


# Keynotes, the World Café and social events (the gala dinner).
HIGHLIGHT_KINDS = (SessionKind.KEYNOTE, SessionKind.WORLD_CAFE, SessionKind.SOCIAL)


def highlights(sessions):
    """The highlights among loaded sessions."""
    return [session for session in sessions if session.kind in HIGHLIGHT_KINDS]


def highlight_sessions(conference, topics, user=None):
    """visible_sessions() of the highlights only, with speakers and topics: the event page
    shows no other."""
    sessions = visible_sessions(conference, user).filter(kind__in=HIGHLIGHT_KINDS)
    return _with_topics(_with_speakers(_without_day(sessions)), topics)


def speakers_of(sessions):
    """Distinct speakers of loaded sessions, by last name."""
    speakers = {a.speaker.pk: a.speaker for s in sessions for a in s.appearances.all()}
    return sorted(speakers.values(), key=lambda sp: (sp.last_name, sp.first_name))


def sessions_of_speaker(speaker, user=None):
    """A speaker's appearances in visible sessions of visible conferences, newest first."""
    appearances = speaker.appearances.select_related(
        "session__conference", "session__day", "session__room"
    )
    if user is None or not user.is_staff:
        appearances = appearances.filter(
            session__is_published=True, session__conference__is_published=True
        )
    return appearances.order_by("-session__starts_at")


# Hosts first, sponsors last: the order in which the event page and the press page thank them.
PARTNER_HEADINGS = {
    Partner.Role.HOST: _("Hosted by"),
    Partner.Role.ORGANISER: _("Organised by"),
    Partner.Role.PARTNER: _("In partnership with"),
    Partner.Role.SPONSOR: _("Sponsored by"),
}


def partners_by_role(partners):
    """[(heading, [partners])] of a conference's partners (in the organisers' order) in the
    order of PARTNER_HEADINGS, roles without partners left out."""
    groups = []
    for role, heading in PARTNER_HEADINGS.items():
        members = [partner for partner in partners if partner.role == role]
        if members:
            groups.append((heading, members))
    return groups
