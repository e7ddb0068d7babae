"""robots.txt and sitemap.xml live outside the language prefixes."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from .press.caching import press_page_cache
from .sitemaps import sitemaps
from .views.open_data import programme_schema

# Personal pages (manage links, the registration form's answers), staff areas (both admin
# sites, the staff's sign-in pages) and the email webhook are no business of search engines.
DISALLOWED = (
    "/admin/",
    "/operations/",
    "/staff/",
    "/hotline/",
    "/anymail/",
    "/registration/",
    "/de/registration/",
)


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), ""]
    lines.append(f"Sitemap: {settings.SITE_URL}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        press_page_cache(sitemap),  # the public cache, kept no longer than an embargo
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(
        "open-data/programme-v<int:version>.schema.json",
        programme_schema,
        name="open_data_schema",
    ),
]
