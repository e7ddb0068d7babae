"""What only a browser shows: the desk pages fit a 360 px phone, the screen a volunteer at
the entrance may hold."""

import pytest
from django.urls import reverse

from registration.models import Registration
from tests.factories import make_conference, make_registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def desk(browser_page, live_server, django_user_model, hotline_group):
    """A hotline agent signed in on a phone, and a conference with long names on it."""
    conference = make_conference(title="Mitteldeutscher IT-Fachtag der Kommunalverwaltungen 2027")
    for n in range(3):
        make_registration(
            conference,
            first_name="Maximiliane-Friederike",
            last_name=f"Oberbürgermeisterstellvertreterin{n}",
            organisation="Bundes-Arbeitsgemeinschaft der Kommunalen IT-Dienstleister e.V.",
            email=f"a-long-address-{n}@bundes-arbeitsgemeinschaft.example",
            status=Registration.Status.CONFIRMED,
        )
    user = django_user_model.objects.create_user("desk", password="a-long-pass", is_staff=True)
    user.groups.add(hotline_group)
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("hotline:login"))
    page.fill("#id_username", "desk")
    page.fill("#id_password", "a-long-pass")
    page.click("[type=submit]")
    page.wait_for_load_state("load")
    return page, conference


def _page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


# Text running out of its box (a long name past the border of the check-in result) does not
# always widen the page: admin's layout clips it. Any visible box whose content is wider.
OVERFLOWING = """[...document.querySelectorAll('body *')]
  .filter(e => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1
               && getComputedStyle(e).overflowX === 'visible')
  .map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth)"""


def _assert_fits_the_phone(page):
    assert _page_width(page) <= PHONE["width"]
    assert page.evaluate(OVERFLOWING) == []


@pytest.mark.parametrize("name", ["hotline:check_in", "hotline:check_in_list"])
def test_check_in_pages_fit_a_360px_phone(desk, live_server, name):
    page, conference = desk
    page.goto(live_server.url + reverse(name, args=[conference.pk]))
    if name == "hotline:check_in":  # with a result shown, the widest state of the desk
        reference = Registration.objects.first().booking_reference
        page.fill("input[name=reference]", reference)
        page.click("form.hotline-form [type=submit]")
        page.wait_for_load_state("load")
    _assert_fits_the_phone(page)


def test_badges_fit_a_360px_phone_on_screen(desk, live_server):
    page, _conference = desk
    page.goto(live_server.url + reverse("hotline:registration_registration_changelist"))
    page.check("#action-toggle")
    page.select_option("select[name=action]", "print_badges_action")
    page.click("button[name=index]")
    page.wait_for_load_state("load")
    assert page.locator(".badge").count() == 3
    _assert_fits_the_phone(page)
