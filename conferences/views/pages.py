"""The HTML pages: list, event page, programme, session, topic, speaker, World Café, venue."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .. import queries, reference_rows
from ..caching import public_page_cache, shorten_public_cache
from ..forms import ProgrammeFilterForm
from ..models import SessionKind, Speaker
from ..structured_data import event_json_ld

# While registration is open, seat counts move with every registration: the event page's
# "full" state must not lag behind by the whole cache lifetime. With the seat figures' own
# SEATS_SHOWN_SECONDS (5), at most 10 s.
OPEN_REGISTRATION_CACHE_SECONDS = 5


def _conference_or_404(request, slug):
    if request.user.is_staff:  # drafts too, and never from the cache
        return get_object_or_404(queries.visible_conferences(request.user), slug=slug)
    conference = reference_rows.published_conference(slug)
    if conference is None:
        raise Http404("No published conference has this address.")
    return conference


@public_page_cache
def home(request):
    conference = queries.next_conference()
    sessions = queries.visible_sessions(conference) if conference else []
    context = {
        "conference": conference,
        "today": timezone.localdate(),
        "highlights": queries.highlights(sessions),
        "registration_state": queries.registration_state(conference) if conference else None,
    }
    return render(request, "conferences/home.html", context)


@public_page_cache
def conference_list(request):
    upcoming, past = queries.upcoming_and_past(queries.visible_conferences(request.user))
    context = {
        "upcoming": upcoming,
        "past": past,
        "show_demo_notice": any(c.is_demo for c in upcoming + past),
    }
    return render(request, "conferences/conference_list.html", context)


@public_page_cache
def conference_detail(request, slug):
    conference = _conference_or_404(request, slug)
    topics = reference_rows.topics(conference)
    state = queries.registration_state(conference)
    context = {
        "conference": conference,
        "topics": topics,
        "highlights": (
            queries.highlight_sessions(conference, topics, request.user)
            if request.user.is_staff  # drafts too
            else reference_rows.highlight_sessions(conference, topics)
        ),
        "projects": reference_rows.projects(conference),
        "partner_groups": queries.partners_by_role(reference_rows.partners(conference)),
        "registration_state": state,
        "json_ld": event_json_ld(conference, state=state, site_url=settings.SITE_URL),
    }
    response = render(request, "conferences/conference_detail.html", context)
    return shorten_public_cache(response, _seconds_until_state_changes(conference, state))


def _seconds_until_state_changes(conference, state):
    if state == queries.RegistrationState.OPEN:
        return OPEN_REGISTRATION_CACHE_SECONDS
    now = timezone.now()
    upcoming = [
        moment
        for moment in (conference.registration_opens_at, conference.registration_closes_at)
        if moment is not None and moment > now
    ]
    if not upcoming:
        return 24 * 3600
    return max((min(upcoming) - now).total_seconds(), 0)


@public_page_cache
def programme(request, slug):
    conference = _conference_or_404(request, slug)
    days = reference_rows.days(conference)
    topics = reference_rows.topics(conference)
    if request.user.is_staff:  # drafts too
        user = request.user
        sessions = queries.programme_sessions(conference, days=days, topics=topics, user=user)
    else:
        sessions = reference_rows.programme_sessions(conference, days=days, topics=topics)
    form = ProgrammeFilterForm(request.GET or None, days=days, topics=topics)
    chosen_day, chosen_topic = form.chosen_day_and_topic()
    shown = [
        s
        for s in sessions
        if (chosen_day is None or s.day_id == chosen_day.pk)
        and (chosen_topic is None or s.topic_id == chosen_topic.pk)
    ]
    context = {
        "conference": conference,
        "form": form,
        "programme_days": _group_by_day(shown, days),
        "is_filtered": chosen_day is not None or chosen_topic is not None,
    }
    response = render(request, "conferences/programme.html", context)
    unknown_day = request.GET.get("day") and chosen_day is None
    if unknown_day or (request.GET.get("topic") and chosen_topic is None):
        shorten_public_cache(response, 0)  # an unknown day or topic is not worth storing
    return response


def _group_by_day(sessions, days):
    by_day = {day.pk: [] for day in days}
    for session in sessions:
        by_day.setdefault(session.day_id, []).append(session)
    return [(day, by_day[day.pk]) for day in days if by_day[day.pk]]


@public_page_cache
def session_detail(request, slug, session_slug):
    conference = _conference_or_404(request, slug)
    if request.user.is_staff:  # drafts too
        session = queries.visible_session(
            conference, session_slug, request.user, topics=lambda: reference_rows.topics(conference)
        )
    else:
        session = reference_rows.session(conference, session_slug, topics=reference_rows.topics)
    if session is None:
        raise Http404("No visible session has this address.")
    return render(
        request, "conferences/session_detail.html", {"conference": conference, "session": session}
    )


@public_page_cache
def topic_detail(request, slug, topic_slug):
    conference = _conference_or_404(request, slug)
    topic = get_object_or_404(conference.topics, slug=topic_slug)
    sessions = queries.visible_sessions(conference, request.user).filter(topic=topic)
    context = {"conference": conference, "topic": topic, "sessions": sessions}
    return render(request, "conferences/topic_detail.html", context)


@public_page_cache
def speaker_detail(request, speaker_slug):
    speaker = get_object_or_404(Speaker, slug=speaker_slug)
    appearances = list(queries.sessions_of_speaker(speaker, request.user))
    if not appearances and not request.user.is_staff:
        raise Http404("This speaker is on no published programme.")
    return render(
        request,
        "conferences/speaker_detail.html",
        {"speaker": speaker, "appearances": appearances},
    )


@public_page_cache
def world_cafe(request, slug):
    conference = _conference_or_404(request, slug)
    sessions = queries.visible_sessions(conference, request.user).filter(
        kind=SessionKind.WORLD_CAFE
    )
    context = {
        "conference": conference,
        "tables": conference.world_cafe_tables.all(),
        "sessions": sessions,
    }
    return render(request, "conferences/world_cafe.html", context)


@public_page_cache
def venue(request, slug):
    conference = _conference_or_404(request, slug)
    return render(request, "conferences/venue.html", {"conference": conference})
