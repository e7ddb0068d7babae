"""Dates read the European way in both languages."""

import datetime

from django.utils import formats, translation


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
        assert str(day) == "Mo 22 Feb 2027 – Opening day"
    assert str(day) == "Mon 22 Feb 2027 – Opening day"
