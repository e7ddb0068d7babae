"""The header and footer links, rendered once per language and path and reused, still show
each page its own language switcher and each language its own words."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def _url(name, language):
    with translation.override(language):
        return reverse(name)


def _switcher(html):
    return html[html.index('<ul class="language-switcher') : html.index("</header>")]


def test_each_page_and_language_gets_its_own_header_and_footer(client):
    imprint_en = client.get(_url("imprint", "en")).content.decode()
    privacy_en = client.get(_url("privacy", "en")).content.decode()
    imprint_de = client.get(_url("imprint", "de")).content.decode()

    assert f'href="{_url("imprint", "de")}" hreflang="de"' in _switcher(imprint_en)
    assert f'href="{_url("privacy", "de")}" hreflang="de"' in _switcher(privacy_en)
    assert f'href="{_url("imprint", "en")}" hreflang="en"' in _switcher(imprint_de)
    assert 'aria-current="true" lang="de"' in _switcher(imprint_de)
    assert ">Imprint</a>" in imprint_en
    assert ">Impressum</a>" in imprint_de
    assert ">Imprint</a>" not in imprint_de


def test_the_conference_header_marks_the_page_shown_and_follows_an_admin_edit(client, settings):
    from conferences.caching import clear_public_pages
    from conferences.models import Conference
    from tests.factories import make_conference

    settings.PAGE_CACHE_SECONDS = 0
    conference = make_conference(slug="chrome-edition", title="Chrome edition", tables=0)
    detail = reverse("conferences:detail", kwargs={"slug": conference.slug})
    venue = reverse("conferences:venue", kwargs={"slug": conference.slug})

    def header(url):
        html = client.get(url).content.decode()
        start = html.index('<div class="conference-header">')
        return html[start : html.index("</nav>", start)]

    assert f'<a href="{detail}" aria-current="page">' in header(detail)
    assert f'<a href="{venue}" aria-current="page">' in header(venue)
    assert f'<a href="{detail}" aria-current="page">' not in header(venue)
    assert "World Café" not in header(venue)

    Conference.objects.filter(pk=conference.pk).update(title_en="Renamed edition")
    conference.world_cafe_tables.create(number=1, theme_en="Data", capacity=10)
    clear_public_pages()  # as a save in admin does
    assert "Renamed edition" in header(venue)
    assert "World Café" in header(venue)
