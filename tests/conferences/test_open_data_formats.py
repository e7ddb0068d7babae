"""programme.json, the frab schedule.xml and schedule.json, xCal: valid against their
schemas, complete, in the right languages and time zones, and published data only."""

import json
from xml.etree import ElementTree

import jsonschema
import pytest
from django.urls import reverse
from django.utils import translation
from lxml import etree

from conferences.models import SessionMaterial, SessionState
from conferences.open_data import programme_json
from conferences.open_data.xcal import NAMESPACE
from tests.factories import make_registration

pytestmark = pytest.mark.django_db

SCHEMAS = programme_json.SCHEMA_PATH.parent


def _schema(name):
    return json.loads((SCHEMAS / name).read_text())


def _get(client, name, conference, language="en"):
    with translation.override(language):
        url = reverse(f"conferences:{name}", kwargs={"slug": conference.slug})
    response = client.get(url)
    assert response.status_code == 200, url
    return response


@pytest.fixture
def materials(programme):
    return SessionMaterial.objects.create(
        session=programme["keynote"],
        kind=SessionMaterial.Kind.WEB,
        title_en="Slides online",
        title_de="Folien online",
        url="https://example.org/slides",
    )


@pytest.fixture
def bilingual(programme):
    keynote = programme["keynote"]
    keynote.title_de = "IT-Steuerung"
    keynote.description_en = "Why governance matters."
    keynote.save()
    return keynote


def test_programme_json_is_valid_against_its_own_schema(client, conference, bilingual, materials):
    document = _get(client, "programme_json", conference).json()
    jsonschema.validate(
        document,
        _schema("programme-v1.schema.json"),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    assert document["schema_version"] == programme_json.SCHEMA_VERSION


def test_programme_json_holds_both_languages_and_local_and_utc_times(
    client, conference, programme, bilingual, materials
):
    document = _get(client, "programme_json", conference).json()
    keynote = next(s for s in document["sessions"] if s["slug"] == "keynote")
    assert keynote["title"] == {"en": "IT governance", "de": "IT-Steuerung"}
    # A German field left empty falls back to English, as on the site.
    assert keynote["description"] == {
        "en": "Why governance matters.",
        "de": "Why governance matters.",
    }
    assert keynote["start"]["local"].endswith(("+02:00", "+01:00"))
    assert keynote["start"]["utc"].endswith("Z")
    assert keynote["speakers"] == [{"slug": "ralf-resch", "role": "speaker"}]
    assert keynote["topic"] == "city-data"
    assert keynote["materials"] == [
        {
            "kind": "web",
            "title": {"en": "Slides online", "de": "Folien online"},
            "url": "https://example.org/slides",
        }
    ]
    assert keynote["urls"]["de"].endswith("/de" + programme["keynote"].get_absolute_url())
    kinds = {kind["id"]: kind["name"] for kind in document["kinds"]}
    assert kinds["keynote"] == {"en": "Keynote", "de": "Keynote"}
    assert kinds["social"]["de"] != kinds["social"]["en"]
    assert [t["number"] for t in document["world_cafe_tables"]] == [1, 2]
    assert document["speakers"][0]["name"] == "Dr. Ralf Resch"


def test_programme_json_holds_no_draft_and_no_personal_data_of_registrants(
    client, conference, programme
):
    make_registration(conference, email="secret.person@example.org", last_name="Geheim")
    body = _get(client, "programme_json", conference).content.decode()
    assert "Secret draft" not in body
    assert "secret.person@example.org" not in body
    assert "Geheim" not in body


def test_the_schema_is_served_where_programme_json_points(client, conference, programme):
    document = _get(client, "programme_json", conference).json()
    path = document["$schema"].split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    assert json.loads(response.content)["title"] == "Conference programme, version 1"


def test_frab_schedule_xml_is_valid_against_the_c3voc_xsd(client, conference, bilingual, materials):
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "frab-schedule.xml.xsd")))
    document = etree.fromstring(_get(client, "frab_xml", conference).content)
    schema.assertValid(document)
    events = document.findall("day/room/event")
    assert sorted(e.findtext("title") for e in events) == ["IT governance", "World Café"]
    keynote = next(e for e in events if e.findtext("title") == "IT governance")
    assert keynote.findtext("room") == "Großer Saal"
    assert keynote.findtext("track") == "City data"
    assert keynote.find("persons/person").text == "Dr. Ralf Resch"
    assert keynote.find("links/link").get("href") == "https://example.org/slides"


