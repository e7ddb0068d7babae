"""What only a browser shows: after a failed submit, keyboard and screen-reader users land
on the error summary, whose links lead to the fields; the form fits a phone."""

import pytest

from tests.factories import make_conference

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
