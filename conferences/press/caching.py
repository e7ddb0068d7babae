"""The public page cache for press pages, which must never outlive an embargo.

A page stored before an embargo ends would keep hiding the release after it (a page stored
earlier cannot show it too soon: it only ever shows visible releases). So every press page is
stored at most until the next release moment; the rest is the shared cache of
`conferences.caching` (anonymous visitors only, cleared by every save in admin)."""

import functools

from conferences.caching import public_page_cache, shorten_public_cache

from .queries import seconds_until_next_release


def press_page_cache(view=None, *, max_seconds=None):
    """Caches a public press view like every public page, but only until the next release
    moment, and no longer than `max_seconds` when given."""
    if view is None:
        return functools.partial(press_page_cache, max_seconds=max_seconds)

    @functools.wraps(view)
    def capped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        seconds = seconds_until_next_release()
        if seconds is not None:
            shorten_public_cache(response, seconds)
        if max_seconds is not None:
            shorten_public_cache(response, max_seconds)
        return response

    return public_page_cache(capped)
