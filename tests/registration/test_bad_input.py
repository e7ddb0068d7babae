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
from tests.factories import make_conference, make_example_questions

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


@pytest.fixture
def asking(db):
    """A conference asking one question of each kind, with answers as they could come."""
    conference = make_conference()
    questions = make_example_questions(conference)
    choice_ids = [str(c.pk) for q in questions for c in q.choices.all()]
    values = st.one_of(
        any_text,
        st.sampled_from([*choice_ids, "yes", "no", "", "0", "-1", "99999999999999999999"]),
        st.lists(st.one_of(any_text, st.sampled_from(choice_ids)), max_size=4),
    )
    names = [*FIELDS, *(question.field_name for question in questions)]
    return conference, st.dictionaries(st.sampled_from(names), values)


@HYPOTHESIS
@given(data=st.data())
def test_the_form_with_questions_never_raises_and_the_page_never_fails(client, asking, data):
    conference, posts = asking
    post = data.draw(posts)
    if data.draw(st.booleans()):  # odd answers on an otherwise valid sign-up: they get stored
        menu = conference.questions.get(kind="one_choice")
        valid = {
            "first_name": "Zoë",
            "last_name": "Tester",
            "organisation": "City",
            "city": "Leipzig",
            "country": "DE",
            "email": "fuzz@example.org",
            "category": conference.participant_categories.get(code="press").pk,
            "days": [conference.days.first().pk],
            "gala_dinner": "no",
            "privacy_consent": "on",
            menu.field_name: str(menu.choices.first().pk),
        }
        post = valid | {name: v for name, v in post.items() if name.startswith("question_")}
    form = RegistrationForm(post, conference=conference)
    if form.is_valid():
        assert set(form.cleaned_data["answers"]) <= set(conference.questions.all())
    form.error_summary()
    cache.clear()
    url = reverse("registration:register", kwargs={"slug": conference.slug})
    assert client.post(url, post).status_code in (200, 302)


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


@pytest.mark.parametrize(
    ("sent", "valid"),
    [("PL", True), ("DE", True), ("XX", False), ("pl", False), ("Poland", False), ("P", False)],
)
def test_the_country_is_one_of_the_list(conference, sent, valid):
    from tests.registration.test_views import form_data

    form = RegistrationForm(form_data(conference, country=sent), conference=conference)
    assert form.is_valid() is valid, form.errors
    if valid:
        assert form.cleaned_data["country"] == sent
    else:
        assert list(form.errors) == ["country"]


@pytest.mark.parametrize(
    ("field", "sent"),
    [
        ("category", "999999"),
        ("category", "1 OR 1=1"),
        ("days", ["999999"]),
        ("days", ["x"]),
        ("first_table_choice", "999999"),
        ("first_table_choice", "\x00"),
    ],
)
def test_a_choice_not_on_the_form_is_refused_with_a_message(conference, field, sent):
    """Checked against the rows the form shows: another conference's row or junk alike."""
    from tests.registration.test_views import form_data

    form = RegistrationForm(form_data(conference, **{field: sent}), conference=conference)
    assert not form.is_valid()
    assert field in form.errors


def test_another_conferences_day_is_not_a_choice(conference):
    from tests.registration.test_views import form_data

    other = make_conference()
    data = form_data(conference, days=[other.days.first().pk])
    form = RegistrationForm(data, conference=conference)
    assert not form.is_valid()
    assert "days" in form.errors


@pytest.mark.parametrize("field", ["category", "days", "first_table_choice", "second_table_choice"])
@pytest.mark.parametrize("number", ["9223372036854775808", "-9223372036854775809", "9" * 400])
def test_a_number_beyond_any_key_is_an_invalid_choice_not_a_server_error(
    client, conference, field, number
):
    from tests.registration.test_views import form_data, register_url

    response = client.post(register_url(conference), form_data(conference, **{field: number}))
    assert response.status_code == 200
    assert not Registration.objects.exists()
