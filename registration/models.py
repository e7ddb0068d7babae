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
from simple_history import utils
from simple_history.models import HistoricalRecords

from conferences.models import Conference, Day, WorldCafeTable

from .addresses import normalised_address


class RegistrationHistory(HistoricalRecords):
    """simple_history, minus one query per save: to copy the days into the history it asks
    the history row for its instance, which re-reads the excluded manage token from the
    database; the instance being saved is at hand. A service that has just written or read
    the days hands them over (`hand_days_to_history`), saving the query that reads them."""

    def create_historical_record_m2ms(self, history_instance, instance):
        written = instance.__dict__.pop("_days_at_hand", None)
        for field in history_instance._history_m2m_fields:
            through = getattr(instance, field.name).through
            through_field = utils.get_m2m_field_name(field)
            names = [f.attname for f in through._meta.fields]
            if field.name == "days" and written is not None:
                rows = [{name: getattr(link, name) for name in names} for link in written]
            else:
                rows = through.objects.filter(**{through_field: instance}).values(*names)
            self.m2m_models[field].objects.bulk_create(
                self.m2m_models[field](history=history_instance, **row) for row in rows
            )


def record_history(registration, history_type, *, by=None, days=None):
    """A history record of the registration as it is now, for a row saved without one
    (a sign-up inserts the row, its days and its seats, then records them together).
    `days`: the registration's link rows to its days, when just written (with their ids)."""
    if by is not None:
        registration._history_user = by
    if days is not None:
        hand_days_to_history(registration, days)
    REGISTRATION_HISTORY.create_historical_record(registration, history_type)


def hand_days_to_history(registration, links):
    """The registration's links to its days (with their ids), written or read under its lock
    in this transaction: its next history record copies them instead of reading them."""
    if all(link.pk is not None for link in links):
        registration._days_at_hand = links


# The personal links' tokens are secrets: never copied into the history.
REGISTRATION_HISTORY = RegistrationHistory(
    m2m_fields=["days"], excluded_fields=["manage_token", "confirm_token"]
)


def new_manage_token():
    """256 bits from the OS's CSPRNG: the personal manage link cannot be guessed."""
    return secrets.token_urlsafe(32)


