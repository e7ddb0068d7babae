"""What only a browser shows: the skip link appears on keyboard focus, the layout fits a phone."""

import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser_page):
    return browser_page


def test_skip_link_appears_on_first_tab_and_moves_focus_to_main(page, live_server):
    page.goto(f"{live_server.url}/privacy/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0  # on screen, not parked off-screen
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_page_fits_a_360px_phone_without_horizontal_scrolling(page, live_server):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/de/privacy/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE") == "true"
