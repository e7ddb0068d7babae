"""The accessibility statement: in English and German, edited in admin, linked from every
page's footer."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import translation

from mce_site.accessibility.models import AccessibilityStatement
from tests.factories import make_conference

pytestmark = pytest.mark.django_db
first = import_module("mce_site.accessibility.migrations.0002_first_statement")


def ensure_statement():
    """The statement as its data migration makes it (a transactional test may have flushed
    the table before this one)."""
    if not AccessibilityStatement.objects.exists():
        state = MigrationLoader(connection).project_state(("accessibility", "0002_first_statement"))
        first.first_statement(state.apps, None)
    return AccessibilityStatement.objects.get()


@pytest.fixture
def statement():
    return ensure_statement()


def _get(client, name, language="en", **kwargs):
    with translation.override(language):
        return client.get(reverse(name, kwargs=kwargs or None))


def test_statement_names_the_standard_the_status_and_every_required_part(client, statement):
    html = _get(client, "accessibility").content.decode()
    assert "partially conformant with the Web Content Accessibility Guidelines (WCAG) 2.1" in html
    assert "EN 301 549" in html
    for heading in (
        "Known limitations",
        "Getting the content another way",
        "Reporting a barrier",
        "Enforcement procedure",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert 'href="mailto:operations@majorcities.eu"' in html
    assert "schlichtungsstelle-bgg.de" in html
    assert "3 December 2026" in html


def test_statement_reads_german_under_de(client, statement):
    html = _get(client, "accessibility", language="de").content.decode()
    assert "<h1>Erklärung zur Barrierefreiheit</h1>" in html
    assert "teilweise vereinbar" in html
    assert "Schlichtungsstelle nach § 16 des Behindertengleichstellungsgesetzes" in html
    assert "3. Dezember 2026" in html


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_kind_of_page_links_to_the_statement_in_its_footer(client, statement, language):
    conference = make_conference()
    with translation.override(language):
        link = f'href="{reverse("accessibility")}"'
    pages = [
        _get(client, "conferences:home", language),
        _get(client, "conferences:detail", language, slug=conference.slug),
        _get(client, "registration:register", language, slug=conference.slug),
        _get(client, "press:conference_press", language, slug=conference.slug),
        _get(client, "privacy", language),
        _get(client, "accessibility", language),
    ]
    for page in pages:
        footer = page.content.decode().split("<footer", 1)[1]
        assert link in footer


def test_organisers_edit_the_statement_in_admin_and_cannot_add_a_second(admin_client, statement):
    url = reverse("admin:accessibility_accessibilitystatement_change", args=[statement.pk])
    form = admin_client.get(url).content.decode()
    assert 'name="limitations_de"' in form and 'name="feedback_en"' in form
    assert (
        admin_client.get(reverse("admin:accessibility_accessibilitystatement_add")).status_code
        == 403
    )
    statement.limitations_en = "- The venue map is an image."
    statement.save()
    assert "The venue map is an image." in _get(admin_client, "accessibility").content.decode()
