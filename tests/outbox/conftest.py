"""Fixtures for the outbox tests: a conference, a registration and a frozen clock helper."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_conference, make_registration


@pytest.fixture
def conference(db):
    return make_conference(capacity=10)


@pytest.fixture
def registration(conference):
    return make_registration(conference, email="zoe@example.org")


@pytest.fixture
def later():
    """later(minutes=5): a moment after now, to send what became due by then."""

    def moment(**delta):
        return timezone.now() + datetime.timedelta(**delta)

    return moment