def test_frab_schedule_xml_is_written_in_the_language_of_the_address(client, conference, bilingual):
    document = etree.fromstring(_get(client, "frab_xml", conference, "de").content)
    titles = {e.findtext("title") for e in document.findall("day/room/event")}
    assert "IT-Steuerung" in titles


def test_frab_schedule_json_is_valid_against_the_c3voc_schema(
    client, conference, bilingual, materials
):
    document = _get(client, "frab_json", conference).json()
    jsonschema.validate(document, _schema("frab-schedule.schema.json"))
    days = document["schedule"]["conference"]["days"]
    events = [e for day in days for room in day["rooms"].values() for e in room]
    assert {e["title"] for e in events} == {"IT governance", "World Café"}
    assert all(e["persons"] == [] or e["persons"][0]["name"] for e in events)


def test_frab_version_changes_when_a_session_changes(client, conference, programme):
    before = _get(client, "frab_json", conference).json()["schedule"]["version"]
    keynote = programme["keynote"]
    keynote.state = SessionState.CANCELLED
    keynote.save()
    after = _get(client, "frab_json", conference).json()
    assert after["schedule"]["version"] != before
    days = after["schedule"]["conference"]["days"]
    titles = [e["title"] for day in days for room in day["rooms"].values() for e in room]
    assert "IT governance (Cancelled)" in titles


def test_xcal_lists_every_published_session_with_uid_sequence_and_status(
    client, conference, programme
):
    keynote = programme["keynote"]
    keynote.state = SessionState.CANCELLED
    keynote.save()
    response = _get(client, "xcal", conference)
    assert response["Content-Type"].startswith("application/calendar+xml")
    root = ElementTree.fromstring(response.content)
    ns = {"x": NAMESPACE}
    assert root.tag == f"{{{NAMESPACE}}}icalendar"
    events = root.findall("x:vcalendar/x:components/x:vevent/x:properties", ns)
    by_summary = {e.findtext("x:summary/x:text", namespaces=ns): e for e in events}
    assert set(by_summary) == {"IT governance", "World Café"}
    cancelled = by_summary["IT governance"]
    assert cancelled.findtext("x:status/x:text", namespaces=ns) == "CANCELLED"
    assert cancelled.findtext("x:sequence/x:integer", namespaces=ns) == "1"
    assert cancelled.findtext("x:uid/x:text", namespaces=ns).startswith(f"session-{keynote.pk}@")
    assert cancelled.findtext("x:dtstart/x:date-time", namespaces=ns).endswith("Z")


@pytest.mark.parametrize("name", ["programme_json", "frab_xml", "frab_json", "xcal"])
def test_exports_of_an_unpublished_conference_are_not_found(client, conference, name, staff_client):
    conference.is_published = False
    conference.save()
    url = reverse(f"conferences:{name}", kwargs={"slug": conference.slug})
    assert client.get(url).status_code == 404
    assert staff_client.get(url).status_code == 404


def test_the_sitemap_lists_every_format_and_the_changes_page(client, conference, programme):
    sitemap = client.get("/sitemap.xml").content.decode()
    slug = conference.slug
    for path in (
        f"/conferences/{slug}/programme.json",
        f"/conferences/{slug}/schedule.xml",
        f"/de/conferences/{slug}/schedule.xml",
        f"/conferences/{slug}/schedule.json",
        f"/conferences/{slug}/schedule.xcs",
        f"/de/conferences/{slug}/programme.pdf",
        f"/conferences/{slug}/changes/",
        f"/de/conferences/{slug}/changes/",
    ):
        assert f"{path}</loc>" in sitemap, path


def test_the_programme_page_advertises_every_format_as_alternate(client, conference, programme):
    html = client.get(reverse("conferences:programme", kwargs={"slug": conference.slug}))
    html = html.content.decode()
    for media_type in (
        "application/json",
        "application/xml",
        "application/calendar+xml",
        "text/calendar",
        "application/pdf",
        "application/atom+xml",
    ):
        assert f'rel="alternate" type="{media_type}"' in html, media_type


def test_exports_are_open_to_any_origin_and_revalidated_with_304(client, conference, programme):
    url = reverse("conferences:frab_xml", kwargs={"slug": conference.slug})
    first = client.get(url)
    assert first["Access-Control-Allow-Origin"] == "*"
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 304
