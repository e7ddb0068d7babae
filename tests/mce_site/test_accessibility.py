"""Every kind of public page loads without a console error (a CSP refusal, a failed
resource) and passes axe-core's WCAG 2.1 A and AA rules in a real browser,
on a phone and a desktop, in both languages, including a form showing its errors."""

import pytest
from django.urls import reverse

from conferences.models import SessionKind
from tests.factories import (
    answer_example_questions,
    make_conference,
    make_example_questions,
    make_session,
    make_speaker,
)

from .test_accessibility_statement import ensure_statement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def conference():
    conference = make_conference(slug="2018-leipzig", title="MCE 2018 Leipzig", is_demo=True)
    speaker = make_speaker(slug="ralf-resch", academic_title="Dr.", first_name="Ralf")
    make_session(conference, slug="keynote", kind=SessionKind.KEYNOTE, speakers=[speaker])
    make_session(conference, day=conference.days.last(), kind=SessionKind.WORLD_CAFE)
    make_example_questions(conference)  # one of each kind on the forms
    ensure_statement()
    return conference


def public_paths(conference):
    slug = {"slug": conference.slug}
    return [
        reverse("conferences:home"),
        reverse("conferences:list"),
        reverse("conferences:detail", kwargs=slug),
        reverse("conferences:programme", kwargs=slug),
        reverse("conferences:session", kwargs=slug | {"session_slug": "keynote"}),
        reverse("conferences:speaker", kwargs={"speaker_slug": "ralf-resch"}),
        reverse("conferences:world_cafe", kwargs=slug),
        reverse("conferences:venue", kwargs=slug),
        reverse("registration:register", kwargs=slug),
        reverse("press:conference_press", kwargs=slug),
        reverse("press:news"),
        reverse("press:releases"),
        reverse("privacy"),
        reverse("accessibility"),
        "/de" + reverse("accessibility"),
        "/de" + reverse("conferences:detail", kwargs=slug),
        "/de" + reverse("registration:register", kwargs=slug),
    ]


@pytest.mark.parametrize("width", [360, 1280])
def test_public_pages_load_without_console_errors_or_wcag_violations(
    browser_page, live_server, conference, axe_violations, width
):
    browser_page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for path in public_paths(conference):
        browser_page.console_errors.clear()
        response = browser_page.goto(live_server.url + path)
        if browser_page.console_errors:  # before axe runs: it fetches stylesheets itself
            found[path] = list(browser_page.console_errors)
        assert response.status == 200, path
        if violations := axe_violations(browser_page):
            found.setdefault(path, []).extend(violations)
    assert found == {}


@pytest.mark.parametrize("prefix", ["", "/de"])
def test_registration_form_with_errors_has_no_wcag_violations(
    browser_page, live_server, conference, axe_violations, prefix
):
    url = prefix + reverse("registration:register", args=[conference.slug])
    browser_page.goto(live_server.url + url)
    browser_page.click("#registration-form [type=submit]")
    browser_page.wait_for_load_state("load")
    assert browser_page.locator("#error-summary").is_visible()
    menu = conference.questions.get(kind="one_choice").field_name
    assert browser_page.locator(f"#error-summary a[href='#id_{menu}_0']").count() == 1
    assert axe_violations(browser_page) == []


def test_self_service_pages_have_no_wcag_violations(
    browser_page, live_server, conference, axe_violations
):
    """The manage page with the ticket, the details (with the conference's questions),
    transfer and agenda forms (and the details form showing its errors), the read-only page
    with the answers after the deadline, the new-address page, and the colleague's take-over
    page (with and without errors)."""
    from registration.self_service.models import EmailChange
    from registration.services import offer_transfer, request_email_change
    from tests.factories import make_registration

    registration = answer_example_questions(make_registration(conference))
    request_email_change(registration=registration, new_email="neu@example.org")
    giver = make_registration(conference)
    take_over = reverse(
        "registration:take_over",
        args=[
            offer_transfer(registration=giver, first_name="K", last_name="K", email="k@x.org").token
        ],
    )
    manage = registration.get_manage_url()
    new_address = reverse("registration:confirm_email", args=[EmailChange.objects.get().token])
    found = {}
    paths = (manage, new_address, take_over, giver.get_manage_url())
    for path in (*paths, *("/de" + path for path in paths)):
        browser_page.goto(live_server.url + path)
        found[path] = axe_violations(browser_page)
    browser_page.goto(live_server.url + take_over)
    browser_page.click("#take-over-form [type=submit]")
    browser_page.wait_for_load_state("load")
    assert browser_page.locator("#error-summary").is_visible()
    found["take-over with errors"] = axe_violations(browser_page)
    browser_page.goto(live_server.url + manage)
    browser_page.fill("#id_last_name", "")
    browser_page.click("#details-form [type=submit]")
    browser_page.wait_for_load_state("load")
    assert browser_page.locator("#error-summary").is_visible()
    found["details with errors"] = axe_violations(browser_page)
    conference.changes_close_at = conference.registration_opens_at
    conference.save()
    for prefix in ("", "/de"):
        browser_page.goto(live_server.url + prefix + manage)
        assert browser_page.locator("#changes-closed").is_visible()
        assert browser_page.locator("#answers-heading").is_visible()
        found[f"read-only {prefix}"] = axe_violations(browser_page)
    assert {where: v for where, v in found.items() if v} == {}


def test_delegation_pages_have_no_wcag_violations(
    browser_page, live_server, conference, axe_violations
):
    """The delegation form (empty, with errors, in both languages), its thanks page after a
    real submission without JavaScript's help, and the lead's manage page."""
    from registration.models import Delegation

    form = reverse("registration:register_delegation", args=[conference.slug])
    found = {}
    for path in (form, "/de" + form):
        browser_page.goto(live_server.url + path)
        found[path] = axe_violations(browser_page)
    browser_page.goto(live_server.url + form)
    browser_page.click("#delegation-form [name=register]")
    browser_page.wait_for_load_state("load")
    assert browser_page.locator("#error-summary").is_visible()
    found["delegation form with errors"] = axe_violations(browser_page)

    browser_page.fill("#id_organisation", "Stadt Leipzig")
    browser_page.fill("#id_city", "Leipzig")
    browser_page.select_option("#id_country", "DE")
    browser_page.check("#id_category_0")
    for n in range(2):
        browser_page.fill(f"#id_person-{n}-first_name", f"Person{n}")
        browser_page.fill(f"#id_person-{n}-last_name", "Delegate")
        browser_page.fill(f"#id_person-{n}-email", f"person{n}@example.org")
        browser_page.check(f"#id_person-{n}-days_0")
        browser_page.check(f"#id_person-{n}-gala_dinner_1")
    browser_page.check("#id_privacy_consent")
    browser_page.click("#delegation-form [name=register]")
    browser_page.wait_for_load_state("load")
    assert browser_page.locator(".delegation-reference").is_visible()
    found["delegation thanks"] = axe_violations(browser_page)

    lead = Delegation.objects.get().lead
    browser_page.goto(live_server.url + lead.get_manage_url())
    assert browser_page.locator("#delegation").is_visible()
    found["lead's manage page"] = axe_violations(browser_page)
    assert {where: v for where, v in found.items() if v} == {}
