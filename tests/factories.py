"""Small builders for test data shared by every test package. Each returns saved objects
and takes keyword overrides; build only what a test needs."""

import datetime
import itertools

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from conferences.models import (
    Audience,
    Conference,
    Day,
    Series,
    Session,
    SessionKind,
    SessionSpeaker,
    Speaker,
    WorldCafeTable,
)
from registration.models import ParticipantCategory, Question, QuestionChoice, Registration

_sequence = itertools.count(1)


def make_series(**overrides):
    n = next(_sequence)
    values = {"name": f"Test series {n}", "slug": f"series-{n}", "short_name": "TST"}
    return Series.objects.create(**(values | overrides))


def make_conference(*, days=3, tables=3, **overrides):
    """A published conference some weeks ahead with registration open: the first day open
    to all, the others reserved for international guests; member cities may attend all days."""
    n = next(_sequence)
    start = overrides.pop("start_date", timezone.localdate() + datetime.timedelta(days=60))
    values = {
        "series": overrides.pop("series", None) or make_series(),
        "slug": f"conf-{n}",
        "title": f"Test conference {n}",
        "motto": "Are we ready?",
        "start_date": start,
        "end_date": start + datetime.timedelta(days=max(days - 1, 0)),
        "capacity": 100,
        "gala_dinner_capacity": 50,
        "booking_prefix": "TST",
        "registration_opens_at": timezone.now() - datetime.timedelta(days=1),
        "registration_closes_at": timezone.now() + datetime.timedelta(days=30),
        "hotline_phone": "+43 1 718 94 76-33",
        "hotline_email": "operations@majorcities.eu",
        "is_published": True,
    }
    conference = Conference.objects.create(**(values | overrides))
    for i in range(days):
        Day.objects.create(
            conference=conference,
            date=conference.start_date + datetime.timedelta(days=i),
            name="Opening day" if i == 0 else f"Day {i + 1}",
            audience=Audience.OPEN if i == 0 else Audience.INTERNATIONAL,
        )
    for number in range(1, tables + 1):
        WorldCafeTable.objects.create(
            conference=conference, number=number, theme=f"Theme {number}", capacity=10
        )
    make_category(conference, code="member-city", name="Member city", may_attend_reserved_days=True)
    make_category(conference, code="public-body", name="Other public body")
    make_category(conference, code="press", name="Press", is_press=True)
    return conference


def make_category(conference, **overrides):
    n = next(_sequence)
    values = {"conference": conference, "code": f"category-{n}", "name": f"Category {n}"}
    return ParticipantCategory.objects.create(**(values | overrides))


def make_registration(conference, *, days=None, **overrides):
    """A registration saved directly (no services, no emails): for tests of reads, pages
    and back-office views. Tests of the rules go through registration.services."""
    n = next(_sequence)
    values = {
        "conference": conference,
        "booking_reference": f"TST-{n:06d}",
        "status": Registration.Status.CONFIRMED,
        "first_name": "Anna",
        "last_name": f"Tester{n}",
        "organisation": "City of Leipzig",
        "city": "Leipzig",
        "country": "DE",
        "email": f"person{n}@example.org",
        "category": conference.participant_categories.first(),
        "privacy_consent_at": timezone.now(),
    }
    values["email_confirmed_at"] = None if values.get("status") == "pending" else timezone.now()
    registration = Registration.objects.create(**(values | overrides))
    registration.days.set(days if days is not None else conference.days.all()[:1])
    _book_seats(registration)
    return registration


@transaction.atomic
def _book_seats(registration):
    """Seats (or waiting places) that match the registration's status, as the services would
    leave them, so counters and figures agree; a waiting registration waits for the
    conference. No emails."""
    from registration import capacity

    status = registration.status
    if status == Registration.Status.WAITLISTED:
        conference_item = capacity.load_items(registration.conference).conference_item
        registration.bookings.create(
            item=conference_item,
            state="waiting",
            joined_at=registration.waitlisted_at or registration.created_at,
            queued=registration.email_confirmed,
        )
    elif status in (Registration.Status.PENDING, Registration.Status.CONFIRMED):
        if registration.world_cafe_table_id and not registration.first_table_choice_id:
            registration.first_table_choice_id = registration.world_cafe_table_id
            Registration.objects.filter(pk=registration.pk).update(
                first_table_choice_id=registration.world_cafe_table_id
            )
        items = capacity.load_items(registration.conference).all()
        outcome = capacity.reseat(registration, days=list(registration.days.all()), promoting=items)
        table = outcome.table_id
        if table != registration.world_cafe_table_id:
            Registration.objects.filter(pk=registration.pk).update(world_cafe_table_id=table)
            registration.world_cafe_table_id = table


