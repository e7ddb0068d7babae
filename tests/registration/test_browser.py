"""What only a browser shows: after a failed submit, keyboard and screen-reader users land
on the error summary, whose links lead to the fields; the form fits a phone."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from registration.models import Registration
from tests.factories import make_conference, make_registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_failed_submit_puts_focus_on_the_error_summary(browser_page, live_server):
    conference = make_conference()
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/de/conferences/{conference.slug}/register-now/")
    page.click("#registration-form [type=submit]")
    page.wait_for_load_state("load")
    assert page.title().startswith("Fehler: ")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    first_link = page.locator("#error-summary a").first
    assert first_link.get_attribute("href") == "#id_first_name"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_press_officer_pages_have_no_wcag_violations(
    browser_page, live_server, django_user_model, axe_violations
):
    conference = make_conference()
    press = conference.participant_categories.get(is_press=True)
    journalist = make_registration(
        conference, category=press, press_accreditation=Registration.Accreditation.PENDING
    )
    user = django_user_model.objects.create_user(
        "press", password="a-long-pass-phrase", is_staff=True
    )
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_pressaccreditation", "change_pressaccreditation"]
        )
    )
    page = browser_page
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "press")
    page.fill("#id_password", "a-long-pass-phrase")
    page.click("[type=submit]")
    page.wait_for_load_state("load")

    found = {}
    page.goto(live_server.url + reverse("admin:registration_pressaccreditation_changelist"))
    found["list"] = axe_violations(page)
    decide = reverse("admin:registration_pressaccreditation_change", args=[journalist.pk])
    page.goto(live_server.url + decide)
    page.check("#id_decision_1")  # decline without a note: the error summary
    page.click("#content button[type=submit]")
    page.wait_for_load_state("load")
    assert page.locator("#form-errors").count() == 1
    found["errors"] = axe_violations(page)
    page.check("#id_decision_0")
    page.click("#content button[type=submit]")
    page.wait_for_load_state("load")
    journalist.refresh_from_db()
    assert journalist.press_accreditation == Registration.Accreditation.APPROVED
    assert found == {"list": [], "errors": []}
