"""The registrations list writes its filter sidebar itself (for speed): it must be the
sidebar Django's admin writes, filter for filter, whatever the filters chosen and the
language, with the same links."""

import pytest
from django.contrib.admin.templatetags.admin_list import admin_list_filter
from django.contrib.admin.views.main import ChangeList
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from registration.hotline.changelist import HotlineChangeList
from registration.hotline.changelist_sidebar import sidebar_filters_html
from registration.hotline.sites import hotline_site
from registration.models import Registration
from tests.factories import make_conference, make_registration
from tests.hotline.test_delegations import delegation_of

pytestmark = pytest.mark.django_db

LIST = "hotline:registration_registration_changelist"


def _changelist(user, query):
    request = RequestFactory().get(reverse(LIST), query)
    request.user = user
    return hotline_site._registry[Registration].get_changelist_instance(request)


def _django_sidebar(changelist):
    return "".join(admin_list_filter(changelist, spec) for spec in changelist.filter_specs)


@pytest.fixture
def registrations():
    conference = make_conference()
    make_registration(conference, last_name="Huber", country="AT")
    make_registration(conference, last_name="Nowak", country="PL", gala_dinner=True)
    delegation_of(conference, 'City of "Graz" & <Umland>', 2)
    return conference


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"status__exact": "confirmed", "q": "Hu & <b>ber"},
        {"country": "AT", "gala_dinner__exact": "1", "o": "2.-3"},
        {"table": "none", "email_problem": "yes", "checked_in": "no", "source__exact": "phone"},
        {"language__exact": "de", "delegation": "any", "p": "2"},
    ],
)
def test_the_sidebar_is_the_one_django_s_admin_writes(hotline_user, registrations, query, language):
    with translation.override(language):
        scoped = _changelist(hotline_user, {"conference__id__exact": registrations.pk} | query)
        everything = _changelist(hotline_user, query)
        for changelist in (scoped, everything):
            assert sidebar_filters_html(changelist) == _django_sidebar(changelist)


def test_each_day_table_and_delegation_of_a_chosen_conference_is_a_choice(
    hotline_user, registrations
):
    day = registrations.days.first()
    changelist = _changelist(
        hotline_user, {"conference__id__exact": registrations.pk, "day": day.pk}
    )
    sidebar = sidebar_filters_html(changelist)
    assert sidebar == _django_sidebar(changelist)
    delegation = registrations.delegations.get()
    assert f"delegation={delegation.pk}" in sidebar
    assert "City of &quot;Graz&quot; &amp; &lt;Umland&gt;" in sidebar
    # The chosen day is marked, and its link keeps the conference.
    chosen = f"?conference__id__exact={registrations.pk}&amp;day={day.pk}"
    assert f'<li class="selected">\n    <a href="{chosen}">' in sidebar


def test_a_repeated_parameter_is_kept_in_every_link(hotline_user, registrations):
    query = {"conference__id__exact": registrations.pk, "status__exact": ["confirmed", "pending"]}
    changelist = _changelist(hotline_user, query)
    sidebar = sidebar_filters_html(changelist)
    assert sidebar == _django_sidebar(changelist)
    assert "status__exact=confirmed&amp;status__exact=pending" in sidebar


def test_the_list_page_shows_the_sidebar(hotline_client, registrations):
    response = hotline_client.get(reverse(LIST), {"conference__id__exact": registrations.pk})
    page = response.content.decode()
    changelist = response.context["cl"]
    assert isinstance(changelist, HotlineChangeList)
    assert '<nav id="changelist-filter" aria-labelledby="changelist-filter-header">' in page
    assert _django_sidebar(changelist) in page
    assert "Clear all filters" in page


_params = st.dictionaries(
    st.sampled_from(["status__exact", "country", "q", "o", "day", "conference__id__exact"]),
    st.one_of(st.text(max_size=8), st.lists(st.text(max_size=5), min_size=1, max_size=3)),
    max_size=4,
)


@given(
    query=_params,
    new_params=st.dictionaries(
        st.sampled_from(["status__exact", "country", "p", "day"]),
        st.one_of(st.none(), st.text(max_size=6), st.integers(), st.booleans()),
        max_size=3,
    ),
    remove=st.lists(st.sampled_from(["status", "country", "q", "da", "o"]), max_size=2),
)
def test_query_strings_are_django_s(hotline_user, query, new_params, remove):
    changelist = _changelist(hotline_user, {})
    # The parameters a request would give (the filters themselves are not applied here).
    changelist.filter_params = {k: v if isinstance(v, list) else [v] for k, v in query.items()}
    for _twice in range(2):  # the second time from what was encoded the first
        expected = ChangeList.get_query_string(changelist, new_params, remove)
        assert changelist.get_query_string(new_params, remove) == expected
