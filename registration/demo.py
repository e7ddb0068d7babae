"""People for the demo conferences: a few hundred registrations made through the same
services as real ones (so seat counts, waiting lists and history agree), then some arrivals
at the desk and some addresses that bounced. Drawn from a fixed seed: every machine gets
the same demo, and running it again adds nothing."""

import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from conferences.models import Conference
from registration.hotline.services import check_in
from registration.models import Question, Registration
from registration.questions.form_fields import questions_of
from registration.services import cancel_registration, register_on_behalf, submit_registration

# Addresses under a reserved top-level domain (RFC 2606): no demo email can reach a person.
DEMO_EMAIL_DOMAIN = "demo.example"
SEED = 2018
# What journalists answer to a required text question (the demo's "media outlet").
MEDIA = ["Leipziger Volkszeitung", "Der Standard", "El País", "Kommune21", "Het Parool"]

# (city, country, first names, last names, how the city calls itself)
CITIES = [
    (
        "Leipzig",
        "DE",
        ["Anna", "Jonas", "Miriam", "Lars", "Katrin"],
        ["Becker", "Hartmann", "Vogt", "Schulz", "Krause"],
        "Stadt",
    ),
    (
        "Dresden",
        "DE",
        ["Thomas", "Sabine", "Felix", "Ute"],
        ["Popp", "Neumann", "Richter", "Lehmann"],
        "Landeshauptstadt",
    ),
    (
        "Vienna",
        "AT",
        ["Lukas", "Eva", "Stefan", "Julia"],
        ["Gruber", "Huber", "Wagner", "Pichler"],
        "City of",
    ),
    (
        "Barcelona",
        "ES",
        ["Elena", "Jordi", "Laia", "Marc"],
        ["Marín", "Puig", "Vidal", "Serra"],
        "City of",
    ),
    (
        "Rotterdam",
        "NL",
        ["Pieter", "Sanne", "Daan", "Femke"],
        ["de Vries", "Jansen", "Bakker", "Visser"],
        "City of",
    ),
    (
        "Helsinki",
        "FI",
        ["Aino", "Mikko", "Eero", "Laura"],
        ["Virtanen", "Korhonen", "Mäkinen", "Nieminen"],
        "City of",
    ),
    (
        "Ghent",
        "BE",
        ["Lotte", "Wout", "Ine", "Bram"],
        ["Peeters", "Maes", "Claes", "Wouters"],
        "City of",
    ),
    (
        "Bologna",
        "IT",
        ["Giulia", "Marco", "Chiara", "Luca"],
        ["Rossi", "Bianchi", "Ferrari", "Esposito"],
        "City of",
    ),
    (
        "Lisbon",
        "PT",
        ["Inês", "João", "Marta", "Rui"],
        ["Silva", "Santos", "Ferreira", "Costa"],
        "City of",
    ),
    (
        "Ljubljana",
        "SI",
        ["Maja", "Luka", "Nina", "Jan"],
        ["Novak", "Horvat", "Kovačič", "Zupan"],
        "City of",
    ),
    (
        "Oslo",
        "NO",
        ["Ingrid", "Ola", "Kari", "Erik"],
        ["Hansen", "Johansen", "Olsen", "Berg"],
        "City of",
    ),
    (
        "Tallinn",
        "EE",
        ["Kadri", "Mart", "Liis", "Tõnu"],
        ["Tamm", "Saar", "Sepp", "Mägi"],
        "City of",
    ),
]
POSITIONS = [
    "CIO",
    "Head of IT",
    "Smart city officer",
    "Project manager",
    "Data protection officer",
    "Digital strategist",
]
DIETS = ["", "", "", "", "vegetarian", "vegan", "no pork", "gluten-free"]
SOURCES = [Registration.Source.PHONE, Registration.Source.EMAIL, Registration.Source.FAX]


@dataclass(frozen=True)
class DemoPlan:
    """How many people sign up for a conference, and what happens to some of them."""

    people: int
    unconfirmed: int  # web sign-ups that never followed the confirmation link
    cancelled: int
    arrived: int  # checked in on the first day
    bounced: int


# Leipzig has more people than seats: the conference, the reserved days, the dinner and the
# World Café tables each get a waiting list.
PLANS = {"2018-leipzig": DemoPlan(275, 8, 6, 45, 5), "2019-it-fachtag": DemoPlan(80, 4, 2, 0, 2)}


def load_demo_registrations(*, stdout=None):
    """Fills each demo conference of PLANS that has no demo people yet; returns how many
    registrations were made."""
    made = 0
    for slug, plan in PLANS.items():
        conference = Conference.objects.filter(slug=slug, is_demo=True).first()
        if conference is None or _has_demo_people(conference):
            continue
        made += _fill(conference, plan, random.Random(f"{SEED}-{slug}"))
        if stdout:
            stdout.write(f"{slug}: {plan.people} demo registrations.")
    return made


