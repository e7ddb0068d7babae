"""`{% session_rows sessions conference show_date=True %}`: the <li> rows of a session list,
written by the Jinja2 template conferences/session_rows.html (see mce_site/jinja2.py)."""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def session_rows(sessions, conference, show_date=False):
    rows = engines["jinja2"].get_template("conferences/session_rows.html")
    context = {"sessions": sessions, "tz": conference.tzinfo, "show_date": show_date}
    return mark_safe(rows.render(context))  # escaped by Jinja2's autoescape
