"""The Jinja2 environment for the few templates whose loops dominate a page's cost (the
session rows of the programme, measured at about half of its CPU under Django's template
engine). Everything else stays in Django templates; these are included from them by a
template tag. Translations are Django's own catalogues; dates go through Django's formats
for the active language, in the conference's time zone."""

import functools

from django.templatetags.static import static
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext, ngettext, pgettext
from jinja2 import Environment


def local_time(value, tz):
    return timezone.localtime(value, tz)


def time_of_day(value, format_name="TIME_FORMAT"):
    """formats.time_format() of a local datetime's time: the programme shows a few distinct
    times many times over, so each is written once per language and format."""
    return _time_of_day(get_language(), format_name, value.time())


@functools.lru_cache(maxsize=1024)
def _time_of_day(language, format_name, value):
    return formats.time_format(value, format_name)


def environment(**options):
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext)
    env.globals.update({"static": static, "local_time": local_time})
    env.filters.update({"date": formats.date_format, "time": time_of_day})
    return env
