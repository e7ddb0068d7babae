"""Fixtures for the press tests: a clock that can step across an embargo moment."""

import datetime
import types

import pytest
from django.core.cache.backends import base as cache_base
from django.core.cache.backends import locmem
from django.utils import timezone


class Clock:
    """Django's `timezone.now()` and the local-memory cache's idea of time, moved together:
    a test steps across an embargo moment and sees a stored page expire as it would in real
    time. (Only the clock is replaced; every line of our code runs as in production.)"""

    def __init__(self, monkeypatch, start):
        self.moment = start
        monkeypatch.setattr(timezone, "now", lambda: self.moment)
        fake_time = types.SimpleNamespace(time=lambda: self.moment.timestamp())
        monkeypatch.setattr(locmem, "time", fake_time)
        monkeypatch.setattr(cache_base, "time", fake_time)

    def set(self, moment):
        self.moment = moment

    def advance(self, **delta):
        self.moment += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    # A day before the embargo moment of the tests; sessions made now stay valid for two weeks.
    return Clock(monkeypatch, datetime.datetime(2018, 5, 27, 8, 0, tzinfo=datetime.UTC))


@pytest.fixture
def berlin():
    from conferences.press.models import EMBARGO_TIME_ZONE

    return EMBARGO_TIME_ZONE
