"""A person's data: exported on request, erased on request, anonymised after a conference.

Erasing and anonymising leave nothing that names or reaches the person: the registration's
personal fields (every text field without fixed choices, found at run time, so a field added
later is covered), its history rows, the admin's log entries about it, the rows of every model
that refers to it (found at run time: a table added later is deleted unless REFERRING_ROWS
says otherwise; its emails go this way, with their delivery events), and the public page
cache. Status, days,
category, country and dates stay for the statistics."""

import secrets
from datetime import timedelta

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.caching import clear_public_pages
from mce_site.personal_data import history_model, models_referring_to
from registration.models import Registration
from registration.questions.services import answers_shown
from registration.self_service.models import EmailChange, InvitationLetter

# Registration fields that stay: they identify the booking, not the person.
KEPT_FIELDS = {"booking_reference"}
# Fields the site derives from what the person typed: personal although nobody types them.
DERIVED_FIELDS = {"normalised_email"}
# Fields that get the anonymised address (unique per row: the duplicate check's constraint
# holds for anonymised registrations that are still active).
ADDRESS_FIELDS = {"email", "normalised_email"}
# Neutral values where an empty one would not do.
ANONYMOUS_VALUES = {"first_name": "Anonymised", "listed_consent": False}
# Rows of models that refer to a registration and are not simply deleted, by model label:
# the values their fields get, or KEEP for rows without personal data (no free text).
KEEP = {}
REFERRING_ROWS = {
    "hotline.CallLog": {"text": ""},  # that someone called stays, not what was said
    "hotline.CheckIn": KEEP,  # arrivals count
    "registration.HistoricalRegistration_days": KEEP,  # which days, in the history
    "registration.Booking": KEEP,  # seats held count on the counters; no free text
}
ANONYMISED_REPR = "(anonymised)"
INVITATION_FIELDS = ("passport_name", "nationality", "passport_number", "arrival", "departure")


class StillActiveError(Exception):
    """Erasing the data of someone who still holds or waits for a seat."""

    message = _("Cancel the registration before erasing the person's data.")


@transaction.atomic
def erase_personal_data(*, registration):
    """Erases one person's data on request (see the module's docstring for what goes). Refuses
    while the registration is active, so no email can go to the erased address afterwards."""
    if registration.is_active:
        raise StillActiveError(StillActiveError.message)
    _anonymise(Registration.objects.filter(pk=registration.pk))
    registration.refresh_from_db()


@transaction.atomic
def anonymise_ended_conferences(*, older_than_days, now=None):
    """Anonymises every registration of conferences that ended more than `older_than_days`
    days ago and were not anonymised yet; returns how many. Counts by status, day,
    category and country stay as they were."""
    now = now or timezone.now()
    cutoff = timezone.localdate(now) - timedelta(days=older_than_days)
    registrations = Registration.objects.filter(
        conference__end_date__lt=cutoff, anonymised_at__isnull=True
    )
    return _anonymise(registrations)


