"""Press releases (with embargo), the organisations and contacts behind them, the press kit
of a conference and short news items.

A press release is written in one language and may have one translation per other language
(`translation_of`). Which releases visitors see at a given moment is decided in one place,
`conferences.press.queries.published_releases`."""

import zoneinfo
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from conferences.models import Conference

# Embargoes are set and shown in German time, whatever the server's TIME_ZONE says: the
# network's press office works in Berlin and journalists read "Sperrfrist 10:00" that way.
EMBARGO_TIME_ZONE = zoneinfo.ZoneInfo("Europe/Berlin")

PRESS_KIT_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "gif", "svg", "eps", "pdf", "zip"]
# Shown inline as a preview; other files (SVG may carry scripts) are only ever downloaded.
PREVIEWABLE_EXTENSIONS = {"png", "jpg", "jpeg", "webp", "gif"}


class Organisation(models.Model):
    """The body issuing a press release, with its standard "about us" paragraph."""

    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("postal address"), max_length=300, blank=True)
    boilerplate = models.TextField(
        _("about the organisation"),
        blank=True,
        help_text=_("The standard paragraph printed at the end of every press release."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PressContact(models.Model):
    """A person journalists may call; shown under the organisation's releases and on the
    press page of each conference they are listed for."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("e.g. Spokesman"))
    phone = PhoneNumberField(_("phone"), blank=True)
    fax = PhoneNumberField(_("fax"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    conferences = models.ManyToManyField(
        Conference,
        blank=True,
        related_name="press_contacts",
        verbose_name=_("shown on the press page of"),
    )

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.organisation})"


class PressRelease(models.Model):
    conference = models.ForeignKey(
        Conference,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="press_releases",
        verbose_name=_("conference"),
        help_text=_("Empty: a release of the network as a whole."),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
        help_text=_("Set this on a translation: it appears no earlier than the original."),
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("text"), help_text=_("Markdown: **bold**, *italic*, [link](url)."))
    released_at = models.DateTimeField(
        _("release date and time"), help_text=_("Berlin time. The date printed on the release.")
    )
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_(
            "Berlin time. Until then the release is on no public page, feed or sitemap; "
            "it appears by itself afterwards. Empty: no embargo."
        ),
    )
    is_published = models.BooleanField(
        _("ready to publish"),
        default=True,
        help_text=_("Untick to keep a draft off the site."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="press_releases",
        verbose_name=_("issued by"),
    )
    contact = models.ForeignKey(
        PressContact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="press_releases",
        verbose_name=_("press contact"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-released_at", "-pk"]
        indexes = [models.Index(fields=["is_published", "released_at", "embargo_until"])]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                condition=Q(translation_of__isnull=False),
                name="one_translation_per_language",
                violation_error_message=_("This release already has a translation in it."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("press:release", kwargs={"slug": self.slug})

    def clean(self):
        original = self.translation_of
        if original is None:
            return
        errors = {}
        if original.pk == self.pk:
            errors["translation_of"] = _("A release cannot be its own translation.")
        elif original.translation_of_id is not None:
            errors["translation_of"] = _("Choose the original release, not another translation.")
        elif self.language == original.language:
            errors["language"] = _("A translation needs another language than the original.")
        elif self.conference_id != original.conference_id:
            errors["conference"] = _("A translation belongs to the same conference.")
        if errors:
            raise ValidationError(errors)

    @property
    def original(self):
        return self.translation_of or self

    @property
    def effective_embargo_until(self):
        """The moment the embargo (own, or the original's for a translation) ends, or None."""
        moments = [self.embargo_until]
        if self.translation_of_id:
            moments.append(self.translation_of.embargo_until)
        moments = [m for m in moments if m is not None]
        return max(moments) if moments else None


class PressKitItem(models.Model):
    """A logo, photo or document journalists may download and print, with its credit."""

    class Kind(models.TextChoices):
        LOGO = "logo", _("Logo")
        PHOTO = "photo", _("Photo")
        DOCUMENT = "document", _("Document")

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="press_kit_items",
        verbose_name=_("conference"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PHOTO)
    file = models.FileField(
        _("file"),
        upload_to="press-kit/",
        validators=[FileExtensionValidator(PRESS_KIT_EXTENSIONS)],
        help_text=_("PNG, JPEG, WebP, GIF, SVG, EPS, PDF or ZIP."),
    )
    caption = models.CharField(_("caption"), max_length=300)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("e.g. Photo: City of Leipzig")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("press kit item")
        verbose_name_plural = _("press kit items")
        ordering = ["conference", "order", "pk"]

    def __str__(self):
        return self.caption

    @property
    def extension(self):
        return Path(self.file.name).suffix.lower().lstrip(".")

    @property
    def is_previewable(self):
        return self.extension in PREVIEWABLE_EXTENSIONS

    def download_name(self):
        return Path(self.file.name).name


class NewsItem(models.Model):
    """A short news item like those of the newsletter: title, date, a few lines, a link."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=_("conference"),
        help_text=_("Empty: news of the network as a whole."),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=250)
    date = models.DateField(_("date"))
    text = models.TextField(_("short text"), blank=True)
    url = models.URLField(_("link"), blank=True, help_text=_("Optional: where to read more."))
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("press:news") + f"#news-{self.pk}"
