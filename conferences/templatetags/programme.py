"""`{% session_rows sessions conference show_date=True %}`: the <li> rows of a session list,
written by the Jinja2 template conferences/session_rows.html (see mce_site/jinja2.py)."""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

from mce_site.slug_urls import slug_url_maker

register = template.Library()


@register.simple_tag
def session_rows(sessions, conference, show_date=False):
    rows = engines["jinja2"].get_template("conferences/session_rows.html")
    context = {
        "sessions": sessions,
        "conference_slug": conference.slug,
        "tz": conference.tzinfo,
        "show_date": show_date,
        # The rows' links, each a get_absolute_url() whose language and prefix are read once.
        "session_url": slug_url_maker("conferences:session"),
        "topic_url": slug_url_maker("conferences:topic"),
        "speaker_url": slug_url_maker("conferences:speaker"),
    }
    return mark_safe(rows.render(context))  # escaped by Jinja2's autoescape
