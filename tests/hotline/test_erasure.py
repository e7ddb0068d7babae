"""Erase and anonymise leave nothing: after either, a dump of every table of the database
holds neither the person's name nor their address. Every model that refers to a registration
is found at run time and gets a row full of the person's data, so a table added later is
covered (or this test fails until REFERRING_ROWS says what to do with it)."""

import io

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone
from model_bakery import baker

from conferences.caching import VERSION_KEY
from mce_site.personal_data import models_referring_to
from registration.hotline.models import MassEmail, MassEmailRecipient
from registration.hotline.personal_data import (
    KEEP,
    REFERRING_ROWS,
    erase_personal_data,
    personal_fields,
)
from registration.models import Registration
from registration.outbox.models import EmailEvent
from tests.factories import make_conference, make_registration
from tests.outbox.factories import make_outbox_email

pytestmark = pytest.mark.django_db

FIRST, LAST = "Wilhelmine", "Zwetschkenbaum"
# How to make a valid row of a model that model_bakery's random values would not satisfy.
BUILDERS = {
    "outbox.OutboxEmail": lambda registration: make_outbox_email(registration, state="failed"),
    "hotline.MassEmailRecipient": lambda registration: MassEmailRecipient.objects.create(
        mass_email=MassEmail.objects.create(
            subject_en="S", subject_de="S", body_en="B", body_de="B"
        ),
        registration=registration,
        email=make_outbox_email(registration, kind="mass_email", state="failed"),
    ),
}
EMAIL = "w.zwetschkenbaum@example.org"


def _full_of_personal_data(obj):
    """Every text field of `obj` set to something naming the person (within its length)."""
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            if field.unique or field.primary_key:
                continue
            text = f"{LAST} {EMAIL}"
            setattr(obj, field.name, text[: field.max_length] if field.max_length else text)
    obj.save()


@pytest.fixture
def person(hotline_lead_user):
    conference = make_conference()
    registration = make_registration(
        conference, first_name=FIRST, last_name=LAST, email=EMAIL, status="cancelled"
    )
    registration.dietary_needs = f"{FIRST} eats no fish"
    registration.save()  # a history row with the name
    for model in _referring_models():
        if REFERRING_ROWS.get(model._meta.label) is KEEP:
            continue
        if model._meta.label in BUILDERS:  # rows with rules of their own (check constraints)
            row = BUILDERS[model._meta.label](registration)
        else:
            links = [f.name for f in model._meta.concrete_fields if f.related_model is Registration]
            row = baker.make(model, **dict.fromkeys(links, registration))
        _full_of_personal_data(row)
    LogEntry.objects.log_actions(
        user_id=hotline_lead_user.pk,
        queryset=[registration],
        action_flag=CHANGE,
        change_message=f'[{{"added": {{"name": "call log entry", "object": "{LAST} called"}}}}]',
        single_object=True,
    )
    for email in registration.outbox_emails.all():  # a provider's event quoting the address
        EmailEvent.objects.create(
            email=email, kind="bounced", happened_at=timezone.now(), detail=f"{EMAIL} unknown"
        )
    return registration


def database_dump():
    """Every row of every table, as JSON text."""
    out = io.StringIO()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            out.write(serializers.serialize("json", model._default_manager.all()))
    return out.getvalue()


def _assert_nothing_left():
    dump = database_dump().lower()
    for secret in (FIRST, LAST, EMAIL, "zwetschkenbaum"):
        assert secret.lower() not in dump, secret


def test_the_dump_finds_the_person_before_an_erase(person):
    assert LAST.lower() in database_dump().lower()


def _referring_models():
    return [m for m in models_referring_to(Registration) if not m._meta.auto_created]


def test_after_an_erase_no_table_holds_the_name_or_the_address(person):
    erase_personal_data(registration=person)
    _assert_nothing_left()
    assert Registration.objects.filter(pk=person.pk).exists()  # still counted


def test_erase_through_the_back_office_leaves_nothing(
    hotline_lead_client, person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = hotline_lead_client.post(reverse("hotline:registration_erase", args=[person.pk]))
    assert response.status_code == 302
    _assert_nothing_left()
    assert cache.get(VERSION_KEY) is not None  # the public pages were cleared


def test_after_anonymising_an_ended_conference_no_table_holds_the_name(person):
    person.conference.__class__.objects.filter(
        pk=person.conference_pk if False else person.conference.pk
    ).update(start_date="2020-05-01", end_date="2020-05-03")
    call_command("anonymise_registrations", "--days", "30", stdout=io.StringIO())
    _assert_nothing_left()


def test_erase_keeps_what_the_statistics_need(person):
    days = list(person.days.all())
    erase_personal_data(registration=person)
    person.refresh_from_db()
    assert (person.status, person.country.code) == ("cancelled", "DE")
    assert list(person.days.all()) == days
    assert person.first_name == "Anonymised"
    assert person.email == f"anonymised-{person.pk}@invalid.invalid"
    assert person.anonymised_at is not None


def test_rows_kept_on_erasure_hold_no_free_text():
    labels = {m._meta.label for m in _referring_models()}
    assert labels >= {"hotline.CallLog", "hotline.CheckIn"}
    for model in _referring_models():
        if REFERRING_ROWS.get(model._meta.label) is KEEP:
            assert personal_fields(model) == [], model._meta.label


def test_after_an_erase_the_personal_links_lead_nowhere(person, client):
    manage_url = person.get_manage_url()
    confirm_token = person.confirm_token
    erase_personal_data(registration=person)
    assert client.get(manage_url).status_code == 404
    person.refresh_from_db()
    assert person.confirm_token != confirm_token
    assert person.manage_token not in manage_url
