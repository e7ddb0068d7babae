"""Markdown written by organisers, rendered to HTML that is safe to show to anyone."""

import markdown
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# No <img>: a picture from another host would make visitors' browsers call it.
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote",
    "h2", "h3", "h4", "code", "pre", "hr", "abbr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text):
    """Markdown to sanitised HTML: raw HTML in the text is cleaned like everything else."""
    html = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


@register.filter(name="markdown")
def markdown_filter(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 just above
