"""Values every page template needs: the network's hotline and the same page in each language."""

import functools

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from conferences.structured_data import SOCIAL_IMAGE_SIZE, social_image_url


def site(request):
    return {
        "network_name": settings.NETWORK_NAME,
        "hotline": settings.HOTLINE,
        "site_url": settings.SITE_URL,
        "social_image": {
            "url": social_image_url(settings.SITE_URL),
            "width": SOCIAL_IMAGE_SIZE[0],
            "height": SOCIAL_IMAGE_SIZE[1],
        },
        "language_alternates": language_alternates(request.path),
    }


def language_alternates(path):
    """The URL of this page in every site language (for the switcher and hreflang links)."""
    return [
        {"code": code, "name_local": name_local, "url": url}
        for code, name_local, url in _alternates(path, get_language())
    ]


@functools.lru_cache(maxsize=2048)
def _alternates(path, active_language):
    # translate_url resolves the path (in the active language) and reverses it once per
    # language, on every page: the answer depends only on these two and the URL patterns,
    # which never change while the process runs (the bound keeps paths made up by visitors
    # from filling memory).
    return tuple(
        (code, get_language_info(code)["name_local"], translate_url(path, code))
        for code, _name in settings.LANGUAGES
    )
