"""The hot forms are written in Python (mce_site/form_rendering.py) instead of crispy's
templates: the markup must stay what crispy-bootstrap5 writes, in every state of a field."""

import re

import pytest
from crispy_forms.utils import render_crispy_form
from django.template import Context
from django.test import RequestFactory
from django.utils import translation
from django.utils.safestring import mark_safe

from conferences.forms import ProgrammeFilterForm
from mce_site.form_rendering import country_options, render_form
from registration.forms import ChangeRegistrationForm, RegistrationForm
from registration.self_service.forms import DetailsForm, InvitationLetterForm, TransferForm
from registration.self_service.page import agenda_form
from tests.factories import (
    make_conference,
    make_example_questions,
    make_question,
    make_registration,
    make_session,
)

pytestmark = pytest.mark.django_db

CSRF = mark_safe('<input type="hidden" name="csrfmiddlewaretoken" value="token">')


def normalised(html):
    """Whitespace between tags and inside the <form> tag's attribute list does not matter."""
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r"\s*(<|>)\s*", r"\1", html)
    html = re.sub(r'="\s*([^"]*?)\s*"', r'="\1"', html)
    html = re.sub(r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">', "", html)
    return re.sub(r"<form[^>]*>", "<form>", html)


def form_tag(html):
    return sorted(re.search(r"<form([^>]*)>", html).group(1).split())


def crispy_markup(form):
    request = RequestFactory().get("/")
    return render_crispy_form(form, context=Context({"request": request}))


def assert_same_markup(form):
    fast = str(render_form(form, csrf_input=CSRF))
    crispy = crispy_markup(form)
    assert normalised(fast) == normalised(crispy)
    assert form_tag(fast) == form_tag(crispy)


def invalid_data(conference):
    return {
        "title": 'Dr <b>"x"</b>',
        "first_name": "Zoë",
        "email": "not an address",
        "country": "PL",
        "days": ["999999"],
        "category": "nonsense",
        "gala_dinner": "yes",
        "first_table_choice": conference.world_cafe_tables.first().pk,
        "second_table_choice": conference.world_cafe_tables.first().pk,
        "website": "",
    }


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_empty_sign_up_form_is_written_as_crispy_writes_it(language):
    conference = make_conference()
    with translation.override(language):
        assert_same_markup(RegistrationForm(conference=conference))


def test_a_sign_up_form_with_errors_is_written_as_crispy_writes_it():
    conference = make_conference()
    form = RegistrationForm(conference=conference, data=invalid_data(conference))
    assert not form.is_valid()
    assert_same_markup(form)
    fast = str(render_form(form, csrf_input=CSRF))
    assert '<option value="PL" selected>' in fast
    assert '<option value="" selected>' not in fast  # only the chosen country
    assert "Dr &lt;b&gt;&quot;x&quot;&lt;/b&gt;" in fast  # typed values stay escaped


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_conferences_questions_are_written_as_crispy_writes_them(language):
    conference = make_conference()
    menu, topics, first_time, outlet, heard = make_example_questions(conference)
    with translation.override(language):
        assert_same_markup(RegistrationForm(conference=conference))
        answers = {
            menu.field_name: "",
            topics.field_name: ["999999"],
            first_time.field_name: "maybe",
            outlet.field_name: "x" * 3000,
            heard.field_name: "<b>Word of mouth</b>",
        }
        form = RegistrationForm(conference=conference, data=invalid_data(conference) | answers)
        assert not form.is_valid()
        assert {menu.field_name, topics.field_name, first_time.field_name} <= set(form.errors)
        assert_same_markup(form)
        fast = str(render_form(form, csrf_input=CSRF))
        assert "&lt;b&gt;Word of mouth&lt;/b&gt;" in fast


def test_the_form_of_a_full_day_with_its_extra_question_is_written_as_crispy_writes_it():
    conference = make_conference(capacity=1)
    make_registration(conference)
    form = RegistrationForm(conference=conference)
    assert_same_markup(form)


def test_the_change_form_on_the_manage_page_is_written_as_crispy_writes_it():
    conference = make_conference()
    registration = make_registration(conference)
    assert_same_markup(ChangeRegistrationForm(registration=registration))
    form = ChangeRegistrationForm(registration=registration, data={"days": [], "gala_dinner": "x"})
    assert not form.is_valid()
    assert_same_markup(form)


def test_the_country_list_is_written_once_per_language_in_that_language():
    conference = make_conference()
    widget = RegistrationForm(conference=conference).fields["country"].widget
    with translation.override("de"):
        german = country_options(widget)
        assert country_options(widget) is german
        assert ">Deutschland</option>" in german
    with translation.override("en"):
        assert ">Germany</option>" in country_options(widget)


# The conference's questions cost one query when it has none, three (with their choices and
# categories) however many it has.
@pytest.mark.parametrize(("questions", "queries"), [(0, 7), (1, 9), (10, 9)])
def test_the_sign_up_page_reads_a_fixed_number_of_rows_however_many_options(
    client, django_assert_max_num_queries, questions, queries
):
    conference = make_conference()
    for _ in range(questions):
        make_question(conference, kind="one_choice", choices=["A", "B"], categories=[])
    url = f"/conferences/{conference.slug}/register-now/"
    client.get(url)
    with django_assert_max_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("query", [None, {"day": "1999-01-01", "topic": "nope"}])
def test_the_programme_filter_is_written_as_crispy_writes_it(query):
    conference = make_conference()
    form = ProgrammeFilterForm(
        query, days=list(conference.days.all()), topics=list(conference.topics.all())
    )
    form.chosen_day_and_topic()
    assert_same_markup(form)


def test_the_self_service_forms_of_the_manage_page_are_written_as_crispy_writes_them():
    conference = make_conference()
    registration = make_registration(conference)
    make_session(conference, day=registration.days.first(), title='Mobility <b>"now"</b>')
    assert_same_markup(DetailsForm(registration=registration))
    assert_same_markup(TransferForm(registration=registration))
    assert_same_markup(InvitationLetterForm(registration=registration))
    agenda = agenda_form(registration)
    assert agenda is not None
    assert_same_markup(agenda)


def test_the_self_service_forms_with_errors_are_written_as_crispy_writes_them():
    conference = make_conference()
    registration = make_registration(conference)
    make_session(conference, day=registration.days.first())
    forms = [
        DetailsForm({"first_name": "", "email": "not an address"}, registration=registration),
        TransferForm({"colleague-email": "x"}, registration=registration),
        InvitationLetterForm(
            {"arrival": "2030-05-02", "departure": "2030-05-01", "nationality": "PL"},
            registration=registration,
        ),
        agenda_form(registration, {"sessions": ["999999"]}),
    ]
    for form in forms:
        assert not form.is_valid()
        assert_same_markup(form)


def test_the_blank_programme_filter_is_written_once_for_its_days_topics_and_language():
    from conferences.models import Topic

    def written(conference, language):
        days, topics = list(conference.days.all()), list(conference.topics.all())
        with translation.override(language):
            return str(render_form(ProgrammeFilterForm(days=days, topics=topics), csrf_input=""))

    leipzig, vienna = make_conference(), make_conference()
    for conference, title in [(leipzig, "City data"), (vienna, "Citizens' data")]:
        Topic.objects.create(conference=conference, number=1, slug="data", title_en=title)
    assert written(leipzig, "en") == written(leipzig, "en")
    assert "City data" in written(leipzig, "en") and "Citizens" not in written(leipzig, "en")
    assert "Citizens&#x27; data" in written(vienna, "en")
    assert "Alle Tage" in written(leipzig, "de") and "All days" in written(leipzig, "en")
