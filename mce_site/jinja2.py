"""The Jinja2 environment for the few templates whose loops dominate a page's cost (the
session rows of the programme, measured at about half of its CPU under Django's template
engine). Everything else stays in Django templates; these are included from them by a
template tag. Translations are Django's own catalogues; dates go through Django's formats
for the active language, in the conference's time zone."""

from django.templatetags.static import static
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext, pgettext
from jinja2 import Environment


def local_time(value, tz):
    return timezone.localtime(value, tz)


def environment(**options):
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext)
    env.globals.update({"static": static, "local_time": local_time})
    env.filters.update({"date": formats.date_format, "time": formats.time_format})
    return env
