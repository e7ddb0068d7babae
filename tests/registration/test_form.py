"""The sign-up form as people meet it: labels that work, errors listed as the fields are."""

import pytest
from django.urls import reverse

from registration.forms import RegistrationForm
from tests.factories import make_conference

from .test_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    return make_conference()


def test_error_summary_lists_errors_in_the_order_the_fields_are_shown(conference):
    first_table = conference.world_cafe_tables.first().pk
    data = form_data(
        conference,
        first_name="",
        days=[conference.days.all()[1].pk],  # reserved: the choices check finds it last
        second_table_choice=first_table,
        privacy_consent="",
    )
    form = RegistrationForm(data, conference=conference)
    assert not form.is_valid()
    anchors = [anchor for anchor, _label, _message in form.error_summary()]
    assert anchors == [
        "id_first_name",
        "id_days_0",
        "id_second_table_choice",
        "id_privacy_consent",
    ]


def test_privacy_label_is_plain_text_and_the_notice_is_linked_beside_it(conference):
    form = RegistrationForm(conference=conference)
    field = form["privacy_consent"]
    assert "<a" not in str(field.label)
    assert f'href="{reverse("privacy")}"' in str(field.help_text)


def test_privacy_checkbox_label_ticks_the_box_on_the_page(client, conference):
    page = client.get(reverse("registration:register", kwargs={"slug": conference.slug}))
    html = page.content.decode()
    label_start = html.index('<label for="id_privacy_consent"')
    label = html[label_start : html.index("</label>", label_start)]
    assert "<a " not in label
    assert "privacy notice" in label


def test_a_wrong_phone_number_is_explained_with_the_same_german_example_as_the_help(conference):
    form = RegistrationForm(form_data(conference, phone="12"), conference=conference)
    assert not form.is_valid()
    message = form.errors["phone"][0]
    assert "+49 341 123456" in message
    assert "+49 341 123456" in str(form.fields["phone"].help_text)
