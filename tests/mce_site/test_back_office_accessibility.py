"""Every page an organiser or a hotline agent sees passes axe-core (all its rules, not only
the WCAG tags: best practices such as a search box with a real label count too): each admin
model's list, add and change page, and the hotline back office."""

import pytest
from django.contrib import admin
from django.urls import reverse

from registration.hotline.sites import hotline_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in(browser_page, live_server, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "a-long-pass")
    page = browser_page
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "boss")
    page.fill("#id_password", "a-long-pass")
    page.click("[type=submit]")
    page.wait_for_load_state("load")
    return page


def admin_paths(site):
    paths = []
    for model, model_admin in site._registry.items():
        prefix = f"{site.name}:{model._meta.app_label}_{model._meta.model_name}"
        paths.append(reverse(f"{prefix}_changelist"))
        if model_admin.has_add_permission(_Request()):
            paths.append(reverse(f"{prefix}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(reverse(f"{prefix}_change", args=[first.pk]))
    return paths


class _Request:
    """Enough of a superuser's request for has_add_permission()."""

    class user:
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(perm, obj=None):
            return True


def test_every_admin_page_passes_axe(signed_in, live_server, back_office_data, axe_all_rules):
    found = {}
    for path in [reverse("admin:index"), *admin_paths(admin.site)]:
        response = signed_in.goto(live_server.url + path)
        assert response.status == 200, path
        if violations := axe_all_rules(signed_in):
            found[path] = violations
    assert found == {}


def test_every_hotline_page_passes_axe(signed_in, live_server, back_office_data, axe_all_rules):
    conference = back_office_data
    answered = conference.registrations.filter(answers__isnull=False).first()
    answers_page = reverse("hotline:registration_answers", args=[answered.pk])
    paths = [
        reverse("hotline:index"),
        *admin_paths(hotline_site),
        reverse("hotline:dashboard", args=[conference.pk]),
        reverse("hotline:check_in", args=[conference.pk]),
        reverse("hotline:check_in_list", args=[conference.pk]),
        reverse("hotline:registration_registration_add") + f"?conference={conference.pk}",
        answers_page,
    ]
    found = {}
    for path in paths:
        response = signed_in.goto(live_server.url + path)
        assert response.status == 200, path
        if violations := axe_all_rules(signed_in):
            found[path] = violations
    # The answers page showing an error: the required menu left unanswered.
    menu = conference.questions.get(kind="one_choice").field_name
    signed_in.goto(live_server.url + answers_page)
    signed_in.evaluate(f"document.getElementsByName('{menu}').forEach(b => b.checked = false)")
    signed_in.click("#content [type=submit]")
    signed_in.wait_for_load_state("load")
    assert signed_in.locator("#form-errors").is_visible()
    if violations := axe_all_rules(signed_in):
        found["answers page with an error"] = violations
    assert found == {}
