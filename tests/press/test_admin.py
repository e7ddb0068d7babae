"""Organisers (staff in the "Organisers" group) manage press content in admin; embargo
times are entered in Berlin time; other staff cannot touch press content."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from conferences.press.models import NewsItem, PressRelease
from tests.factories import make_conference

from .factories import make_contact, make_organisation, make_release
from .helpers import page_url

pytestmark = pytest.mark.django_db

PRESS_MODELS = ["organisation", "presscontact", "pressrelease", "presskititem", "newsitem"]


@pytest.fixture
def organiser(client):
    user = User.objects.create_user("organiser", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Organisers"))
    client.force_login(user)
    return user


def _release_form(organisation, **overrides):
    values = {
        "conference": "",
        "language": "de",
        "translation_of": "",
        "title": "Europäisches Know-how",
        "slug": "europaeisches-know-how",
        "lead": "Die MCE tagen in Leipzig.",
        "body": "Die Jahreskonferenz findet in Leipzig statt.",
        "released_at_0": "2018-05-08",
        "released_at_1": "09:00:00",
        "embargo_until_0": "2030-05-28",
        "embargo_until_1": "10:00:00",
        "is_published": "on",
        "organisation": organisation.pk,
        "contact": "",
    }
    return values | overrides


@pytest.mark.parametrize("time_zone", ["Europe/Berlin", "UTC"])
def test_organiser_adds_a_release_with_embargo_in_berlin_time(
    client, organiser, settings, time_zone
):
    settings.TIME_ZONE = time_zone
    organisation = make_organisation()
    response = client.post(reverse("admin:press_pressrelease_add"), _release_form(organisation))
    assert response.status_code == 302, response.content.decode()[-3000:]
    release = PressRelease.objects.get(slug="europaeisches-know-how")
    # 10:00 in Berlin in summer is 08:00 UTC, whatever the server's time zone.
    assert release.embargo_until == datetime.datetime(2030, 5, 28, 8, 0, tzinfo=datetime.UTC)
    assert release.released_at == datetime.datetime(2018, 5, 8, 7, 0, tzinfo=datetime.UTC)

    change = client.get(reverse("admin:press_pressrelease_change", args=[release.pk]))
    assert 'name="embargo_until_1" value="10:00:00"' in change.content.decode()
    changelist = client.get(reverse("admin:press_pressrelease_changelist")).content.decode()
    assert "Embargoed until 28/05/2030 10:00" in changelist


def test_saving_in_admin_shows_the_change_on_cached_pages_at_once(client, organiser):
    release = make_release(title="Alter Titel")
    client.logout()
    assert "Alter Titel" in client.get(page_url("press:releases")).content.decode()
    client.force_login(organiser)
    form = _release_form(
        release.organisation,
        title="Neuer Titel",
        slug=release.slug,
        embargo_until_0="",
        embargo_until_1="",
    )
    response = client.post(reverse("admin:press_pressrelease_change", args=[release.pk]), form)
    assert response.status_code == 302
    client.logout()
    assert "Neuer Titel" in client.get(page_url("press:releases")).content.decode()


def test_a_translation_must_be_in_another_language_than_its_original(client, organiser):
    original = make_release(language="de")
    form = _release_form(
        original.organisation, slug="translation", translation_of=original.pk, language="de"
    )
    response = client.post(reverse("admin:press_pressrelease_add"), form)
    assert response.status_code == 200
    assert "A translation needs another language than the original." in response.content.decode()
    assert not PressRelease.objects.filter(slug="translation").exists()


def test_organiser_can_open_every_press_admin_page(client, organiser):
    make_contact()
    for model in PRESS_MODELS:
        assert client.get(reverse(f"admin:press_{model}_changelist")).status_code == 200, model
        assert client.get(reverse(f"admin:press_{model}_add")).status_code == 200, model


def test_organiser_adds_a_news_item(client, organiser):
    response = client.post(
        reverse("admin:press_newsitem_add"),
        {
            "conference": make_conference().pk,
            "language": "de",
            "title": "Gute Spielzeit!",
            "date": "2020-12-01",
            "text": "Lecos konsolidiert IT-Infrastrukturen.",
            "url": "",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    assert NewsItem.objects.get().title == "Gute Spielzeit!"


def test_staff_without_the_organisers_group_cannot_manage_press_content(client):
    client.force_login(User.objects.create_user("someone", is_staff=True))
    for model in PRESS_MODELS:
        assert client.get(reverse(f"admin:press_{model}_changelist")).status_code == 403, model
        assert client.get(reverse(f"admin:press_{model}_add")).status_code == 403, model
    response = client.post(reverse("admin:press_pressrelease_add"), {"title": "x"})
    assert response.status_code == 403
    assert not PressRelease.objects.exists()
