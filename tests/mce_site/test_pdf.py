"""The site's one PDF renderer: rendering never fetches anything but our own fonts."""

import pytest

from mce_site.pdf import FONT_DIR, RefusedResource, _FontsOnly


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/logo.png",
        "https://example.org/style.css",
        "file:///etc/passwd",
        (FONT_DIR / ".." / "settings" / "base.py").as_uri(),
    ],
)
def test_nothing_but_our_fonts_and_data_urls_is_fetched(url):
    with pytest.raises(RefusedResource):
        _FontsOnly().fetch(url)


def test_our_fonts_and_data_urls_are_fetched():
    font = _FontsOnly().fetch((FONT_DIR / "DejaVuSans.ttf").as_uri())
    assert font.read()[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    assert _FontsOnly().fetch("data:text/plain,hello").read() == b"hello"
