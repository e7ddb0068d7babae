"""sitemap.xml entries for the public conference pages, each in English and German
(i18n with hreflang alternates)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse

from .models import Conference, Session, SessionSpeaker, Speaker, Topic
from .press.sitemaps import PressPageSitemap, PressReleaseSitemap


class _BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class ConferenceSitemap(_BilingualSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Conference.objects.filter(is_published=True).order_by("-start_date")

    def lastmod(self, conference):
        return conference.updated_at


class ConferenceSectionSitemap(_BilingualSitemap):
    """Each edition's programme, World Café and venue pages."""

    sections = (
        "conferences:programme",
        "conferences:changes",
        "conferences:world_cafe",
        "conferences:venue",
    )

    def items(self):
        slugs = Conference.objects.filter(is_published=True).values_list("slug", flat=True)
        return [(name, slug) for slug in slugs.order_by("-start_date") for name in self.sections]

    def location(self, item):
        name, slug = item
        return reverse(name, kwargs={"slug": slug})


class OpenDataSitemap(_BilingualSitemap):
    """Each edition's programme as data and print: programme.json (both languages in one
    file, listed once), the frab formats, xCal and the PDF in English and German."""

    changefreq = "daily"
    priority = 0.3
    bilingual_formats = (
        "conferences:frab_xml",
        "conferences:frab_json",
        "conferences:xcal",
        "conferences:programme_pdf",
    )

    def items(self):
        slugs = Conference.objects.filter(is_published=True).values_list("slug", flat=True)
        return [
            (name, slug)
            for slug in slugs.order_by("-start_date")
            for name in self.bilingual_formats
        ]

    def location(self, item):
        name, slug = item
        return reverse(name, kwargs={"slug": slug})


class ProgrammeJsonSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.3

    def items(self):
        return list(
            Conference.objects.filter(is_published=True)
            .order_by("-start_date")
            .values_list("slug", flat=True)
        )

    def location(self, slug):
        return reverse("conferences:programme_json", kwargs={"slug": slug})


class SessionSitemap(_BilingualSitemap):
    priority = 0.5

    def items(self):
        return (
            Session.objects.filter(is_published=True, conference__is_published=True)
            .select_related("conference")
            .order_by("conference__start_date", "starts_at", "pk")
        )


class TopicSitemap(_BilingualSitemap):
    priority = 0.5

    def items(self):
        return (
            Topic.objects.filter(conference__is_published=True)
            .select_related("conference")
            .order_by("conference__start_date", "number")
        )


class SpeakerSitemap(_BilingualSitemap):
    priority = 0.4

    def items(self):
        on_stage = SessionSpeaker.objects.filter(
            speaker=OuterRef("pk"),
            session__is_published=True,
            session__conference__is_published=True,
        )
        return Speaker.objects.filter(Exists(on_stage)).order_by("last_name", "first_name")


sitemaps = {
    "conferences": ConferenceSitemap,
    "conference-pages": ConferenceSectionSitemap,
    "open-data": OpenDataSitemap,
    "programme-json": ProgrammeJsonSitemap,
    "sessions": SessionSitemap,
    "topics": TopicSitemap,
    "speakers": SpeakerSitemap,
    "press-releases": PressReleaseSitemap,
    "press-pages": PressPageSitemap,
}