def personal_fields(model=Registration):
    """Text fields of `model` that can name or reach a person: every concrete text field
    without fixed choices, except KEPT_FIELDS."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and not field.primary_key
        # not a token or key made by the site, never typed by anyone
        and (field.editable or field.name in DERIVED_FIELDS)
        and field.name not in KEPT_FIELDS
    ]


def _anonymise(registrations):
    """A fixed number of bulk statements whatever the number of rows; everything that refers
    to the registrations first, while they still match their filter."""
    pks = list(registrations.values_list("pk", flat=True))
    if not pks:
        return 0
    _anonymise_history(pks)
    _clear_referring_rows(pks)
    _clear_admin_log(Registration, pks)
    count = Registration.objects.filter(pk__in=pks).update(
        **_anonymous_values(personal_fields(), "pk"),
        **_dead_links("pk"),
        anonymised_at=timezone.now(),
    )
    transaction.on_commit(clear_public_pages)
    return count


def _dead_links(pk_field):
    """New unguessable manage and confirm tokens: the links the person had stop working (the
    tokens are not among the personal fields, as nobody typed them)."""
    return {
        name: Concat(Value(f"{secrets.token_urlsafe(24)}-"), Cast(pk_field, CharField()))
        for name in ("manage_token", "confirm_token")
    }


def _anonymous_values(fields, pk_field):
    # Unique fields (the manage token) get an unguessable new value per row, so the old link
    # dies; the address stays unique per row and invalid, so no email can reach anyone.
    unique_prefix = secrets.token_urlsafe(24)
    values = {}
    for field in fields:
        if field.name in ADDRESS_FIELDS:
            values[field.name] = Concat(
                Value("anonymised-"), Cast(pk_field, CharField()), Value("@invalid.invalid")
            )
        elif field.unique:
            values[field.name] = Concat(Value(f"{unique_prefix}-"), Cast(pk_field, CharField()))
        elif field.null:
            values[field.name] = None
        else:
            values[field.name] = ""
    return values | ANONYMOUS_VALUES


def _anonymise_history(pks):
    history = history_model(Registration)
    names = {field.name for field in personal_fields()}
    fields = [f for f in personal_fields(history) if f.name in names]
    history.objects.filter(id__in=pks).update(**_anonymous_values(fields, "id"))


def _clear_referring_rows(pks):
    for model in models_referring_to(Registration):
        if model._meta.auto_created:
            continue  # Django's own link tables (registration ↔ days) hold nothing personal
        links = [
            f.name
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is Registration
        ]
        rows = model.objects.none()
        for link in links:
            rows = rows | model.objects.filter(**{f"{link}__in": pks})
        rule = REFERRING_ROWS.get(model._meta.label)
        if rule is KEEP:
            continue
        row_pks = list(rows.values_list("pk", flat=True))
        _clear_admin_log(model, row_pks)
        if rule is None:
            _delete_history(model, row_pks)
            model.objects.filter(pk__in=row_pks).delete()
        else:
            model.objects.filter(pk__in=row_pks).update(**rule)


def _delete_history(model, pks):
    history = history_model(model)
    if history is not None:
        history.objects.filter(**{f"{model._meta.pk.attname}__in": pks}).delete()


def _clear_admin_log(model, pks):
    """The admin's history keeps that something was done, not to whom."""
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    ).update(object_repr=ANONYMISED_REPR, change_message="")


def export_personal_data(*, registration):
    """Everything stored about one person, as JSON-ready data (for a subject access request):
    the registration, its days, the call log, arrivals, every historical version, the emails
    sent to them, where they stand with each seat and waiting list, and their answers to the
    conference's questions."""
    fields = [
        f.name
        for f in Registration._meta.concrete_fields
        if f.name not in ("manage_token", "confirm_token", "submission_key", "email_message_id")
    ]
    history = registration.history.order_by("history_date").values(
        "history_date", "history_type", *[f for f in fields if f not in ("id",)]
    )
    return {
        "registration": {name: _plain(getattr(registration, name)) for name in fields}
        | {
            "conference": str(registration.conference),
            "category": str(registration.category),
            "days": [day.date.isoformat() for day in registration.days.all()],
        },
        "call_log": [
            {"when": log.logged_at.isoformat(), "channel": log.channel, "text": log.text}
            for log in registration.call_logs.all()
        ],
        "check_ins": [
            {"day": c.day.date.isoformat(), "at": c.checked_in_at.isoformat()}
            for c in registration.check_ins.select_related("day")
        ],
        "history": [{key: _plain(value) for key, value in row.items()} for row in history],
        "emails": [
            {
                "kind": email.kind,
                "state": email.state,
                "queued": _plain(email.created_at),
                "sent": _plain(email.sent_at),
                "last_error": email.last_error,
                "events": [
                    {"event": e.kind, "at": _plain(e.happened_at), "detail": e.detail}
                    for e in email.events.all()
                ],
            }
            for email in registration.outbox_emails.prefetch_related("events")
        ],
        "bookings": [
            {"item": str(b.item), "state": b.state, "since": _plain(b.joined_at)}
            for b in registration.bookings.select_related("item__day", "item__table")
        ],
        "agenda": [
            str(mark.session) for mark in registration.agenda_marks.select_related("session")
        ],
        "invitation_letter": [
            {name: _plain(getattr(letter, name)) for name in INVITATION_FIELDS}
            for letter in InvitationLetter.objects.filter(registration=registration)
        ],
        "answers": [
            {"question": str(question), "answer": text}
            for question, text in answers_shown(registration)
        ],
        "email_change_requested": [
            {"new_email": change.new_email, "requested": _plain(change.requested_at)}
            for change in EmailChange.objects.filter(registration=registration)
        ],
    }


def _plain(value):
    """A JSON-ready version of a model value (dates as ISO text, objects as their text)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return str(value)
