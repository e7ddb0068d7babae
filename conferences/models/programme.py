"""What happens at a conference: topics, sessions, speakers, World Café tables, projects."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from conferences.capacity import check_capacity
from mce_site.slug_urls import slug_url

from ..caching import clear_public_pages
from .changes import SessionState, pending_schedule_change, schedule_snapshot
from .edition import Audience, Conference, Day, Room


class Topic(models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="topics", verbose_name=_("conference")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    slug = models.SlugField(_("slug"))
    title = models.CharField(_("title"), max_length=200)
    lead_question = models.CharField(_("lead question"), max_length=400, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["conference", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "number"],
                name="topic_number_unique_per_conference",
                violation_error_message=_("Another topic of this conference has this number."),
            ),
            models.UniqueConstraint(
                fields=["conference", "slug"], name="topic_slug_unique_per_conference"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return slug_url("conferences:topic", slug=self.conference.slug, topic_slug=self.slug)


class Speaker(models.Model):
    """A person on stage; speakers return across editions, so they belong to no conference."""

    slug = models.SlugField(_("slug"), unique=True)
    academic_title = models.CharField(_("academic title"), max_length=40, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    bio = models.TextField(_("short bio"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="speakers/", blank=True)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return slug_url("conferences:speaker", speaker_slug=self.slug)

    @property
    def full_name(self):
        return " ".join(p for p in (self.academic_title, self.first_name, self.last_name) if p)


class SessionKind(models.TextChoices):
    KEYNOTE = "keynote", _("Keynote")
    PLENARY = "plenary", _("Plenary")
    TOPIC_SESSION = "topic_session", _("Topic session")
    HOST_CITY = "host_city", _("Host city presentation")
    PROJECT_SHOWCASE = "project_showcase", _("Project showcase")
    WORLD_CAFE = "world_cafe", _("World Café")
    SOCIAL = "social", _("Social event")
    BREAK = "break", _("Break")


class Session(models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("conference")
    )
    day = models.ForeignKey(
        Day, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("day")
    )
    slug = models.SlugField(_("slug"), max_length=80)
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("room"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("topic"),
    )
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.OPEN
    )
    speakers = models.ManyToManyField(
        Speaker,
        through="SessionSpeaker",
        related_name="sessions",
        blank=True,
        verbose_name=_("speakers"),
    )
    is_published = models.BooleanField(_("published"), default=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=SessionState.choices,
        default=SessionState.SCHEDULED,
        help_text=_(
            "A cancelled session stays on the programme, marked as cancelled. A new time or "
            "room marks a published session as moved."
        ),
    )
    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Raised with every recorded change (iCalendar SEQUENCE)."),
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "room__name"]
        indexes = [models.Index(fields=["conference", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.UniqueConstraint(
                fields=["conference", "slug"],
                name="session_slug_unique_per_conference",
                violation_error_message=_("Another session of this conference has this slug."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, record_changes=True, **kwargs):
        """Saves the session and, for a published one whose time, room, title or state
        changed, a ScheduleChange in the same transaction (see models/changes.py).
        `record_changes=False` is for moves that are no news (shifting demo data)."""
        before = getattr(self, "_schedule_before", None)
        with transaction.atomic(using=kwargs.get("using")):
            change = pending_schedule_change(self, before) if record_changes else None
            update_fields = kwargs.get("update_fields")
            if change is not None and update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "state", "sequence"}
            super().save(*args, **kwargs)
            if change is not None:
                change.save()
                # A change by an import (not through admin) must reach cached pages too:
                # now, and again after the commit (see caching.ClearsPublicPagesOnSaveMixin).
                clear_public_pages()
                transaction.on_commit(clear_public_pages)
        self._schedule_before = schedule_snapshot(self)

    def get_absolute_url(self):
        return slug_url("conferences:session", slug=self.conference.slug, session_slug=self.slug)

    # get_kind_display() builds a dict of every choice on each call, and so does `.values`;
    # the programme asks per row.
    @property
    def kind_label(self):
        return _choice_label(SessionKind, self.kind)

    @property
    def state_label(self):
        return _choice_label(SessionState, self.state)

    @classmethod
    def from_db(cls, db, field_names, values):
        session = super().from_db(db, field_names, values)
        session._schedule_before = schedule_snapshot(session)
        return session

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        fresh = schedule_snapshot(self)
        before = getattr(self, "_schedule_before", None)
        if fields is None or before is None or fresh is None:
            self._schedule_before = fresh
        else:  # only what was read again is "as stored" now
            before.update({name: fresh[name] for name in fields if name in fresh})

    @property
    def is_cancelled(self):
        return self.state == SessionState.CANCELLED

    def clean(self):
        """A session lies within its conference's dates, on its day, in the conference's
        time zone (a database check cannot see the other tables)."""
        conference = getattr(self, "conference", None)
        day = getattr(self, "day", None)
        if not (conference and self.starts_at and self.ends_at):
            return
        tz = conference.tzinfo
        start_date = timezone.localtime(self.starts_at, tz).date()
        end_date = timezone.localtime(self.ends_at, tz).date()
        errors = {}
        if not (conference.start_date <= start_date <= conference.end_date) or not (
            conference.start_date <= end_date <= conference.end_date + _one_day()
        ):
            errors["starts_at"] = _("The session must take place within the conference dates.")
        elif day is not None and day.date != start_date:
            errors["day"] = _("The session starts on another date than the chosen day.")
        if day is not None and day.conference_id != conference.pk:
            errors["day"] = _("The day belongs to another conference.")
        if self.topic_id and self.topic.conference_id != conference.pk:
            errors["topic"] = _("The topic belongs to another conference.")
        if self.room_id and self.room.conference_id != conference.pk:
            errors["room"] = _("The room belongs to another conference.")
        if errors:
            raise ValidationError(errors)


def _one_day():
    # An evening event (the gala dinner) may end after midnight of the last day.
    return datetime.timedelta(days=1)


class SessionSpeaker(models.Model):
    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        MODERATOR = "moderator", _("Moderator")
        HOST = "host", _("Host")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="appearances")
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="appearances")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker of a session")
        verbose_name_plural = _("speakers of the session")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "speaker"], name="speaker_once_per_session"),
        ]

    def __str__(self):
        return f"{self.speaker} ({self.get_role_display()})"


class WorldCafeTable(models.Model):
    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="world_cafe_tables",
        verbose_name=_("conference"),
    )
    number = models.PositiveSmallIntegerField(_("table number"))
    theme = models.CharField(_("theme"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    host_name = models.CharField(_("table host"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(_("seats"), default=10)

    class Meta:
        verbose_name = _("World Café table")
        verbose_name_plural = _("World Café tables")
        ordering = ["conference", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "number"],
                name="table_number_unique_per_conference",
                violation_error_message=_("Another table of this conference has this number."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gt=0),
                name="table_has_seats",
                violation_error_message=_("A table needs at least one seat."),
            ),
        ]

    def __str__(self):
        return _("Table %(number)s: %(theme)s") % {"number": self.number, "theme": self.theme}

    def clean(self):
        if self.conference_id:
            check_capacity(self)


class Project(models.Model):
    """A project presenting its aims and results alongside the conference (e.g. EU projects)."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="projects", verbose_name=_("conference")
    )
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    url = models.URLField(_("website"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("showcased project")
        verbose_name_plural = _("showcased projects")
        ordering = ["order", "name"]

    def __str__(self):
        return self.acronym or self.name


class Partner(models.Model):
    class Role(models.TextChoices):
        HOST = "host", _("Host")
        ORGANISER = "organiser", _("Organiser")
        PARTNER = "partner", _("Partner")
        SPONSOR = "sponsor", _("Sponsor")

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="partners", verbose_name=_("conference")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    url = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="partners/", blank=True)
    logo_alt = models.CharField(
        _("text of the logo"),
        max_length=200,
        blank=True,
        help_text=_("What the logo says, for people who cannot see it; the name when empty."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def logo_text(self):
        return self.logo_alt or self.name


def _choice_label(choices, value):
    try:
        return choices(value).label
    except ValueError:  # a value no longer among the choices
        return value
