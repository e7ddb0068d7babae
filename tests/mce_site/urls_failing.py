"""The site's URLs plus one view that fails, to see the 500 page."""

from django.urls import path

from mce_site.urls import handler500  # noqa: F401  (the site's 500 view)
from mce_site.urls import urlpatterns as site_urlpatterns


def failing_view(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("boom/", failing_view), *site_urlpatterns]
