"""Session materials (a PDF or a link) on the session page, in the exports and the API; the
printable programme as an A4 PDF in English and German, cached until the programme changes."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from conferences.models import SessionMaterial, SessionState

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n% a tiny test file\n"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def slides(programme, media_root):
    return SessionMaterial.objects.create(
        session=programme["keynote"],
        title_en="Slides",
        title_de="Folien",
        file=SimpleUploadedFile("slides.pdf", PDF_BYTES, content_type="application/pdf"),
    )


def _session_url(session, language="en"):
    with translation.override(language):
        return session.get_absolute_url()


def test_session_page_links_its_materials_in_both_languages(client, programme, slides):
    link = SessionMaterial.objects.create(
        session=programme["keynote"],
        kind=SessionMaterial.Kind.MEDIA,
        title_en="Recording",
        title_de="Aufzeichnung",
        url="https://video.example.org/keynote",
        order=1,
    )
    english = client.get(_session_url(programme["keynote"])).content.decode()
    assert "Slides" in english and link.url in english
    german = client.get(_session_url(programme["keynote"], "de")).content.decode()
    assert "Folien" in german and "Aufzeichnung" in german


def test_a_material_pdf_is_downloaded_through_the_site(client, programme, slides):
    keynote = programme["keynote"]
    url = reverse(
        "conferences:material",
        kwargs={"slug": keynote.conference.slug, "session_slug": keynote.slug, "pk": slides.pk},
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_materials_of_a_draft_session_are_not_handed_out(client, programme, media_root):
    draft = programme["draft"]
    material = SessionMaterial.objects.create(
        session=draft,
        title_en="Secret",
        file=SimpleUploadedFile("secret.pdf", PDF_BYTES),
    )
    url = reverse(
        "conferences:material",
        kwargs={"slug": draft.conference.slug, "session_slug": draft.slug, "pk": material.pk},
    )
    assert client.get(url).status_code == 404


def test_materials_appear_in_the_exports_and_the_api(client, conference, programme, slides):
    document = client.get(
        reverse("conferences:programme_json", kwargs={"slug": conference.slug})
    ).json()
    keynote = next(s for s in document["sessions"] if s["slug"] == "keynote")
    assert keynote["materials"][0]["title"] == {"en": "Slides", "de": "Folien"}
    assert keynote["materials"][0]["url"].endswith(f"/materials/{slides.pk}/")
    api = client.get(f"/api/v1/conferences/{conference.slug}/sessions/keynote").json()
    assert api["materials"] == keynote["materials"]


def test_a_material_is_either_a_pdf_or_a_link(programme):
    both = SessionMaterial(
        session=programme["keynote"],
        title_en="Both",
        url="https://example.org",
        file=SimpleUploadedFile("a.pdf", PDF_BYTES),
    )
    with pytest.raises(ValidationError):
        both.full_clean()
    not_a_pdf = SessionMaterial(
        session=programme["keynote"],
        title_en="Fake",
        file=SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 an executable"),
    )
    with pytest.raises(ValidationError, match="not a PDF"):
        not_a_pdf.full_clean()


def _pdf(client, conference, language):
    with translation.override(language):
        url = reverse("conferences:programme_pdf", kwargs={"slug": conference.slug})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _text(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def test_printable_programme_is_an_a4_pdf_in_english_and_german(client, conference, programme):
    english = _pdf(client, conference, "en")
    width, height = (float(v) for v in english.pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    text = _text(english)
    assert "Programme: MCE 2018 Leipzig" in text
    assert "IT governance" in text
    assert "Dr. Ralf Resch, Vitako" in text
    assert "Großer Saal" in text
    assert "Secret draft" not in text
    german = _text(_pdf(client, conference, "de"))
    assert "Programm: MCE 2018 Leipzig" in german
    assert "Alle Zeiten sind Ortszeit" in german


def test_printable_programme_embeds_its_own_fonts(client, conference, programme):
    reader = _pdf(client, conference, "en")
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [font.get_object()["/DescendantFonts"][0].get_object() for font in fonts.values()]
    assert all("/FontFile2" in d["/FontDescriptor"] for d in descriptors)
    # The family pdf/base.html loads from mce_site/fonts/ (DejaVu Sans); a font of the
    # system would carry its own name.
    assert {str(d["/BaseFont"]).split("+")[1] for d in descriptors} == {
        "MCE-Sans",
        "MCE-Sans-Bold",
    }


def test_printable_programme_is_cached_until_the_programme_changes(
    client, conference, programme, django_assert_max_num_queries
):
    _pdf(client, conference, "en")
    with django_assert_max_num_queries(1):  # the conference; the PDF comes from the cache
        _pdf(client, conference, "en")
    keynote = programme["keynote"]
    keynote.state = SessionState.CANCELLED
    keynote.save()
    assert "Cancelled: IT governance" in _text(_pdf(client, conference, "en"))


def test_programme_page_links_the_pdf_and_the_formats(client, conference, programme):
    page = client.get(reverse("conferences:programme", kwargs={"slug": conference.slug}))
    html = page.content.decode()
    for name in ("programme_pdf", "programme_json", "frab_xml", "frab_json", "xcal"):
        url = reverse(f"conferences:{name}", kwargs={"slug": conference.slug})
        assert f'href="{url}"' in html
    assert 'rel="alternate" type="application/pdf"' in html
    assert 'href="/static/css/print.css" media="print"' in html


def test_organisers_may_attach_materials_and_read_the_change_log():
    from django.contrib.auth.models import Group

    codenames = set(
        Group.objects.get(name="Organisers").permissions.values_list("codename", flat=True)
    )
    assert {"add_sessionmaterial", "change_sessionmaterial", "view_schedulechange"} <= codenames
    assert "change_schedulechange" not in codenames
