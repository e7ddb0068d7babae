"""sitemap.xml entries for press pages. Releases come from `published_releases`, so an
embargoed release is never listed; each release is listed once, at the URL of its language."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from conferences.models import Conference

from .queries import published_releases


class PressReleaseSitemap(Sitemap):
    priority = 0.6

    def items(self):
        return published_releases()

    def location(self, release):
        with translation.override(release.language):
            return release.get_absolute_url()

    def lastmod(self, release):
        return release.updated_at


class PressPageSitemap(Sitemap):
    """The release list, the news page and each published conference's press page, in
    English and German."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        slugs = Conference.objects.filter(is_published=True).order_by("-start_date")
        return [("press:releases", None), ("press:news", None)] + [
            ("press:conference_press", slug) for slug in slugs.values_list("slug", flat=True)
        ]

    def location(self, item):
        name, slug = item
        return reverse(name, kwargs={"slug": slug} if slug else None)
