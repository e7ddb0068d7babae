"""API operations on press releases. What is published is `published_releases()`'s answer,
the one owner of the embargo rule; the API's cache and max-age end with the next embargo
(press_page_cache in conferences/api/__init__.py), so the ETag changes at that second."""

from django.http import Http404, HttpResponse
from ninja import Router
from ninja.pagination import paginate

from ..open_data.http import set_last_modified
from ..press.queries import latest_appearance, published_releases
from .pages import Pages
from .schemas import PressReleaseOut

router = Router(tags=["press"])


@router.get(
    "press-releases",
    response=list[PressReleaseOut],
    summary="Published press releases, newest first (embargoed ones appear at their time)",
)
@paginate(Pages)
def list_press_releases(
    request,
    response: HttpResponse,
    conference: str | None = None,
    language: str | None = None,
):
    releases = published_releases()
    if conference is not None:
        releases = releases.filter(conference__slug=conference)
    if language is not None:
        releases = releases.filter(language=language)
    set_last_modified(response, latest_appearance(releases))
    return releases


@router.get("press-releases/{slug}", response=PressReleaseOut, summary="One press release")
def get_press_release(request, response: HttpResponse, slug: str):
    releases = published_releases().filter(slug=slug)
    release = releases.first()
    if release is None:
        raise Http404
    set_last_modified(response, latest_appearance(releases), release.updated_at)
    return release
