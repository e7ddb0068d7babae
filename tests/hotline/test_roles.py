"""Who sees what: the Hotline group can do the back office and nothing of the programme or
users; organisers see no personal data; public pages show no registrant."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from registration.models import Registration
from tests.factories import make_registration

pytestmark = pytest.mark.django_db


def test_hotline_group_holds_only_back_office_permissions():
    group = Group.objects.get(name="Hotline")
    perms = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert perms == {
        ("registration", "view_registration"),
        ("registration", "add_registration"),
        ("registration", "change_registration"),
        ("registration", "view_participantcategory"),
        # The conferences' questions, to explain one to a caller (organisers define them).
        ("registration", "view_question"),
        ("registration", "view_questionchoice"),
        ("hotline", "use_back_office"),
        ("hotline", "view_calllog"),
        ("hotline", "add_calllog"),
        ("hotline", "view_checkin"),
        ("hotline", "add_checkin"),
    }


def test_hotline_lead_adds_exports_erasure_mass_email_and_visa_letters_to_the_hotline():
    hotline = set(Group.objects.get(name="Hotline").permissions.all())
    lead = set(Group.objects.get(name="Hotline lead").permissions.all())
    extra = {(p.content_type.app_label, p.codename) for p in lead - hotline}
    assert hotline < lead
    assert extra == {
        ("hotline", "erase_personal_data"),
        ("hotline", "export_registrations"),
        ("hotline", "email_many_registrants"),
        # Passport data: registration/self_service (invitation letters).
        ("self_service", "view_invitationletter"),
        ("self_service", "approve_invitationletter"),
    }


def test_press_officers_manage_press_releases_news_and_the_press_kit_and_accredit_press():
    group = Group.objects.get(name="Press officer")
    perms = set(group.permissions.values_list("content_type__app_label", "codename"))
    accrediting = {
        ("registration", "view_pressaccreditation"),
        ("registration", "change_pressaccreditation"),
    }
    assert accrediting <= perms
    perms -= accrediting
    assert {app for app, _codename in perms} == {"press"}
    assert {codename.split("_", 1)[1] for _app, codename in perms} == {
        "organisation",
        "presscontact",
        "pressrelease",
        "presskititem",
        "newsitem",
    }
    assert len(perms) == 20


def test_hotline_staff_cannot_edit_the_programme_or_users(hotline_client, hotline_user):
    assert not hotline_user.has_perm("conferences.change_session")
    assert not hotline_user.has_perm("conferences.change_conference")
    assert hotline_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert hotline_client.get(reverse("admin:auth_user_add")).status_code == 403


@pytest.mark.parametrize(
    "name",
    ["hotline:index", "hotline:registration_registration_changelist"],
)
def test_organisers_outside_hotline_are_sent_to_the_login(client, organiser_user, name):
    client.force_login(organiser_user)
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("hotline:login"))


def test_organisers_cannot_open_a_registration_or_an_export(client, organiser_user, conference):
    registration = make_registration(conference, last_name="Geheim")
    client.force_login(organiser_user)
    for url in (
        reverse("hotline:registration_registration_change", args=[registration.pk]),
        reverse("hotline:registration_export", args=["csv"]),
        reverse("hotline:participants", args=[conference.pk, "csv"]),
        reverse("hotline:registration_personal_data", args=[registration.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "Geheim" not in response.content.decode()


def test_an_organiser_also_in_hotline_sees_personal_data(client, organiser_user, conference):
    organiser_user.groups.add(Group.objects.get(name="Hotline"))
    registration = make_registration(conference, last_name="Sichtbar")
    client.force_login(organiser_user)
    url = reverse("hotline:registration_registration_change", args=[registration.pk])
    assert "Sichtbar" in client.get(url).content.decode()


def test_registrations_are_not_in_the_organisers_admin(admin_client):
    assert Registration not in admin.site._registry
    assert admin_client.get("/admin/registration/registration/").status_code == 404


def test_hotline_pages_open_for_hotline_staff(hotline_client, conference):
    registration = make_registration(conference)
    for url in (
        reverse("hotline:index"),
        reverse("hotline:registration_registration_changelist"),
        reverse("hotline:registration_registration_change", args=[registration.pk]),
        reverse("hotline:registration_registration_history", args=[registration.pk]),
        reverse("hotline:dashboard", args=[conference.pk]),
        reverse("hotline:check_in", args=[conference.pk]),
        reverse("hotline:check_in_list", args=[conference.pk]),
        reverse("hotline:registration_booking", args=[registration.pk]),
    ):
        assert hotline_client.get(url).status_code == 200, url


def test_history_can_be_read_but_not_reverted(hotline_client, conference):
    registration = make_registration(conference, city="Leipzig")
    registration.city = "Dresden"
    registration.save()
    version = registration.history.last()
    url = reverse(
        "hotline:registration_registration_simple_history", args=[registration.pk, version.pk]
    )
    assert hotline_client.get(url).status_code == 200
    assert hotline_client.post(url, {"city": "Leipzig"}).status_code == 403
    registration.refresh_from_db()
    assert registration.city == "Dresden"


def _internal_links(html):
    for href in re.findall(r'href="(/[^"#]*)"', html):
        if not href.startswith(("/static/", "/media/", "/admin/", "/operations/")):
            yield href


def test_public_pages_never_show_a_registrant(client, conference):
    """Crawls every public page reachable from the home page and the event page."""
    make_registration(
        conference,
        first_name="Wilhelmine",
        last_name="Zwetschkenbaum",
        email="wilhelmine@secret.example",
        listed_consent=True,
    )
    queue = ["/", conference.get_absolute_url(), "/de/"]
    seen = set()
    while queue and len(seen) < 80:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for secret in ("Zwetschkenbaum", "Wilhelmine", "wilhelmine@secret.example"):
            assert secret not in html, url
        queue.extend(_internal_links(html))
    assert conference.get_absolute_url() in seen
    assert len(seen) > 3
