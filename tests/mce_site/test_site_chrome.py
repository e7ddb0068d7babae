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
