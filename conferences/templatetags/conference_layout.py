"""`{% conference_header conference %}`: the title line and section navigation above every
page of a conference, rendered once per process for each conference, language and page and
reused. It shows only what its key holds (the template gets nothing else), so an edit in
admin, which changes the title or the World Café, makes a new key rather than a stale one."""

import functools
from types import SimpleNamespace

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from mce_site.slug_urls import slug_url

register = template.Library()


@register.simple_tag(takes_context=True)
def conference_header(context, conference):
    key = (
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        get_language(),
        getattr(context.get("request"), "path", ""),
        conference.slug,
        conference.title,
        conference.is_published,
        conference.has_world_cafe,
    )
    return _render(*key)


# Bounded like site_chrome's parts: paths made up by visitors cannot fill memory.
@functools.lru_cache(maxsize=2048)
def _render(script_prefix, urlconf, language, path, slug, title, is_published, has_world_cafe):
    conference = SimpleNamespace(
        slug=slug,
        title=title,
        is_published=is_published,
        has_world_cafe=has_world_cafe,
        get_absolute_url=slug_url("conferences:detail", slug=slug),
    )
    context = {"conference": conference, "request": SimpleNamespace(path=path)}
    html = render_to_string("conferences/includes/_conference_header.html", context)
    return mark_safe(html)  # noqa: S308 - the template escapes
