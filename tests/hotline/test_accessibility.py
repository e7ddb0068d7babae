"""The back office passes axe-core's WCAG 2.1 A and AA rules: hotline staff work with
keyboards and screen readers too."""

from importlib import import_module

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import make_conference, make_registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_back_office_pages_load_without_console_errors_or_wcag_violations(
    browser_page, live_server, django_user_model, axe_violations, hotline_group
):
    conference = make_conference()
    registration = make_registration(conference)
    user = django_user_model.objects.create_user(
        "desk", password="a-long-pass-phrase", is_staff=True
    )
    user.groups.add(hotline_group)
    page = browser_page
    page.goto(live_server.url + reverse("hotline:login"))
    page.fill("#id_username", "desk")
    page.fill("#id_password", "a-long-pass-phrase")
    page.click("[type=submit]")
    page.wait_for_load_state("load")

    registrations = reverse("hotline:registration_registration_changelist")
    paths = [
        reverse("hotline:index"),
        registrations,
        registrations + "?q=Tester",
        reverse("hotline:registration_registration_change", args=[registration.pk]),
        reverse("hotline:registration_registration_add") + f"?conference={conference.pk}",
        reverse("hotline:dashboard", args=[conference.pk]),
        reverse("hotline:check_in", args=[conference.pk]),
        reverse("hotline:check_in_list", args=[conference.pk]),
    ]
    found = {}
    for path in paths:
        page.console_errors.clear()
        response = page.goto(live_server.url + path)
        if page.console_errors:  # before axe runs: it fetches stylesheets itself
            found[path] = list(page.console_errors)
        assert response.status == 200, path
        if violations := axe_violations(page):
            found.setdefault(path, []).extend(violations)
    assert found == {}


def test_invitation_letter_pages_have_no_wcag_violations(
    browser_page, live_server, django_user_model, axe_violations
):
    """What hotline leads open to approve visa letters (passport data: leads only)."""
    from registration.services import request_invitation_letter

    registration = make_registration(make_conference())
    passport = {
        "passport_name": "NGUYEN THI MAI",
        "nationality": "VN",
        "passport_number": "C1234567",
        "arrival": registration.conference.start_date,
        "departure": registration.conference.end_date,
    }
    letter = request_invitation_letter(registration=registration, passport=passport)
    user = django_user_model.objects.create_user(
        "lead", password="a-long-pass-phrase", is_staff=True
    )
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["use_back_office", "view_invitationletter", "approve_invitationletter"]
        )
    )
    page = browser_page
    page.goto(live_server.url + reverse("hotline:login"))
    page.fill("#id_username", "lead")
    page.fill("#id_password", "a-long-pass-phrase")
    page.click("[type=submit]")
    page.wait_for_load_state("load")
    found = {}
    for path in (
        reverse("hotline:self_service_invitationletter_changelist"),
        reverse("hotline:self_service_invitationletter_change", args=[letter.pk]),
    ):
        assert page.goto(live_server.url + path).status == 200, path
        if violations := axe_violations(page):
            found[path] = violations
    assert found == {}


def test_mass_email_page_and_its_log_have_no_wcag_violations(
    browser_page, live_server, django_user_model, axe_violations, hotline_group
):
    lead_roles = import_module(
        "registration.hotline.migrations.0004_roles_hotline_lead_and_press_officer"
    )
    conference = make_conference()
    make_registration(conference, first_name="Anna")
    user = django_user_model.objects.create_user(
        "lead", email="lead@example.org", password="a-long-pass-phrase", is_staff=True
    )
    user.groups.add(hotline_group)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="hotline", codename__in=lead_roles.LEAD_ONLY["hotline"]
        )
    )
    page = browser_page
    page.goto(live_server.url + reverse("hotline:login"))
    page.fill("#id_username", "lead")
    page.fill("#id_password", "a-long-pass-phrase")
    page.click("[type=submit]")
    page.wait_for_load_state("load")

    page.goto(
        live_server.url
        + reverse("hotline:registration_mass_email")
        + f"?conference__id__exact={conference.pk}"
    )
    page.click("button[name=send]")  # empty: the error summary
    page.wait_for_load_state("load")
    assert page.locator("#form-errors").count() == 1
    found = {"errors": axe_violations(page)}
    page.fill("#id_subject_en", "Hello {first_name}")
    page.fill("#id_body_en", "**Welcome**, see {manage_link}")
    page.fill("#id_subject_de", "Hallo {first_name}")
    page.fill("#id_body_de", "**Willkommen**")
    page.click("button[name=preview]")
    page.wait_for_load_state("load")
    assert "Hello Anna" in page.locator("#preview").inner_text()
    found["preview"] = axe_violations(page)
    page.click("button[name=send]")
    page.wait_for_load_state("load")
    found["log"] = axe_violations(page)
    assert "hotline/massemail" in page.url
    assert found == {"errors": [], "preview": [], "log": []}