def registration_data(conference, **overrides):
    """What the registration form's cleaned_data holds for a valid sign-up to the opening
    day (for calling registration.services directly)."""
    n = next(_sequence)
    values = {
        "title": "",
        "first_name": "Zoë",
        "last_name": f"O'Brien-Łukasiewicz {n}",
        "organisation": "City of Leipzig",
        "position": "CIO",
        "city": "Leipzig",
        "country": "DE",
        "email": f"attendee{n}@example.org",
        "phone": "",
        "category": conference.participant_categories.get(code="public-body"),
        "days": list(conference.days.all()[:1]),
        "gala_dinner": False,
        "first_table_choice": None,
        "second_table_choice": None,
        "dietary_needs": "",
        "accessibility_needs": "",
        "privacy_consent": True,
        "listed_consent": False,
        "submission_key": "",
    }
    return values | overrides


def make_speaker(**overrides):
    n = next(_sequence)
    values = {"slug": f"speaker-{n}", "first_name": "Renate", "last_name": f"Speaker{n}"}
    return Speaker.objects.create(**(values | overrides))


def make_session(conference, *, day=None, start_hour=9, hours=1, speakers=(), **overrides):
    """A published plenary session on the conference's first day (or `day`), at
    `start_hour` local time, with `speakers` in order."""
    n = next(_sequence)
    day = day or conference.days.first()
    starts = datetime.datetime.combine(
        day.date, datetime.time(start_hour), tzinfo=conference.tzinfo
    )
    values = {
        "conference": conference,
        "day": day,
        "slug": f"session-{n}",
        "title": f"Session {n}",
        "kind": SessionKind.PLENARY,
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=hours),
    }
    session = Session.objects.create(**(values | overrides))
    for order, speaker in enumerate(speakers):
        SessionSpeaker.objects.create(session=session, speaker=speaker, order=order)
    return session


def make_question(conference, *, choices=(), categories=(), **overrides):
    """A question of the conference's forms (a short text, optional, for everyone unless
    `categories` are given), with `choices` (English labels) in order."""
    n = next(_sequence)
    values = {"conference": conference, "kind": Question.Kind.SHORT_TEXT, "label": f"Question {n}"}
    question = Question.objects.create(**(values | overrides))
    for order, label in enumerate(choices):
        QuestionChoice.objects.create(question=question, label=label, order=order)
    question.categories.set(categories)
    return question


def make_example_questions(conference):
    """One question of each kind, in English and German, as pages are checked with them: a
    required choice with help, several choices, yes/no, a required long text only for press
    and an optional short text."""
    press = conference.participant_categories.filter(is_press=True).first()
    kind = Question.Kind
    return [
        make_question(
            conference,
            kind=kind.ONE_CHOICE,
            label="Which menu would you like at the gala dinner?",
            label_de="Welches Menü möchten Sie beim Galadinner?",
            help="We tell the caterer the numbers only.",
            help_de="Wir nennen dem Caterer nur die Anzahl.",
            required=True,
            choices=["Meat", "Vegetarian", "Vegan"],
            order=1,
        ),
        make_question(
            conference,
            kind=kind.SEVERAL_CHOICES,
            label="Which topics interest you most?",
            label_de="Welche Themen interessieren Sie am meisten?",
            choices=["City data", "Digital government", "New technologies"],
            order=2,
        ),
        make_question(
            conference,
            kind=kind.YES_NO,
            label="Is this your first MCE conference?",
            label_de="Ist dies Ihre erste MCE-Konferenz?",
            order=3,
        ),
        make_question(
            conference,
            kind=kind.LONG_TEXT,
            label="Which media outlet do you write for?",
            label_de="Für welches Medium schreiben Sie?",
            required=True,
            categories=[press] if press else [],
            order=4,
        ),
        make_question(
            conference,
            label="How did you hear of us?",
            label_de="Wie haben Sie von uns gehört?",
            order=5,
        ),
    ]


def answer_example_questions(registration):
    """Answers to the questions of `make_example_questions` (the press one left out)."""
    from registration.questions.services import save_answers

    menu, topics, first_time, _outlet, heard = registration.conference.questions.order_by("order")
    save_answers(
        registration=registration,
        answers={
            menu: menu.choices.first().pk,
            topics: [choice.pk for choice in topics.choices.all()],
            first_time: True,
            heard: "A colleague",
        },
    )
    return registration


def save_in_admin(admin_client, obj, **changes):
    """Posts `obj`'s admin change form as shown, with `changes`, as an organiser would."""
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    response = admin_client.post(url, data | changes)
    assert response.status_code == 302, response.context["adminform"].form.errors
