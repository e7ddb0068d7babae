"""What the hotline records beside a registration: the calls about it and the arrivals.

Both are append-only logs written by `registration/hotline/services.py`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from conferences.models import Day
from registration.models import Registration


class BackOffice(models.Model):
    """No table: only the permissions that open the back office and its personal-data
    tools (Django's usual home for permissions that belong to no single model)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("use_back_office", _("Can use the hotline back office and see personal data")),
            ("erase_personal_data", _("Can export and erase a person's data")),
            ("export_registrations", _("Can export lists of registrations")),
            ("email_many_registrants", _("Can email many registrants at once")),
        ]

    def __str__(self):
        return str(_("Hotline back office"))


class CallLog(models.Model):
    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone")
        FAX = "fax", _("Fax")
        EMAIL = "email", _("Email")
        ON_SITE = "on_site", _("On site")

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="call_logs",
        verbose_name=_("registration"),
    )
    logged_at = models.DateTimeField(_("when"), auto_now_add=True)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.PHONE
    )
    text = models.TextField(_("what was said"))

    class Meta:
        verbose_name = _("call log entry")
        verbose_name_plural = _("call log")
        ordering = ["-logged_at", "-pk"]

    def __str__(self):
        return f"{self.get_channel_display()}: {self.text[:40]}"


class CheckIn(models.Model):
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="check_ins",
        verbose_name=_("registration"),
    )
    day = models.ForeignKey(
        Day, on_delete=models.PROTECT, related_name="check_ins", verbose_name=_("day")
    )
    checked_in_at = models.DateTimeField(_("checked in at"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-checked_in_at"]
        constraints = [
            # A second scan must not count a second arrival, even when two desks scan at once.
            models.UniqueConstraint(fields=["registration", "day"], name="one_check_in_per_day"),
        ]

    def __str__(self):
        return f"{self.registration.booking_reference} {self.day.date}"


class MassEmail(models.Model):
    """An email a hotline lead wrote once and sent to many registrants (or, as a test, to
    themselves): the log of who sent what and when; its recipients say to whom, each with
    the state of their email in the outbox (registration/services/mass_email.py)."""

    subject_en = models.CharField(_("subject (English)"), max_length=200)
    subject_de = models.CharField(_("subject (German)"), max_length=200)
    body_en = models.TextField(_("text (English)"))
    body_de = models.TextField(_("text (German)"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    is_test = models.BooleanField(_("test to the sender"), default=False)
    # The back office's filters and search that chose the recipients (the list's query).
    chosen_by = models.CharField(_("recipients chosen by"), max_length=2000, blank=True)
    # A random key in each compose page: a double-clicked "Send" finds the email it sent.
    submission_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("mass email")
        verbose_name_plural = _("mass emails")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission_key"],
                condition=~models.Q(submission_key=""),
                name="mass_email_sent_once_per_page",
            ),
        ]

    def __str__(self):
        return self.subject_en


class MassEmailRecipient(models.Model):
    mass_email = models.ForeignKey(
        MassEmail, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("email")
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="mass_emails_received",
        verbose_name=_("registration"),
    )
    email = models.OneToOneField(
        "outbox.OutboxEmail",
        on_delete=models.CASCADE,
        related_name="mass_recipient",
        verbose_name=_("outbox email"),
    )

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mass_email", "registration"], name="mass_email_once_per_registration"
            ),
        ]

    def __str__(self):
        return f"{self.mass_email_id} → {self.registration_id}"
