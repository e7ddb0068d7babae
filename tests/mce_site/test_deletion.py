"""Delete confirmations in admin never list registrants to staff who may not see them: the
delete is refused with a message that counts them instead."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from conferences.models import Conference
from registration.models import ParticipantCategory
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(client, django_user_model):
    user = django_user_model.objects.create_user("orga", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Organisers"))
    client.force_login(user)
    return user


@pytest.fixture
def conference():
    conference = make_conference()
    make_registration(conference, first_name="Wilhelmine", last_name="Zwetschkenbaum")
    make_registration(conference, last_name="Quargelbrot")
    return conference


def _delete_urls(conference):
    category = conference.participant_categories.first()
    return [
        reverse("admin:conferences_conference_delete", args=[conference.pk]),
        reverse("admin:registration_participantcategory_delete", args=[category.pk]),
    ]


def test_organisers_are_refused_with_a_count_instead_of_names(client, organiser, conference):
    for url in _delete_urls(conference):
        page = client.get(url).content.decode()
        assert "Zwetschkenbaum" not in page and "Quargelbrot" not in page, url
        assert "personal data, which you may not see" in page
        assert "× Registrations" in page
        assert "Zwetschkenbaum" not in client.post(url, {"post": "yes"}).content.decode()
    assert Conference.objects.filter(pk=conference.pk).exists()
    assert ParticipantCategory.objects.filter(conference=conference).count() == 3


def test_the_bulk_delete_action_is_refused_the_same_way(client, organiser, conference):
    url = reverse("admin:conferences_conference_changelist")
    data = {"action": "delete_selected", "_selected_action": [conference.pk]}
    page = client.post(url, data).content.decode()
    assert "Zwetschkenbaum" not in page
    assert "personal data, which you may not see" in page


def test_a_conference_without_registrations_is_deleted_as_usual(client, organiser):
    empty = make_conference()
    url = reverse("admin:conferences_conference_delete", args=[empty.pk])
    assert "Are you sure" in client.get(url).content.decode()
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Conference.objects.filter(pk=empty.pk).exists()


def test_staff_who_may_see_registrants_get_admins_own_listing(admin_client, conference):
    page = admin_client.get(_delete_urls(conference)[0]).content.decode()
    assert "Zwetschkenbaum" in page  # Django's "protected related objects" list
