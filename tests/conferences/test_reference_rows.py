"""The conference row, topics, days, partners and projects are read once and kept, page cache
on or off, until an organiser saves in admin."""

import pytest
from django.urls import reverse

from conferences.models import Conference, Partner, Project, SessionKind
from tests.factories import make_conference, make_session, save_in_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_a_second_visit_reads_no_reference_rows_again(
    client, conference, programme, django_assert_num_queries
):
    Partner.objects.create(conference=conference, name="Stadt Leipzig", role="host")
    Project.objects.create(conference=conference, name_en="Open data portal")
    url = reverse("conferences:detail", kwargs={"slug": conference.slug})
    with django_assert_num_queries(7):
        client.get(url)
    # The conference, its topics, partners, projects and highlight sessions with their
    # speakers are kept, and the seat figures for a few seconds.
    with django_assert_num_queries(0):
        assert "Stadt Leipzig" in client.get(url).content.decode()


def test_the_programme_and_session_pages_read_nothing_once_warm(
    client, conference, programme, django_assert_num_queries
):
    programme_url = reverse("conferences:programme", kwargs={"slug": conference.slug})
    session_url = programme["keynote"].get_absolute_url()
    client.get(programme_url)
    client.get(session_url)
    # The published sessions with their speakers (and a session's materials) are kept.
    with django_assert_num_queries(0):
        assert "IT governance" in client.get(programme_url).content.decode()
    with django_assert_num_queries(0):
        assert "Dr. Ralf Resch" in client.get(session_url).content.decode()


def test_staff_see_drafts_on_pages_whose_sessions_visitors_keep(client, staff_client, programme):
    draft = programme["draft"]
    programme_url = reverse("conferences:programme", kwargs={"slug": draft.conference.slug})
    assert draft.title not in client.get(programme_url).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title in staff_client.get(programme_url).content.decode()
    assert staff_client.get(draft.get_absolute_url()).status_code == 200


def test_staff_see_a_draft_keynote_among_the_highlights_visitors_keep(
    client, staff_client, conference
):
    draft = make_session(
        conference,
        slug="draft-keynote",
        title="Draft keynote",
        kind=SessionKind.KEYNOTE,
        is_published=False,
    )
    url = reverse("conferences:detail", kwargs={"slug": conference.slug})
    assert draft.title not in client.get(url).content.decode()
    assert draft.title in staff_client.get(url).content.decode()


def test_a_topic_saved_in_admin_shows_at_once(client, admin_client, conference, programme):
    url = reverse("conferences:detail", kwargs={"slug": conference.slug})
    assert "City data" in client.get(url).content.decode()
    save_in_admin(admin_client, programme["topic"], title_en="Data of the city")
    assert "Data of the city" in client.get(url).content.decode()


def test_a_saved_conference_row_is_read_again(client, conference):
    url = reverse("conferences:detail", kwargs={"slug": conference.slug})
    client.get(url)
    # A save outside admin clears nothing: the kept row is shown until the next clear.
    Conference.objects.filter(pk=conference.pk).update(title="Renamed edition")
    assert "Renamed edition" not in client.get(url).content.decode()
    from conferences.caching import clear_public_pages

    clear_public_pages()  # what every save in admin does
    assert "Renamed edition" in client.get(url).content.decode()


def test_an_unpublished_conference_is_not_found_by_visitors_and_not_kept(client, staff_client):
    draft = make_conference(slug="draft-edition", is_published=False)
    url = reverse("conferences:detail", kwargs={"slug": draft.slug})
    assert client.get(url).status_code == 404
    assert staff_client.get(url).status_code == 200  # staff read the database
    assert client.get(url).status_code == 404
    Conference.objects.filter(pk=draft.pk).update(is_published=True)
    assert client.get(url).status_code == 200  # misses are not stored
