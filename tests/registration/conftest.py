"""Fixtures for the registration tests."""

import pytest
from django.core.cache import cache

from tests.factories import make_conference


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate limits count in the cache; each test starts with none used.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def conference(db):
    return make_conference(capacity=10)


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """`with sent():` runs what the code queued for after the commit when the block ends, as
    a real commit would, and then the worker's sending of the email outbox (see
    tests/conftest.py); tests run inside a transaction that never commits."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture
