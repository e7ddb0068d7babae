"""Press pages: releases (site-wide and per conference), one release, news, press kit files.

Every public view goes through `press_page_cache`, which stores a page no longer than until the
next embargo ends. Staff previews are never stored: the shared cache skips signed-in users."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from conferences import reference_rows
from conferences.caching import shorten_public_cache
from conferences.models import Conference
from conferences.queries import partners_by_role, registration_has_closed

from . import queries
from .caching import press_page_cache
from .models import EMBARGO_TIME_ZONE, PressKitItem, PressRelease

PREVIEW_PERMISSION = "press.view_pressrelease"
# Participant counts change with every confirmation; the press page shows them fresh enough
# without a cache clear on each registration: counted at most queries.FACTS_SECONDS (30) ago
# and stored at most 30 s more.
FACTS_CACHE_SECONDS = 30
PAGE_SIZE = 20


def _published_conference(slug):
    return get_object_or_404(Conference, slug=slug, is_published=True)


@require_safe
@press_page_cache
def release_list(request):
    releases = queries.in_language(queries.published_releases(), get_language())
    page = Paginator(releases, PAGE_SIZE).get_page(request.GET.get("page"))
    response = render(request, "press/release_list.html", {"releases": page, "page": page})
    return _store_only_existing_page(request, page, response)


@require_safe
@press_page_cache
def release_detail(request, slug):
    now = timezone.now()
    release = queries.published_releases(now=now).filter(slug=slug).first()
    is_preview = False
    if release is None:
        if not request.user.has_perm(PREVIEW_PERMISSION):
            raise Http404
        release = get_object_or_404(
            PressRelease.objects.select_related(
                "conference", "organisation", "contact", "translation_of"
            ),
            slug=slug,
        )
        is_preview = True
    context = {
        "release": release,
        "is_preview": is_preview,
        "other_versions": queries.other_versions(release, now=now),
        "embargo_time_zone": EMBARGO_TIME_ZONE,
    }
    response = render(request, "press/release_detail.html", context)
    if is_preview:
        add_never_cache_headers(response)  # no proxy in between may keep an embargoed text
    return response


@require_safe
@press_page_cache(max_seconds=FACTS_CACHE_SECONDS)
def conference_press(request, slug):
    conference = reference_rows.published_conference(slug)
    if conference is None:
        raise Http404("No published conference has this address.")
    visible = queries.conference_releases(conference)
    closed = registration_has_closed(conference)
    context = {
        "conference": conference,
        "releases": queries.in_language(visible, get_language()),
        "facts": queries.participation_facts(conference),
        "topics": reference_rows.topics(conference),
        "contacts": queries.press_contacts(conference, visible),
        "kit": queries.press_kit(conference),
        "partner_groups": partners_by_role(reference_rows.partners(conference)),
        # An empty feed is not worth a subscription: advertised once there is news.
        "has_news": queries.has_news(conference),
        "press_category": None if closed else queries.press_category(conference),
    }
    return render(request, "press/conference_press.html", context)


@require_safe
@press_page_cache
def news_list(request):
    page = Paginator(queries.published_news(), PAGE_SIZE).get_page(request.GET.get("page"))
    response = render(request, "press/news_list.html", {"news": page, "page": page})
    return _store_only_existing_page(request, page, response)


def _store_only_existing_page(request, page, response):
    """`?page=9999` shows the last page: served, but not stored under a key of its own."""
    if request.GET.get("page", str(page.number)) != str(page.number):
        shorten_public_cache(response, 0)
    return response


def _kit_item(slug, pk):
    conference = _published_conference(slug)
    return get_object_or_404(PressKitItem, pk=pk, conference=conference)


def _file_response(item, *, as_attachment):
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None  # the row outlived its file: nothing to hand out
    return FileResponse(handle, as_attachment=as_attachment, filename=item.download_name())


@require_safe
def kit_download(request, slug, pk):
    """The file itself, through Django: uploads are not served by the application server in
    production, and this way a download is always the current file of a visible item."""
    return _file_response(_kit_item(slug, pk), as_attachment=True)


@require_safe
def kit_preview(request, slug, pk):
    """Raster images shown inline on the press page; other types are download-only."""
    item = _kit_item(slug, pk)
    if not item.is_previewable:
        raise Http404
    return _file_response(item, as_attachment=False)
