"""Every page an organiser or a hotline agent sees is valid HTML by the Nu Html Checker
(vnu.jar on Java): the same pages as the axe-core test, fetched as a superuser."""

import json
import subprocess

import pytest
from django.contrib import admin
from django.urls import reverse

from registration.hotline.sites import hotline_site

from .test_back_office_accessibility import admin_paths

pytestmark = [pytest.mark.validator, pytest.mark.django_db]


def nu_errors(jar, pages, folder):
    """{path: [message, ...]} for every page with an error, in one vnu run."""
    files = {}
    for n, (path, html) in enumerate(pages.items()):
        file = folder / f"page{n}.html"
        file.write_bytes(html)
        files[file.name] = path
    run = subprocess.run(
        [
            "java",
            "-jar",
            str(jar),
            "--errors-only",
            "--format",
            "json",
            *map(str, folder.glob("*")),
        ],
        capture_output=True,
        text=True,
    )
    found = {}
    for message in json.loads(run.stderr)["messages"]:
        url = message.get("url", "")
        where = files.get(url.rsplit("/", 1)[-1], url)
        found.setdefault(where, []).append(f"{message.get('lastLine')}: {message['message']}")
    return found


def test_back_office_pages_are_valid_html(admin_client, back_office_data, vnu_jar, tmp_path):
    conference = back_office_data
    answered = conference.registrations.filter(answers__isnull=False).first()
    answers_page = reverse("hotline:registration_answers", args=[answered.pk])
    paths = [
        reverse("admin:index"),
        *admin_paths(admin.site),
        reverse("hotline:index"),
        *admin_paths(hotline_site),
        reverse("hotline:dashboard", args=[conference.pk]),
        reverse("hotline:check_in", args=[conference.pk]),
        reverse("hotline:check_in_list", args=[conference.pk]),
        reverse("hotline:registration_registration_add") + f"?conference={conference.pk}",
        answers_page,
    ]
    pages = {}
    for path in paths:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content
    with_error = admin_client.post(answers_page, {})  # the required menu left unanswered
    assert b'id="form-errors"' in with_error.content
    pages["answers page with an error"] = with_error.content
    assert nu_errors(vnu_jar, pages, tmp_path) == {}
