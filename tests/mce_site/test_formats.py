"""Dates read the European way in both languages."""

import datetime
import re
from importlib import import_module

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

MONDAY = datetime.date(2027, 2, 22)


def test_english_dates_are_day_month_year_with_a_24_hour_clock():
    moment = datetime.datetime(2018, 5, 28, 19, 30)
    with translation.override("en"):
        assert formats.date_format(moment.date()) == "28 May 2018"
        assert formats.date_format(moment, "DATETIME_FORMAT") == "28 May 2018, 19:30"


def test_german_dates_keep_the_german_format():
    with translation.override("de"):
        assert formats.date_format(datetime.date(2018, 5, 28)) == "28. Mai 2018"


def test_a_day_is_named_in_the_visitors_language(db):
    from tests.factories import make_conference

    day = make_conference(start_date=datetime.date(2027, 2, 22)).days.first()
    with translation.override("de"):
        assert str(day) == "Mo, 22. Feb 2027 – Opening day"
    assert str(day) == "Mon 22 Feb 2027 – Opening day"


def test_german_dates_read_german_with_the_weekday():
    with translation.override("de"):
        assert formats.date_format(MONDAY, "WEEKDAY_DATE_FORMAT") == "Montag, 22. Februar 2027"
        assert formats.date_format(MONDAY) == "22. Februar 2027"
    assert formats.date_format(MONDAY, "WEEKDAY_DATE_FORMAT") == "Monday, 22 February 2027"


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_date_format_a_template_may_name_exists_in_both_languages(language):
    names = {name for name in dir(import_module("mce_site.formats.en.formats")) if name.isupper()}
    module = import_module(f"mce_site.formats.{language}.formats")
    assert names <= set(dir(module))


# A template names the kind of date (DATE_FORMAT, WEEKDAY_DATE_FORMAT, ...) and the language
# says how it reads; only the machine-readable forms for <time datetime> are written out.
DATE_FILTER = re.compile(r"""\|(?:date|time):(?P<quote>["'])(?P<format>.*?)(?P=quote)""")
MACHINE_FORMATS = {"c", "Y-m-d"}


def test_no_template_hard_codes_a_date_format():
    hard_coded = []
    for template in (settings.BASE_DIR / "templates").rglob("*.*"):
        for match in DATE_FILTER.finditer(template.read_text()):
            name = match["format"]
            if not name.endswith("_FORMAT") and name not in MACHINE_FORMATS:
                hard_coded.append(f"{template.name}: {name}")
    assert hard_coded == []


def test_the_programme_heads_its_days_in_german_as_german_readers_expect(client, db):
    from tests.factories import make_conference, make_session

    conference = make_conference(start_date=datetime.date(2027, 2, 22))
    make_session(conference)
    with translation.override("de"):
        url = reverse("conferences:programme", kwargs={"slug": conference.slug})
    assert "Montag, 22. Februar 2027" in client.get(url).content.decode()


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("zone", ["Europe/Berlin", "Europe/Lisbon", "UTC"])
def test_the_programmes_times_are_djangos_times_of_the_local_clock(language, zone):
    from zoneinfo import ZoneInfo

    from mce_site.jinja2 import time_of_day

    moments = [
        datetime.datetime(2018, 5, 28, h, m, tzinfo=datetime.UTC) for h, m in [(7, 0), (16, 45)]
    ]
    with translation.override(language):
        for moment in moments:
            local = moment.astimezone(ZoneInfo(zone))
            assert time_of_day(local) == formats.time_format(local, "TIME_FORMAT")
            assert time_of_day(local) != time_of_day(moment) or zone == "UTC"