def new_confirm_token():
    """The confirmation link's own 256 bits: it confirms the address and opens nothing else,
    so a new manage link never breaks it and it never leads to the manage page."""
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

    class Accreditation(models.TextChoices):
        # Journalists (a press category) are accredited by a press officer; others need not.
        NOT_NEEDED = "", _("Not needed")
        PENDING = "pending", _("Waiting for approval by the press office")
        APPROVED = "approved", _("Accredited")
        DECLINED = "declined", _("Not accredited")

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
    confirm_token = models.CharField(
        max_length=64, unique=True, default=new_confirm_token, editable=False
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
    # What the duplicate check compares (`addresses.normalised_address`), kept in step with
    # `email` by save(); mail goes to `email` as typed.
    normalised_email = models.CharField(
        _("address for the duplicate check"), max_length=320, editable=False, db_index=True
    )
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
    waits_for_all_days = models.BooleanField(
        _("waits for all chosen days together"),
        default=False,
        help_text=_(
            "When a chosen day is full: wait for the whole registration, not only that day."
        ),
    )
    waits_for_table = models.BooleanField(
        _("waits for a table of their choice"),
        default=True,
        help_text=_("When both chosen tables are full: wait for either of them."),
    )
    dietary_needs = models.TextField(_("dietary needs"), blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    privacy_consent_at = models.DateTimeField(_("privacy notice accepted"), null=True)
    listed_consent = models.BooleanField(_("appears on the participants list"), default=False)

    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    expires_at = models.DateTimeField(_("unconfirmed registration expires"), null=True, blank=True)
    # When the one reminder before `expires_at` is due; cleared once it is sent.
    hold_remind_at = models.DateTimeField(null=True, blank=True, editable=False)
    email_confirmed_at = models.DateTimeField(
        _("email address confirmed"),
        null=True,
        blank=True,
        help_text=_("By the link sent to it, or entered by the hotline."),
    )
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
    # Registered together with others (registration/services/delegations.py); indexed by
    # the foreign key for the lead's page and the hotline's filter.
    delegation = models.ForeignKey(
        "Delegation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("delegation"),
    )

    # Decided by a press officer (registration/services/accreditation.py).
    press_accreditation = models.CharField(
        _("press accreditation"), max_length=10, choices=Accreditation.choices, blank=True
    )
    accreditation_note = models.TextField(_("note on the accreditation"), blank=True)
    accreditation_decided_at = models.DateTimeField(_("accreditation decided"), null=True)
    accreditation_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accreditation decided by"),
    )

    history = REGISTRATION_HISTORY

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at"]
        indexes = [
            # Also the hotline dashboard's tallies by status, country and category: counted
            # from the index alone, without reading every registration's row.
            models.Index(
                fields=["conference", "status", "country", "category"],
                name="registration_conf_tally",
            ),
            models.Index(fields=["conference", "status", "waitlisted_at"]),
            models.Index(fields=["status", "expires_at"]),
            # The cap on unconfirmed holds counts here (a range of at most the cap's size).
            models.Index(
                fields=["conference", "expires_at"],
                condition=Q(status="pending"),
                name="registration_unconfirmed_hold",
            ),
            models.Index(
                fields=["hold_remind_at"],
                condition=Q(hold_remind_at__isnull=False),
                name="registration_hold_remind_due",
            ),
            models.Index(Lower("email"), name="registration_email_ci"),
            models.Index(Lower("last_name"), name="registration_last_name_ci"),
            # The hotline's list, newest first (the admin adds -pk as a tie-break): its first
            # page is read from these without sorting every registration.
            models.Index(
                fields=["conference", "created_at", "id"], name="registration_conf_newest"
            ),
            models.Index(fields=["created_at", "id"], name="registration_newest"),
            # The country filter's choices are found by skipping through these, one probe a
            # country (see hotline.queries.registered_countries).
            models.Index(fields=["conference", "country"], name="registration_conf_country"),
            models.Index(fields=["country"], name="registration_country"),
        ]
        constraints = [
            # The database, not only the form, keeps one active registration per person:
            # a double-clicked submit, two tabs or `name+1@…` cannot create a duplicate.
            models.UniqueConstraint(
                "normalised_email",
                "conference",
                condition=Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="one_active_registration_per_email",
                violation_error_message=_("This email address is already registered."),
            ),
        ]

    def __str__(self):
        return f"{self.booking_reference} {self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        # Only a new or changed address is normalised again: rows that the migration kept
        # apart (duplicates from before the rule) keep their distinct value.
        email = self.__dict__.get("email")
        loaded = getattr(self, "_email_as_loaded", None)
        if email is not None and (self._state.adding or email != loaded):
            self.normalised_email = normalised_address(email)
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "email" in update_fields:
                kwargs["update_fields"] = {*update_fields, "normalised_email"}
        super().save(*args, **kwargs)
        self._email_as_loaded = email

    @classmethod
    def from_db(cls, db, field_names, values):
        registration = super().from_db(db, field_names, values)
        registration._email_as_loaded = registration.__dict__.get("email")
        return registration

    def get_manage_url(self):
        return reverse("registration:manage", kwargs={"token": self.manage_token})

    def get_confirm_url(self):
        return reverse("registration:confirm", kwargs={"token": self.confirm_token})

    @property
    def full_name(self):
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)

    @property
    def is_active(self):
        return self.status in self.ACTIVE_STATUSES

    @property
    def email_confirmed(self):
        return self.email_confirmed_at is not None


class PressRegistrationManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().exclude(press_accreditation="")


class PressAccreditation(Registration):
    """Registrations that need press accreditation, as press officers see them in admin: the
    same rows, with permissions of their own (a press officer sees no other registrant)."""

    objects = PressRegistrationManager()

    class Meta:
        proxy = True
        verbose_name = _("press accreditation")
        verbose_name_plural = _("press accreditations")