def _has_demo_people(conference):
    return conference.registrations.filter(email__endswith="@" + DEMO_EMAIL_DOMAIN).exists()


def _fill(conference, plan, rng):
    people = [_person(conference, n, rng) for n in range(plan.people)]
    questions = questions_of(conference)
    for n, data in enumerate(people):
        # A generator of its own: the people drawn above stay the same with or without questions.
        data["answers"] = _answers(questions, data, random.Random(f"{SEED}-answers-{n}"))
    registrations = []
    for n, data in enumerate(people):
        if n < plan.unconfirmed:
            submit_registration(conference=conference, data=data, language=rng.choice(["en", "de"]))
            continue
        source = rng.choice(SOURCES)
        registrations.append(
            register_on_behalf(conference=conference, data=data, source=source, language="en")
        )
    for registration in registrations[: plan.cancelled]:
        cancel_registration(registration=registration)
    _arrive(conference, registrations[plan.cancelled :], plan.arrived)
    _bounce(registrations[-plan.bounced :])
    return plan.people


def _person(conference, n, rng):
    city, country, first_names, last_names, prefix = rng.choice(CITIES)
    first, last = rng.choice(first_names), rng.choice(last_names)
    category = _category(conference, rng)
    days = [
        day
        for day in conference.days.all()
        if not day.is_reserved or category.may_attend_reserved_days
    ]
    if len(days) > 1 and rng.random() < 0.05:
        days = days[:1]  # some come to the opening day only
    tables = (
        list(conference.world_cafe_tables.all()) if len(days) == conference.days.count() else []
    )
    first_table, second_table = (
        rng.sample(tables, 2) if len(tables) > 1 and rng.random() < 0.8 else (None, None)
    )
    return {
        "title": rng.choice(["", "", "Dr.", "Prof."]),
        "first_name": first,
        "last_name": last,
        "organisation": f"Stadt {city}" if prefix == "Stadt" else f"{prefix} {city}",
        "position": rng.choice(POSITIONS),
        "city": city,
        "country": country,
        "email": f"{first}.{last}.{n}@{DEMO_EMAIL_DOMAIN}".lower().replace(" ", "-"),
        "phone": "",
        "category": category,
        "days": days,
        "gala_dinner": conference.has_gala_dinner and rng.random() < 0.8,
        "first_table_choice": first_table,
        "second_table_choice": second_table,
        "waits_for_all_days": True,
        "waits_for_table": True,
        "dietary_needs": rng.choice(DIETS),
        "accessibility_needs": "step-free access" if rng.random() < 0.03 else "",
        "privacy_consent": True,
        "listed_consent": rng.random() < 0.7,
        "submission_key": f"demo-{conference.slug}-{n}",
    }


def _answers(questions, data, rng):
    """Plausible answers to the conference's questions (the demo's: topics, menu, outlet)."""
    answers = {}
    for question in questions:
        if not question.applies_to(data["category"]):
            continue
        choices = [choice.pk for choice in question.choices.all()]
        if not question.required and rng.random() < 0.3:
            continue  # optional questions are often skipped
        if question.kind == Question.Kind.SEVERAL_CHOICES:
            answers[question] = sorted(rng.sample(choices, rng.randint(1, min(3, len(choices)))))
        elif question.kind == Question.Kind.ONE_CHOICE:
            answers[question] = rng.choice(choices)
        elif question.kind == Question.Kind.YES_NO:
            answers[question] = rng.random() < 0.5
        elif question.required:
            answers[question] = rng.choice(MEDIA)
    return answers


def _category(conference, rng):
    # Member cities come in numbers; press and speakers are few.
    weights = {
        "member-city": 75,
        "public-body": 15,
        "university": 8,
        "company": 8,
        "press": 4,
        "speaker": 5,
    }
    categories = list(conference.participant_categories.all())
    return rng.choices(categories, weights=[weights.get(c.code, 5) for c in categories])[0]


def _arrive(conference, registrations, count):
    first_day = conference.days.first()
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    for registration in confirmed[:count]:
        check_in(registration=registration, day=first_day, by=None)


def _bounce(registrations):
    """As the provider's bounce webhook records it (registration/outbox/tracking.py)."""
    with transaction.atomic():
        Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
            email_status=Registration.EmailStatus.BOUNCED,
            email_status_at=timezone.now(),
            email_status_detail="550 5.1.1 mailbox unavailable (demo)",
        )
