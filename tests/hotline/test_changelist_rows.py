"""The registrations list writes its rows itself (for speed): they must be the rows Django's
admin writes, cell for cell, whatever the data and the filters."""

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import items_for_result
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from registration.hotline.changelist_rows import result_rows
from registration.hotline.sites import hotline_site
from registration.hotline.templatetags.hotline_list import hotline_result_list
from registration.models import Registration
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db


def _changelist(user, query):
    request = RequestFactory().get(reverse("hotline:registration_registration_changelist"), query)
    request.user = user
    changelist = hotline_site._registry[Registration].get_changelist_instance(request)
    changelist.formset = None  # as changelist_view sets it for a list without list_editable
    return changelist


def _django_rows(changelist):
    return ["".join(items_for_result(changelist, row, None)) for row in changelist.result_list]


@pytest.mark.parametrize(
    "query",
    [{}, {"status__exact": "confirmed", "q": "Tester"}, {"o": "3.-2", "country": "AT"}],
)
def test_rows_are_the_ones_django_s_admin_writes(hotline_user, query):
    conference = make_conference()
    make_registration(conference, first_name='Zoë "<b>', last_name="O'Brien & Co", country="AT")
    make_registration(conference, organisation="  ", city="", country="AT")
    make_registration(
        conference, status=Registration.Status.WAITLISTED, email_status="bounced", country="AT"
    )
    changelist = _changelist(hotline_user, query)
    assert changelist.result_list
    assert result_rows(changelist) == _django_rows(changelist)


def test_the_list_page_shows_the_rows_with_links_keeping_the_filters(hotline_client):
    conference = make_conference()
    registration = make_registration(conference, last_name="Huber")
    response = hotline_client.get(
        reverse("hotline:registration_registration_changelist"),
        {"conference__id__exact": conference.pk},
    )
    change = reverse("hotline:registration_registration_change", args=[registration.pk])
    link = f"{change}?_changelist_filters=conference__id__exact%3D{conference.pk}"
    assert f'<a href="{link}">Huber</a>' in response.content.decode()


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_checkbox_of_a_row_is_django_s(language):
    conference = make_conference()
    registration = make_registration(conference, first_name='Zoë "<b>', last_name="O'Brien & Co")
    model_admin = hotline_site._registry[Registration]
    with translation.override(language):
        written = model_admin.action_checkbox(registration)
        assert written == admin.ModelAdmin.action_checkbox(model_admin, registration)
    assert "O&#x27;Brien &amp; Co" in written


@pytest.mark.parametrize("query", [{}, {"o": "-2.3", "q": "Huber"}, {"q": "nobody"}])
def test_the_table_is_the_one_django_s_admin_writes(hotline_user, query):
    conference = make_conference()
    for last_name in ("Huber", "O'Brien & Co", "Huber"):
        make_registration(conference, last_name=last_name)
    changelist = _changelist(hotline_user, query)
    written = hotline_result_list(changelist)
    rows = [[row] for row in result_rows(changelist)]
    django_s = get_template("admin/change_list_results.html").render(written | {"results": rows})
    assert get_template("hotline/includes/change_list_results.html").render(written) == django_s
    shown = len(changelist.result_list)
    assert django_s.count("<tr>") == (shown + 1 if shown else 0)  # the header's row, if any
