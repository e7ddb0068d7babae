"""Mass email: a hotline lead writes one email (English and German, Markdown, placeholders)
for the registrants chosen with the back office's filters, tries it on themselves, then
sends it. Every recipient gets their own outbox email, in their language, sent by the worker
like any other; the MassEmail row and its recipients are the log of who sent what to whom."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from registration.emails import send_registration_email
from registration.hotline.models import MassEmail, MassEmailRecipient

logger = logging.getLogger(__name__)


class NoAddressError(Exception):
    """The staff member asking for a test has no email address of their own."""


def mass_email_recipients(*, registrations):
    """Who among `registrations` may get a mass email: only addresses the person confirmed
    by the link (or the hotline entered), never one typed by someone unknown, and nobody
    whose data was erased."""
    return registrations.filter(email_confirmed_at__isnull=False, anonymised_at=None)


@transaction.atomic
def send_mass_email(*, registrations, content, by, chosen_by="", submission_key=""):
    """Queues the email (`content`: subject_en, subject_de, body_en, body_de) to every
    recipient among `registrations`, in this one transaction: all or none. The emails are
    spread out at MASS_EMAIL_PER_MINUTE, so the provider's limits hold and emails about a
    booking (due at once) do not queue behind a mass email. The same `submission_key` again
    (a double-clicked "Send") returns the first mass email and sends nothing more."""
    if submission_key:
        sent = MassEmail.objects.filter(submission_key=submission_key).first()
        if sent is not None:
            return sent
    recipients = list(mass_email_recipients(registrations=registrations).order_by("pk"))
    mass_email = MassEmail.objects.create(
        **content, sent_by=by, chosen_by=chosen_by[:2000], submission_key=submission_key
    )
    start = timezone.now()
    pause = datetime.timedelta(minutes=1) / settings.MASS_EMAIL_PER_MINUTE
    for position, registration in enumerate(recipients):
        _queue(mass_email, registration, "mass_email", not_before=start + position * pause)
    logger.info(
        "mass email %s sent by %s to %s registrations",
        mass_email.pk,
        by.pk,
        len(recipients),
        extra={"recipients": [registration.pk for registration in recipients]},
    )
    return mass_email


@transaction.atomic
def send_mass_email_test(*, sample, content, by):
    """Queues the email as `sample` (a real recipient) would get it, to `by`'s own address;
    logged like a real one, marked as a test."""
    if not by.email:
        raise NoAddressError
    mass_email = MassEmail.objects.create(**content, sent_by=by, is_test=True)
    _queue(mass_email, sample, "mass_email_test", not_before=None)
    logger.info("mass email test %s sent by %s", mass_email.pk, by.pk)
    return mass_email


def _queue(mass_email, registration, kind, *, not_before):
    email = send_registration_email(
        registration=registration,
        kind=kind,
        idempotency_key=f"{kind}:{mass_email.pk}:{registration.pk}",
        not_before=not_before,
    )
    MassEmailRecipient.objects.create(mass_email=mass_email, registration=registration, email=email)
