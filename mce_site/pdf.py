"""Every PDF of the site comes from here: a Django template (HTML and CSS) rendered by
WeasyPrint, the one PDF library of the project. The printable programme, certificates of
attendance and invitation letters share its fonts and its rules:

- DejaVu Sans from our own files (fonts/) is embedded (a subset), so a PDF prints the same
  everywhere and covers every Latin, Greek and Cyrillic name.
- Nothing is fetched: only files in fonts/ and data: URLs resolve, whatever a template or an
  organiser's letterhead says, so rendering never reaches another host or other files.
- The PDF is tagged (structure for screen readers) and names its language and title.

WeasyPrint needs Pango from the system (`make install` installs it on Debian)."""

from pathlib import Path
from urllib.parse import unquote

import weasyprint
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from weasyprint.urls import URLFetcher, URLFetcherResponse

FONT_DIR = Path(__file__).resolve().parent / "fonts"


class RefusedResource(ValueError):
    """A template asked for a resource outside fonts/ (WeasyPrint skips it and logs)."""


def render_pdf(template_name, context):
    """PDF bytes of the template rendered in the active language. Templates extend
    "pdf/base.html", which sets the page, the fonts and the document's language and title."""
    html = render_to_string(template_name, context | {"language": get_language() or "en"})
    document = weasyprint.HTML(
        string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=_FontsOnly()
    )
    return document.write_pdf(pdf_tags=True)


def pdf_response(body, filename):
    """A PDF download."""
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _FontsOnly(URLFetcher):
    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file://"):
            path = Path(unquote(url.removeprefix("file://"))).resolve()
            if path.parent == FONT_DIR and path.suffix == ".ttf":
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "font/ttf"})
        raise RefusedResource(url)
