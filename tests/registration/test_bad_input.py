"""Whatever people (or bots) type, the form answers with messages, never a server error, and
what is stored is shown back exactly (property-based, with hypothesis)."""

import unicodedata

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registration.forms import RegistrationForm
from registration.models import Registration
from tests.factories import make_conference

pytestmark = pytest.mark.django_db

# Any text a browser can send as UTF-8 (no lone surrogates), including control characters,
# right-to-left scripts, emoji and overlong values.
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
FIELDS = [
    "title",
    "first_name",
    "last_name",
    "organisation",
    "position",
    "city",
    "country",
    "email",
    "phone",
    "category",
    "days",
    "gala_dinner",
    "first_table_choice",
    "second_table_choice",
    "dietary_needs",
    "accessibility_needs",
    "privacy_consent",
    "listed_consent",
    "submission_key",
    "website",
]
HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def conference(db):
    return make_conference()


@HYPOTHESIS
@given(st.dictionaries(st.sampled_from(FIELDS), st.one_of(any_text, st.lists(any_text))))
def test_form_never_raises_on_arbitrary_input(conference, data):
    form = RegistrationForm(data, conference=conference)
    form.is_valid()
    form.error_summary()


@HYPOTHESIS
@given(st.dictionaries(st.sampled_from(FIELDS), any_text))
def test_view_answers_arbitrary_posts_without_a_server_error(client, conference, data):
    cache.clear()  # examples share one test: keep the rate limit out of the way
    url = reverse("registration:register", kwargs={"slug": conference.slug})
    response = client.post(url, data)
    assert response.status_code in (200, 302)


names = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=100
).filter(lambda s: s.strip())


@HYPOTHESIS
@given(first_name=names, last_name=names, organisation=names)
def test_unusual_names_are_stored_and_shown_exactly(
    client, conference, first_name, last_name, organisation
):
    Registration.objects.all().delete()
    cache.clear()
    url = reverse("registration:register", kwargs={"slug": conference.slug})
    data = {
        "first_name": first_name,
        "last_name": last_name,
        "organisation": organisation,
        "city": "Leipzig",
        "country": "DE",
        "email": "unicode@example.org",
        "category": conference.participant_categories.get(code="public-body").pk,
        "days": [conference.days.first().pk],
        "gala_dinner": "no",
        "privacy_consent": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    registration = Registration.objects.get()
    for stored, typed in (
        (registration.first_name, first_name),
        (registration.last_name, last_name),
        (registration.organisation, organisation),
    ):
        assert stored == unicodedata.normalize("NFC", typed).strip()
    page = client.get(registration.get_manage_url())
    assert page.status_code == 200
    assert escape(registration.last_name) in page.content.decode()


@pytest.mark.parametrize("field", ["category", "days", "first_table_choice", "second_table_choice"])
@pytest.mark.parametrize("number", ["9223372036854775808", "-9223372036854775809", "9" * 400])
def test_a_number_beyond_any_key_is_an_invalid_choice_not_a_server_error(
    client, conference, field, number
):
    from tests.registration.test_views import form_data, register_url

    response = client.post(register_url(conference), form_data(conference, **{field: number}))
    assert response.status_code == 200
    assert not Registration.objects.exists()
