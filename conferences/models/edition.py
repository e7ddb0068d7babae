"""A conference series, its editions, their days and rooms."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from conferences.capacity import check_capacity


def time_zone_choices():
    """Region/City names of the installed time zone database. Offered by the admin form,
    never stored in a migration: the list changes with each tzdata release."""
    return [(tz, tz) for tz in sorted(zoneinfo.available_timezones()) if "/" in tz]


def validate_time_zone(name):
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("“%(name)s” is not a time zone; use a name such as Europe/Berlin."),
            params={"name": name},
        ) from error


def default_pending_hold_hours():
    """A few hours: long enough to find the email, short enough that unconfirmed sign-ups
    cannot keep seats from others for days (settings.DEFAULT_PENDING_HOLD_HOURS)."""
    return settings.DEFAULT_PENDING_HOLD_HOURS


class Audience(models.TextChoices):
    OPEN = "open", _("Open to all")
    INTERNATIONAL = "international", _("Reserved for international guests")


class WaitingListPromotion(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatic: confirmed at once, with an email")
    OFFER = "offer", _("Offer: the seat is held for a set time until accepted")


class Series(models.Model):
    """A recurring event, e.g. the annual conference of Major Cities of Europe."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    short_name = models.CharField(_("short name"), max_length=20, help_text=_("e.g. MCE"))
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("conference series")
        verbose_name_plural = _("conference series")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Conference(models.Model):
    """One edition of a series, e.g. MCE 2018 in Leipzig."""

    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, related_name="editions", verbose_name=_("series")
    )
    slug = models.SlugField(
        _("slug"), unique=True, help_text=_("Part of the address, e.g. 2018-leipzig")
    )
    title = models.CharField(_("title"), max_length=200)
    motto = models.CharField(_("motto"), max_length=300, blank=True)
    lead = models.TextField(_("lead text"), blank=True)
    description = models.TextField(_("description"), blank=True)
    why_attend = models.TextField(_("why attend"), blank=True, help_text=_("One reason per line."))
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, validators=[validate_time_zone], default="Europe/Berlin"
    )
    host_name = models.CharField(_("host"), max_length=200, blank=True)
    host_url = models.URLField(_("host website"), blank=True)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue address"), blank=True)
    venue_latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    venue_longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    venue_url = models.URLField(_("venue website"), blank=True)
    travel_notes = models.TextField(_("travel notes"), blank=True)

    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    registration_full = models.BooleanField(
        _("registration full"),
        default=False,
        help_text=_("Close registration as full now, whatever the seat counts say."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), help_text=_("Most confirmed participants for the whole conference.")
    )
    gala_dinner_capacity = models.PositiveIntegerField(
        _("gala dinner capacity"), null=True, blank=True, help_text=_("Empty: no gala dinner.")
    )
    pending_hold_hours = models.PositiveSmallIntegerField(
        _("hold unconfirmed registrations (hours)"),
        default=default_pending_hold_hours,
        help_text=_("A registration not confirmed by email within this time expires."),
    )
    waiting_list_promotion = models.CharField(
        _("when a seat becomes free"),
        max_length=20,
        choices=WaitingListPromotion.choices,
        default=WaitingListPromotion.AUTOMATIC,
        help_text=_("How the next person on a waiting list gets the seat."),
    )
    offer_hold_hours = models.PositiveSmallIntegerField(
        _("hold an offered seat (hours)"),
        default=48,
        help_text=_("An offer not accepted within this time passes to the next person."),
    )
    changes_close_at = models.DateTimeField(
        _("attendees' own changes close"),
        null=True,
        blank=True,
        help_text=_(
            "After this, the manage link shows the registration read-only and points to the "
            "hotline, which can still change it. Empty: no deadline."
        ),
    )
    booking_prefix = models.CharField(
        _("booking reference prefix"), max_length=8, help_text=_("e.g. MCE18")
    )

    letterhead = models.ImageField(
        _("letterhead"),
        upload_to="letterheads/",
        blank=True,
        help_text=_("Top of the invitation letters for visas: PNG or JPEG, as wide as the page."),
    )
    letter_sender = models.TextField(
        _("letter sender"),
        blank=True,
        help_text=_("The organiser's name and address, printed under the letterhead."),
    )
    letter_signatory = models.CharField(
        _("letters signed by"),
        max_length=200,
        blank=True,
        help_text=_("Name and function, e.g. Dr. Anna Muster, Secretary General."),
    )

    hotline_phone = models.CharField(_("hotline phone"), max_length=40, blank=True)
    hotline_fax = models.CharField(_("hotline fax"), max_length=40, blank=True)
    hotline_email = models.EmailField(_("hotline email"), blank=True)

    is_published = models.BooleanField(_("published"), default=False)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Shows a notice that this edition is demo data.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="conference_ends_after_it_starts",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="conference_registration_closes_after_it_opens",
                violation_error_message=_("Registration must close after it opens."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conferences:detail", kwargs={"slug": self.slug})

    @cached_property
    def has_world_cafe(self):
        """Whether its pages link the World Café. queries.visible_conferences() sets it as an
        annotation (the instance attribute wins over this fallback), saving a query per page."""
        return self.world_cafe_tables.exists()

    def clean(self):
        check_capacity(self)

    @property
    def promotes_by_offer(self):
        return self.waiting_list_promotion == WaitingListPromotion.OFFER

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def has_gala_dinner(self):
        return self.gala_dinner_capacity is not None

    def why_attend_points(self):
        return [line.strip(" -–•\t") for line in self.why_attend.splitlines() if line.strip()]


class Day(models.Model):
    """A conference day; who may attend it is data (opening day open, others reserved)."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="days", verbose_name=_("conference")
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120, blank=True, help_text=_("e.g. Opening day"))
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.OPEN
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: the conference capacity.")
    )

    class Meta:
        verbose_name = _("day")
        verbose_name_plural = _("days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "date"],
                name="day_date_unique_per_conference",
                violation_error_message=_("This conference already has this day."),
            ),
        ]

    def __str__(self):
        # In the active language: "Mon 22 Feb 2027" / "Mo, 22. Feb 2027".
        label = date_format(self.date, "SHORT_WEEKDAY_DATE_FORMAT")
        return f"{label} – {self.name}" if self.name else label

    def clean(self):
        conference = getattr(self, "conference", None)
        if (
            conference
            and self.date
            and not (conference.start_date <= self.date <= conference.end_date)
        ):
            raise ValidationError({"date": _("The day must lie within the conference dates.")})
        if conference:
            check_capacity(self)

    @property
    def is_reserved(self):
        return self.audience == Audience.INTERNATIONAL


class Room(models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("conference")
    )
    name = models.CharField(_("name"), max_length=120)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "name"], name="room_name_unique_per_conference"
            ),
        ]

    def __str__(self):
        return self.name
