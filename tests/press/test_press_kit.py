"""Press kit files are downloaded through Django (uploads are not served in production)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conferences.press.models import PressKitItem
from tests.factories import make_conference

from .helpers import page_url

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _item(conference, name, content, **overrides):
    values = {
        "conference": conference,
        "kind": PressKitItem.Kind.PHOTO,
        "file": SimpleUploadedFile(name, content),
        "caption_en": "Kongresshalle at night",
        "caption_de": "Kongresshalle bei Nacht",
        "credit": "Photo: City of Leipzig",
    }
    return PressKitItem.objects.create(**(values | overrides))


def _url(name, item):
    return page_url(name, slug=item.conference.slug, pk=item.pk)


def test_press_kit_file_downloads_as_an_attachment_with_its_bytes(client, media_root):
    item = _item(make_conference(), "kongresshalle.png", PNG)
    assert (media_root / item.file.name).read_bytes() == PNG
    response = client.get(_url("press:kit_download", item))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kongresshalle.png"'
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG


def test_press_page_lists_items_with_caption_credit_preview_and_download(client):
    conference = make_conference()
    photo = _item(conference, "hall.png", PNG)
    logo = _item(conference, "logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", kind="logo")
    html = client.get(page_url("press:conference_press", slug=conference.slug)).content
    html = html.decode()
    assert "Kongresshalle at night" in html and "Photo: City of Leipzig" in html
    assert f'<img src="{_url("press:kit_preview", photo)}" alt="Kongresshalle at night"' in html
    assert _url("press:kit_preview", logo) not in html
    assert f'href="{_url("press:kit_download", logo)}" download>Download Logo (SVG)' in html
    german = client.get(page_url("press:conference_press", language="de", slug=conference.slug))
    assert "Kongresshalle bei Nacht" in german.content.decode()


def test_only_raster_images_are_shown_inline(client):
    conference = make_conference()
    photo = _item(conference, "hall.png", PNG)
    svg = _item(conference, "logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = client.get(_url("press:kit_preview", photo))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="hall.png"'
    assert b"".join(response.streaming_content) == PNG  # read to the end: the file is closed
    assert client.get(_url("press:kit_preview", svg)).status_code == 404


def test_download_of_a_missing_file_or_another_conferences_item_is_not_found(client, media_root):
    conference = make_conference()
    item = _item(conference, "hall.png", PNG)
    elsewhere = make_conference()
    url = page_url("press:kit_download", slug=elsewhere.slug, pk=item.pk)
    assert client.get(url).status_code == 404

    (media_root / item.file.name).unlink()
    assert client.get(_url("press:kit_download", item)).status_code == 404


def test_press_kit_of_an_unpublished_conference_is_not_downloadable(client):
    item = _item(make_conference(is_published=False), "hall.png", PNG)
    assert client.get(_url("press:kit_download", item)).status_code == 404
