"""The sign-up form reads its conference's rows (categories, days, tables, questions) and the
seat figures once and keeps them: a second view costs no query, an admin save shows at once,
and the hotline's forms count seats live. The blank form is written once per language, rows
and seats shown, and filled in with each visitor's own submission key and CSRF token."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from registration.forms import RegistrationForm
from registration.hotline.forms import OnBehalfForm
from registration.models import Registration
from tests.factories import make_example_questions, make_registration, save_in_admin
from tests.registration.test_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


def form_url(conference):
    return reverse("registration:register", kwargs={"slug": conference.slug})


def first_table_seats(html):
    return int(re.search(r"Table 1[^<]*?\((\d+) seats? left\)", html).group(1))


def test_a_second_view_of_the_form_reads_nothing_from_the_database(
    client, conference, django_assert_num_queries
):
    questions = make_example_questions(conference)
    client.get(form_url(conference))
    with django_assert_num_queries(0):
        page = client.get(form_url(conference)).content.decode()
    assert "Member city" in page and "Table 1" in page and "seats left" in page
    assert all(question.label in page for question in questions)


def test_a_category_renamed_in_admin_shows_on_the_form_at_once(client, admin_client, conference):
    category = conference.participant_categories.get(code="member-city")
    assert "Member city" in client.get(form_url(conference)).content.decode()
    save_in_admin(admin_client, category, name_en="Member city of the network")
    assert "Member city of the network" in client.get(form_url(conference)).content.decode()


def test_a_table_capacity_saved_in_admin_shows_on_the_form_at_once(
    client, admin_client, conference
):
    table = conference.world_cafe_tables.get(number=1)
    before = first_table_seats(client.get(form_url(conference)).content.decode())
    save_in_admin(admin_client, table, capacity=table.capacity + 5)
    assert first_table_seats(client.get(form_url(conference)).content.decode()) == before + 5


def test_the_hotline_form_counts_seats_live_while_the_web_form_may_lag(conference):
    table = conference.world_cafe_tables.get(number=1)

    def seats_shown(form_class):
        return form_class(conference=conference).fields["first_table_choice"].seats_for(table)

    before = seats_shown(RegistrationForm)
    make_registration(conference, first_table_choice=table)
    assert seats_shown(RegistrationForm) == before  # at most SEATS_SHOWN_SECONDS old
    assert seats_shown(OnBehalfForm) == before - 1


def own_values(html):
    """(CSRF token, submission key) of a form page."""
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
    return csrf, key


def without_own_values(html):
    for value in own_values(html):
        html = html.replace(value, "…")
    return html


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_blank_form_is_written_once_and_carries_each_visitors_own_values(
    conference, language, monkeypatch
):
    required_choice = make_example_questions(conference)[0]
    with translation.override(language):
        url = form_url(conference)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page = first.get(url).content.decode()
    second_page = second.get(url).content.decode()  # from the shared markup
    assert own_values(first_page)[1] != own_values(second_page)[1]
    assert own_values(first_page)[0] != own_values(second_page)[0]
    # The same markup as a form written for this visitor alone.
    monkeypatch.setattr(RegistrationForm, "shared_markup", lambda form: None)
    alone = Client().get(url).content.decode()
    assert without_own_values(second_page) == without_own_values(alone)

    csrf, key = own_values(second_page)
    data = form_data(conference) | {"csrfmiddlewaretoken": csrf, "submission_key": key}
    data[required_choice.field_name] = required_choice.choices.first().pk
    response = second.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert Registration.objects.get().submission_key == key


def test_a_form_with_input_is_written_for_its_visitor_alone(client, conference):
    client.get(form_url(conference))  # the blank markup is kept
    data = form_data(conference) | {"first_name": "Zoë-Unique", "privacy_consent": ""}
    page = client.post(form_url(conference), data).content.decode()
    assert "Zoë-Unique" in page and "Please accept the privacy notice" in page
    assert "Zoë-Unique" not in Client().get(form_url(conference)).content.decode()
