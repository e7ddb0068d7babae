"""Partners thanked by role with their logos, and the names visitors read in both languages."""

import io
from importlib import import_module

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import translation
from PIL import Image

from conferences.models import Partner, Project, Speaker

pytestmark = pytest.mark.django_db
bilingual = import_module(
    "conferences.migrations.0010_bilingual_project_name_speaker_organisation_logo_text"
)


def _page(client, name, conference, language="en"):
    with translation.override(language):
        url = reverse(name, kwargs={"slug": conference.slug})
    return client.get(url).content.decode()


def _logo():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def partners(conference, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sponsor = Partner.objects.create(conference=conference, name="Lecos GmbH", role="sponsor")
    host = Partner.objects.create(
        conference=conference,
        name="Stadt Leipzig",
        role="host",
        url="https://www.leipzig.de/",
        logo=_logo(),
        logo_alt_en="City of Leipzig",
        logo_alt_de="Stadt Leipzig",
    )
    return host, sponsor


@pytest.mark.parametrize("page", ["conferences:detail", "press:conference_press"])
def test_partners_are_grouped_by_role_hosts_first_with_logos(client, conference, partners, page):
    host, _ = partners
    html = _page(client, page, conference)
    hosted, sponsored = html.index("Hosted by"), html.index("Sponsored by")
    assert hosted < html.index(f'src="{host.logo.url}"') < sponsored < html.index("Lecos GmbH")
    logo = f'<img class="partner-logo" src="{host.logo.url}" alt="City of Leipzig"'
    assert f'<a href="https://www.leipzig.de/">{logo}' in html


def test_logo_text_and_role_headings_follow_the_visitors_language(client, conference, partners):
    html = _page(client, "conferences:detail", conference, language="de")
    assert 'alt="Stadt Leipzig"' in html
    assert "Gastgeber" in html and "Gefördert von" in html


def test_a_partner_without_a_logo_is_named_and_the_name_stands_in_for_missing_logo_text(
    conference, partners
):
    host, sponsor = partners
    assert not sponsor.logo
    Partner.objects.filter(pk=host.pk).update(logo_alt_en="", logo_alt_de="")
    host.refresh_from_db()
    assert host.logo_text == "Stadt Leipzig"


def test_project_name_and_speaker_organisation_are_shown_in_the_visitors_language(
    client, conference, programme
):
    Project.objects.create(
        conference=conference, name_en="Open city data", name_de="Offene Stadtdaten"
    )
    Speaker.objects.filter(slug="ralf-resch").update(
        organisation_en="Federal IT association", organisation_de="Bundesverband IT"
    )
    assert "Offene Stadtdaten" in _page(client, "conferences:detail", conference, "de")
    assert "Open city data" in _page(client, "conferences:detail", conference, "en")
    with translation.override("de"):
        german = client.get(reverse("conferences:speaker", args=["ralf-resch"])).content.decode()
    assert "Bundesverband IT" in german


def test_migration_keeps_what_was_typed_before_as_the_english_text(conference):
    speaker = Speaker.objects.create(slug="s", first_name="A", last_name="B")
    project = Project.objects.create(conference=conference, name_en="x")
    # The managers would turn `organisation` into the current language's column.
    Speaker.objects.rewrite(False).filter(pk=speaker.pk).update(
        organisation="Vitako", organisation_en=None
    )
    Project.objects.rewrite(False).filter(pk=project.pk).update(name="TOOP", name_en=None)
    state = MigrationLoader(connection).project_state(
        ("conferences", bilingual.__name__.rsplit(".", 1)[-1])
    )
    bilingual.english_from_the_single_column(state.apps, None)
    assert Speaker.objects.filter(pk=speaker.pk, organisation_en="Vitako").exists()
    assert Project.objects.filter(pk=project.pk, name_en="TOOP").exists()
