"""Registrations of attendees and the per-conference data that governs them.

The rules that change these rows (submit, confirm, promote, cancel, ...) live in
`registration/services.py`; this module only says what a registration is."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from conferences.models import Conference, Day, WorldCafeTable


def new_manage_token():
    """256 bits from the OS's CSPRNG: the personal manage link cannot be guessed."""
    return secrets.token_urlsafe(32)


class ParticipantCategory(models.Model):
    """Who a registrant is (member city, university, press, ...), configured per conference.
    Whether the category may attend days reserved for international guests is data."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="participant_categories",
        verbose_name=_("conference"),
    )
    code = models.SlugField(_("code"))
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("explanation"), max_length=300, blank=True)
    may_attend_reserved_days = models.BooleanField(
        _("may attend days reserved for international guests"), default=False
    )
    is_press = models.BooleanField(_("press"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("participant category")
        verbose_name_plural = _("participant categories")
        ordering = ["conference", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "code"], name="category_code_unique_per_conference"
            ),
        ]

    def __str__(self):
        return self.name


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending email confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")

    class Source(models.TextChoices):
        WEB = "web", _("Web form")
        PHONE = "phone", _("Phone")
        FAX = "fax", _("Fax")
        EMAIL = "email", _("Email")
        ON_SITE = "on_site", _("On site")

    class EmailStatus(models.TextChoices):
        UNKNOWN = "", _("Not yet sent")
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        BOUNCED = "bounced", _("Bounced")
        REJECTED = "rejected", _("Rejected")
        FAILED = "failed", _("Sending failed")

    # Who the person is and how to reach them, in the order forms ask for it.
    CONTACT_FIELDS = (
        "title",
        "first_name",
        "last_name",
        "organisation",
        "position",
        "city",
        "country",
        "email",
        "phone",
    )
    # What they need from us: personal data like the contact fields.
    NEEDS_FIELDS = ("dietary_needs", "accessibility_needs")

    # Statuses that hold (or wait for) a seat; one such registration per email and conference.
    ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

    conference = models.ForeignKey(
        Conference,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("conference"),
    )
    booking_reference = models.CharField(_("booking reference"), max_length=16, unique=True)
    manage_token = models.CharField(
        max_length=64, unique=True, default=new_manage_token, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.WEB
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )

    title = models.CharField(_("title"), max_length=40, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    email = models.EmailField(_("email"), max_length=254)
    phone = PhoneNumberField(_("phone"), blank=True)
    category = models.ForeignKey(
        ParticipantCategory,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("participant category"),
    )

    days = models.ManyToManyField(Day, related_name="registrations", verbose_name=_("days"))
    gala_dinner = models.BooleanField(_("gala dinner"), default=False)
    first_table_choice = models.ForeignKey(
        WorldCafeTable,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("World Café: first choice"),
    )
    second_table_choice = models.ForeignKey(
        WorldCafeTable,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("World Café: second choice"),
    )
    world_cafe_table = models.ForeignKey(
        WorldCafeTable,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("World Café table assigned"),
    )
    dietary_needs = models.TextField(_("dietary needs"), blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    privacy_consent_at = models.DateTimeField(_("privacy notice accepted"), null=True)
    listed_consent = models.BooleanField(_("appears on the participants list"), default=False)

    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    expires_at = models.DateTimeField(_("unconfirmed registration expires"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    email_status = models.CharField(
        _("email status"), max_length=20, choices=EmailStatus.choices, default="", blank=True
    )
    email_status_at = models.DateTimeField(_("email status changed"), null=True, blank=True)
    email_status_detail = models.CharField(_("email status detail"), max_length=300, blank=True)
    # The provider's id of the last email sent, so its tracking webhook finds the registration.
    email_message_id = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    # A random key in each web form; a double-clicked submit finds the registration it made.
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[days], excluded_fields=["manage_token"])

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["conference", "status"]),
            models.Index(fields=["conference", "status", "waitlisted_at"]),
            models.Index(fields=["status", "expires_at"]),
            models.Index(Lower("email"), name="registration_email_ci"),
            models.Index(Lower("last_name"), name="registration_last_name_ci"),
        ]
        constraints = [
            # The database, not only the form, keeps one active registration per person:
            # a double-clicked submit or two tabs cannot create a duplicate.
            models.UniqueConstraint(
                Lower("email"),
                "conference",
                condition=Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="one_active_registration_per_email",
                violation_error_message=_("This email address is already registered."),
            ),
        ]

    def __str__(self):
        return f"{self.booking_reference} {self.first_name} {self.last_name}"

    def get_manage_url(self):
        return reverse("registration:manage", kwargs={"token": self.manage_token})

    @property
    def full_name(self):
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)

    @property
    def is_active(self):
        return self.status in self.ACTIVE_STATUSES
