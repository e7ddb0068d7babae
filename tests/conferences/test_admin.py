"""Organisers edit the programme in admin: permissions of the group, validation, cache."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conferences.caching import VERSION_KEY
from conferences.models import Session
from tests.factories import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client, django_user_model):
    user = django_user_model.objects.create_user("orga", "orga@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Organisers"))
    client.force_login(user)
    return client


def test_organisers_group_manages_programme_content_and_nothing_on_registrations():
    codenames = set(
        Group.objects.get(name="Organisers").permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    for model in ("conference", "session", "speaker", "topic", "day", "worldcafetable"):
        for action in ("add", "change", "delete", "view"):
            assert ("conferences", f"{action}_{model}") in codenames
    assert ("registration", "change_participantcategory") in codenames
    registration_perms = {c for app, c in codenames if app == "registration"}
    # Conference configuration: participant categories and the forms' own questions.
    assert registration_perms == {
        f"{a}_{model}"
        for a in ("add", "change", "delete", "view")
        for model in ("participantcategory", "question", "questionchoice")
    }
    assert not any(app == "hotline" for app, _c in codenames)
    assert Permission.objects.filter(codename="view_registration").exists()


def test_organiser_opens_programme_admin_but_not_registrations(organiser_client, conference):
    for name in ("conference", "session", "speaker", "topic"):
        url = reverse(f"admin:conferences_{name}_changelist")
        assert organiser_client.get(url).status_code == 200, name
    assert (
        organiser_client.get(
            reverse("admin:conferences_conference_change", args=[conference.pk])
        ).status_code
        == 200
    )
    organiser = organiser_client.get(reverse("admin:index")).wsgi_request.user
    for codename in ("view_registration", "change_registration", "delete_registration"):
        assert not organiser.has_perm(f"registration.{codename}")


def test_session_changelist_filters_and_searches(admin_client, conference, programme):
    url = reverse("admin:conferences_session_changelist")

    def titles(**query):
        return [str(s) for s in admin_client.get(url, query).context["cl"].result_list]

    assert titles(kind__exact="keynote") == ["IT governance"]
    assert titles(q="Resch") == ["IT governance"]
    assert titles(is_published__exact="0") == ["Secret draft"]


def _session_form(conference, **changes):
    day = conference.days.first()
    start = datetime.datetime.combine(day.date, datetime.time(9))
    data = {
        "conference": conference.pk,
        "day": day.pk,
        "starts_at_0": start.date().isoformat(),
        "starts_at_1": "09:00",
        "ends_at_0": start.date().isoformat(),
        "ends_at_1": "10:00",
        "title_en": "A session",
        "title_de": "",
        "slug": "a-session",
        "kind": "plenary",
        "audience": "open",
        "description_en": "",
        "description_de": "",
        "is_published": "on",
        "state": "scheduled",
        "appearances-TOTAL_FORMS": "0",
        "appearances-INITIAL_FORMS": "0",
        "materials-TOTAL_FORMS": "0",
        "materials-INITIAL_FORMS": "0",
    }
    return data | changes


def test_valid_session_is_saved_and_clears_the_public_cache(admin_client, conference):
    from django.core.cache import cache

    version = cache.get(VERSION_KEY)
    response = admin_client.post(
        reverse("admin:conferences_session_add"), _session_form(conference)
    )
    assert response.status_code == 302
    assert Session.objects.get(slug="a-session").conference == conference
    assert cache.get(VERSION_KEY) != version


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at_1": "08:00"}, "A session must end after it starts."),
        (
            {"starts_at_0": "2001-01-01", "ends_at_0": "2001-01-01"},
            "The session must take place within the conference dates.",
        ),
        ({"slug": "keynote"}, "Another session of this conference has this slug."),
    ],
)
def test_session_rules_get_a_clear_message_in_admin(
    admin_client, conference, programme, changes, message
):
    response = admin_client.post(
        reverse("admin:conferences_session_add"), _session_form(conference, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()


def test_world_cafe_table_numbers_are_unique_per_conference(admin_client, conference):
    response = admin_client.post(
        reverse("admin:conferences_worldcafetable_add"),
        {"conference": conference.pk, "number": 1, "theme_en": "Again", "capacity": 5},
    )
    assert "Another table of this conference has this number." in response.content.decode()


def test_conference_dates_cannot_move_away_from_its_sessions(admin_client, conference):
    make_session(conference, slug="early", title="Early bird")
    change = reverse("admin:conferences_conference_change", args=[conference.pk])
    form = admin_client.get(change).context["adminform"].form
    # An empty letterhead is an empty file object, not a value to post.
    skipped = ("series", "letterhead")
    data = {k: v for k, v in form.initial.items() if v is not None and k not in skipped}
    later = conference.start_date + datetime.timedelta(days=30)
    response = admin_client.post(
        change,
        data
        | {
            "series": conference.series_id,
            "start_date": later.isoformat(),
            "end_date": later.isoformat(),
        },
    )
    assert "These sessions would lie outside the new dates" in response.content.decode()


def test_view_on_site_previews_a_draft_session_for_the_organiser(
    organiser_client, conference, programme
):
    draft = programme["draft"]
    change_page = organiser_client.get(
        reverse("admin:conferences_session_change", args=[draft.pk])
    ).content.decode()
    view_on_site = reverse("admin:view_on_site", args=[_content_type_id(draft), draft.pk])
    assert f'href="{view_on_site}"' in change_page
    preview = organiser_client.get(view_on_site, follow=True)
    assert preview.redirect_chain[-1][0].endswith(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "Secret draft" in preview.content.decode()
    assert Client().get(draft.get_absolute_url()).status_code == 404  # a visitor


def _content_type_id(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def test_time_zone_is_chosen_from_the_installed_database_and_validated(admin_client, conference):
    page = admin_client.get(reverse("admin:conferences_conference_change", args=[conference.pk]))
    assert '<option value="Europe/Berlin" selected>' in page.content.decode()
    conference.time_zone = "Mars/Olympus_Mons"
    with pytest.raises(ValidationError) as error:
        conference.full_clean()
    assert "time_zone" in error.value.message_dict


def test_a_new_conference_holds_unconfirmed_registrations_for_a_few_hours(settings):
    from conferences.models import Conference

    assert Conference().pending_hold_hours == 4
    settings.DEFAULT_PENDING_HOLD_HOURS = 6
    assert Conference().pending_hold_hours == 6
