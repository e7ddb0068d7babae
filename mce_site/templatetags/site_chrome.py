"""`{% site_header %}` and `{% site_footer_links %}`: the parts of base.html that read no rows,
only the language, the network's name, the page's language alternates and the URL
configuration. Each is rendered from its template once per process for each combination of
these and then reused: the template engine cost every page about as much as a query for them."""

import functools

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def site_header(context):
    """Brand, main navigation and language switcher."""
    alternates = tuple(
        (alt["code"], alt["name_local"], alt["url"])
        for alt in context.get("language_alternates") or ()
    )
    return _site_header(_urls(), get_language(), context.get("network_name"), alternates)


@register.simple_tag(takes_context=True)
def site_footer_links(context):
    """Imprint, privacy and accessibility links and the copyright line."""
    return _site_footer_links(_urls(), get_language(), context.get("network_name"))


def _urls():
    """What the links' {% url %} depends on besides the language (as in slug_urls)."""
    return (get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


# Bounded like the alternates (mce_site/context_processors.py): paths made up by visitors
# cannot fill memory.
@functools.lru_cache(maxsize=2048)
def _site_header(urls, language, network_name, alternates):
    context = {
        "network_name": network_name,
        "language_alternates": [
            {"code": code, "name_local": name_local, "url": url}
            for code, name_local, url in alternates
        ],
    }
    return _rendered("includes/_site_header.html", context)


@functools.lru_cache(maxsize=64)
def _site_footer_links(urls, language, network_name):
    return _rendered("includes/_site_footer_links.html", {"network_name": network_name})


def _rendered(template_name, context):
    return mark_safe(render_to_string(template_name, context))  # noqa: S308 - the template escapes
