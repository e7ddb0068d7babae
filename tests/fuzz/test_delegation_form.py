"""The delegation form takes anything a client sends without a server error: every field of
the shared part and of the person blocks, the formset's counters and the buttons get random
values, next to valid ones; an answer is the form again (200), a registered delegation or
the rate limit."""

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from registration.models import Delegation, Registration
from tests.factories import make_conference
from tests.registration.test_delegation_pages import delegation_url, form_data

from .strategies import huge_int, odd_text

pytestmark = pytest.mark.django_db

COUNTERS = ("person-TOTAL_FORMS", "person-INITIAL_FORMS", "person-MAX_NUM_FORMS")
PERSON_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "position",
    "days",
    "gala_dinner",
    "first_table_choice",
    "second_table_choice",
    "waits_for_table",
    "waits_for_all_days",
)
SHARED = ("organisation", "city", "country", "category", "privacy_consent", "submission_key")
FIELD_NAMES = (
    *COUNTERS,
    *SHARED,
    "website",
    "add_person",
    "register",
    *(f"person-{n}-{name}" for n in (0, 1, 2, 19, 20, -1) for name in PERSON_FIELDS),
)
values = st.one_of(odd_text, huge_int.map(str), st.lists(odd_text, max_size=3))


@pytest.fixture
def conference():
    return make_conference()


@given(
    changes=st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=8),
    dropped=st.sets(st.sampled_from(FIELD_NAMES), max_size=4),
    language=st.sampled_from(["en", "de"]),
)
def test_the_delegation_form_answers_any_input_without_a_server_error(
    client, conference, changes, dropped, language
):
    cache.clear()
    data = form_data(conference, people=2) | changes
    for name in dropped:
        data.pop(name, None)
    before = Registration.objects.count()
    response = client.post(delegation_url(conference, language), data)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert Registration.objects.count() == before  # all or none
    Registration.objects.all().delete()
    Delegation.objects.all().delete()