class CapacityItem(models.Model):
    """Something with a limited number of seats: the conference as a whole, one day, the gala
    dinner or one World Café table, with its own waiting list (its waiting bookings).

    `taken` counts the seats held or offered. Only `registration.capacity` changes it, with
    conditional updates (`taken = taken + 1 WHERE taken < capacity`), and the database
    refuses a row where taken exceeds capacity. `capacity` mirrors what organisers set on
    the conference, day or table (synchronised on save)."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        DAY = "day", _("Day")
        DINNER = "dinner", _("Gala dinner")
        TABLE = "table", _("World Café table")

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="capacity_items"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    day = models.OneToOneField(
        Day, on_delete=models.CASCADE, null=True, blank=True, related_name="capacity_item"
    )
    table = models.OneToOneField(
        WorldCafeTable,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="capacity_item",
    )
    capacity = models.PositiveIntegerField(_("capacity"))
    taken = models.PositiveIntegerField(_("seats taken"), default=0)

    class Meta:
        verbose_name = _("capacity item")
        verbose_name_plural = _("capacity items")
        ordering = ["conference", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(taken__lte=models.F("capacity")),
                name="capacity_item_never_oversold",
                violation_error_message=_("More seats would be taken than there are."),
            ),
            models.UniqueConstraint(
                fields=["conference", "kind"],
                condition=Q(kind__in=["conference", "dinner"]),
                name="one_conference_and_dinner_item_per_conference",
            ),
            models.CheckConstraint(
                condition=(Q(kind="day") & Q(day__isnull=False) & Q(table__isnull=True))
                | (Q(kind="table") & Q(table__isnull=False) & Q(day__isnull=True))
                | (Q(kind__in=["conference", "dinner"]) & Q(day__isnull=True, table__isnull=True)),
                name="capacity_item_refers_to_its_kind",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.DAY:
            return str(self.day)
        if self.kind == self.Kind.TABLE:
            return str(self.table)
        if self.kind == self.Kind.DINNER:
            return str(_("the gala dinner"))
        return str(_("the conference"))

    @property
    def seats_left(self):
        return max(self.capacity - self.taken, 0)


def new_offer_token():
    return secrets.token_urlsafe(32)


class Booking(models.Model):
    """What one registration has of one capacity item: a seat (held), a seat offered from
    the waiting list until a deadline (offered), or a place on the item's waiting list
    (waiting). A registration that gives an item up loses its row.

    Waiting lists are in arrival order (`joined_at`, then pk). A place counts in the queue
    only once the address is confirmed (`queued`): an unconfirmed address is never promoted."""

    class State(models.TextChoices):
        HELD = "held", _("Seat")
        OFFERED = "offered", _("Seat offered")
        WAITING = "waiting", _("Waiting list")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="bookings"
    )
    item = models.ForeignKey(CapacityItem, on_delete=models.CASCADE, related_name="bookings")
    state = models.CharField(max_length=10, choices=State.choices)
    joined_at = models.DateTimeField(_("joined the waiting list"))
    queued = models.BooleanField(default=False)
    # An unconfirmed hold or an offer ends here; the sweep and sign-ups release it after.
    expires_at = models.DateTimeField(null=True, blank=True)
    remind_at = models.DateTimeField(null=True, blank=True)
    offer_token = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["item", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "item"], name="one_booking_per_item_and_registration"
            ),
        ]
        indexes = [
            # The head of a waiting list: an index range scan, whatever the list's length.
            models.Index(
                fields=["item", "joined_at", "id"],
                condition=Q(state="waiting", queued=True),
                name="booking_waiting_queue",
            ),
            models.Index(
                fields=["item", "expires_at"],
                condition=Q(expires_at__isnull=False),
                name="booking_expiring_hold",
            ),
            models.Index(
                fields=["remind_at"],
                condition=Q(remind_at__isnull=False),
                name="booking_offer_remind_due",
            ),
        ]

    def __str__(self):
        return f"{self.registration_id}: {self.item} ({self.state})"


class Delegation(models.Model):
    """People a city or organisation registers together: each member is a registration of
    their own (own seats, own confirmation, own manage link); the delegation only groups them
    and names the lead, who fills in the form and sees the members' states on their manage
    page. The lead is always the first member (registration/services/delegations.py)."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.PROTECT,
        related_name="delegations",
        verbose_name=_("conference"),
    )
    name = models.CharField(_("delegation"), max_length=200)
    reference = models.CharField(_("delegation reference"), max_length=20, unique=True)
    lead = models.OneToOneField(
        "Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_delegation",
        verbose_name=_("lead"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["conference", "name", "pk"]

    def __str__(self):
        return f"{self.reference} {self.name}"


# The custom questions and their answers live in a module of their own (registration/questions/);
# imported here so that Django finds them as this app's models.
from .questions.models import Answer, Question, QuestionChoice  # noqa: E402, F401
