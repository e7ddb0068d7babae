"""The programme as open data: programme.json (both languages), the frab schedule.xml and
schedule.json, xCal (in the language of the address), the JSON Schema of programme.json,
session materials and the printable programme (PDF)."""

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from .. import queries
from ..caching import public_page_cache, versioned_key
from ..models import SessionMaterial
from ..open_data import frab, pdf, programme_json, xcal
from ..open_data.http import open_data, set_last_modified
from ..open_data.loading import absolute, load_programme


def _published_conference(slug):
    # Exports are for everybody: published editions and sessions only, even for staff.
    return get_object_or_404(queries.visible_conferences(), slug=slug)


def _export(body, content_type, data, filename=None):
    response = HttpResponse(body, content_type=content_type)
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return set_last_modified(response, data.last_modified)


@require_safe
@open_data
@public_page_cache
def programme_json_view(request, slug):
    data = load_programme(_published_conference(slug))
    schema_url = absolute(reverse("open_data_schema", kwargs={"version": 1}))
    body = programme_json.render(programme_json.programme_document(data, schema_url=schema_url))
    return _export(body, "application/json", data)


@require_safe
@open_data
@public_page_cache
def frab_xml(request, slug):
    data = load_programme(_published_conference(slug))
    return _export(frab.schedule_xml(data), "application/xml; charset=utf-8", data)


@require_safe
@open_data
@public_page_cache
def frab_json(request, slug):
    data = load_programme(_published_conference(slug))
    return _export(frab.render_json(frab.schedule_json(data)), "application/json", data)


@require_safe
@open_data
@public_page_cache
def xcal_view(request, slug):
    data = load_programme(_published_conference(slug))
    return _export(
        xcal.xcal_document(data), "application/calendar+xml; charset=utf-8", data, f"{slug}.xcs"
    )


@require_safe
@open_data
def programme_schema(request, version):
    if version != 1:
        raise Http404
    body = programme_json.SCHEMA_PATH.read_bytes()
    return HttpResponse(body, content_type="application/schema+json")


@require_safe
def material_download(request, slug, session_slug, pk):
    """A session's PDF, through Django like the press kit: uploads are not served by the
    application server in production, and only materials of published sessions go out."""
    conference = _published_conference(slug)
    session = get_object_or_404(queries.visible_sessions(conference), slug=session_slug)
    material = get_object_or_404(SessionMaterial, pk=pk, session=session)
    if not material.file:
        raise Http404
    try:
        handle = material.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, filename=material.download_name(), content_type="application/pdf")


# The PDF costs far more than a page: kept until the programme changes (any save in admin or
# recorded change makes the key stale), at most a week.
PDF_CACHE_SECONDS = 7 * 24 * 3600


@require_safe
@open_data
def programme_pdf(request, slug):
    conference = _published_conference(slug)
    key = versioned_key("programme-pdf", conference.pk, get_language())
    cached = cache.get(key)
    if cached is None:
        data = load_programme(conference)
        address = absolute(reverse("conferences:programme", kwargs={"slug": slug}))
        cached = (pdf.programme_pdf(data, address=address), data.last_modified)
        cache.set(key, cached, PDF_CACHE_SECONDS)
    body, last_modified = cached
    response = HttpResponse(body, content_type="application/pdf")
    filename = f"{slug}-programme-{get_language()}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return set_last_modified(response, last_modified)
