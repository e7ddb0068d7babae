"""Reusable reads for the press pages and feeds.

The embargo rule lives here and nowhere else: every list, detail page, feed and sitemap asks
`published_releases(now=...)`, and the public page cache asks `seconds_until_next_release`
so no stored page outlives the moment a release appears."""

from django.db.models import Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from conferences import capacity, reference_rows

from .models import NewsItem, PressContact, PressRelease

FACTS_SECONDS = 30  # see participation_facts


def _visible_at(now, prefix=""):
    """The release (or, with prefix "translation_of__", its original) may be shown at `now`."""
    return (
        Q(**{f"{prefix}is_published": True, f"{prefix}released_at__lte": now})
        & (
            Q(**{f"{prefix}embargo_until__isnull": True})
            | Q(**{f"{prefix}embargo_until__lte": now})
        )
        & (
            Q(**{f"{prefix}conference__isnull": True})
            | Q(**{f"{prefix}conference__is_published": True})
        )
    )


def published_releases(*, now=None):
    """Releases visitors may see at `now`: ready, released, out of embargo, of a published
    conference or the whole network. A translation also waits for its original."""
    now = now or timezone.now()
    return (
        PressRelease.objects.filter(_visible_at(now))
        .filter(Q(translation_of__isnull=True) | _visible_at(now, "translation_of__"))
        .select_related("conference", "organisation", "contact", "translation_of")
        .order_by("-released_at", "-pk")
    )


def conference_releases(conference):
    """published_releases() of one conference, for its press page: with the conference in
    hand, and without the organisation, contact and original it does not show (a contact's
    phone number is parsed as its row is read)."""
    releases = list(published_releases().filter(conference=conference).select_related(None))
    for release in releases:
        release.conference = conference
    return releases


def next_release_moment(*, now=None):
    """The earliest moment after `now` at which a release that is ready becomes visible
    (its release time or embargo end, whichever is later), or None."""
    now = now or timezone.now()
    waiting = PressRelease.objects.filter(is_published=True).filter(
        Q(released_at__gt=now) | Q(embargo_until__gt=now)
    )
    moments = [
        max(released_at, embargo_until or released_at)
        for released_at, embargo_until in waiting.values_list("released_at", "embargo_until")
    ]
    return min(moments, default=None)


def latest_appearance(releases):
    """The latest moment at which one of `releases` (visible ones) appeared: its release
    time, embargo end or, for a translation, its original's, whichever is latest. At an
    embargo's end this is that second (the API's Last-Modified)."""
    moment = Greatest(
        "released_at",
        Coalesce("embargo_until", "released_at"),
        Coalesce("translation_of__released_at", "released_at"),
        Coalesce("translation_of__embargo_until", "released_at"),
    )
    return releases.aggregate(latest=Max(moment))["latest"]


def seconds_until_next_release(*, now=None):
    """Whole seconds from `now` to the next release moment (rounded down, so a page cached
    for that long expires no later than the moment), or None when none is waiting."""
    now = now or timezone.now()
    moment = next_release_moment(now=now)
    if moment is None:
        return None
    return max(int((moment - now).total_seconds()), 0)


def in_language(releases, language):
    """One release per translation group, in the visitor's language where a visible
    translation exists, else as originally written; in the order given."""
    chosen = {}
    for release in releases:
        group = release.translation_of_id or release.pk
        current = chosen.get(group)
        if current is None or (release.language == language and current.language != language):
            chosen[group] = release
    return list(chosen.values())


def other_versions(release, *, now=None):
    """The visible releases of the same translation group other than `release`."""
    group = release.translation_of_id or release.pk
    return (
        published_releases(now=now)
        .filter(Q(pk=group) | Q(translation_of_id=group))
        .exclude(pk=release.pk)
        .order_by("language")
    )


def published_news(*, conference=None):
    news = NewsItem.objects.filter(is_published=True).filter(
        Q(conference__isnull=True) | Q(conference__is_published=True)
    )
    if conference is not None:
        news = news.filter(conference=conference)
    return news.select_related("conference").order_by("-date", "-pk")


def press_contacts(conference, releases):
    """Contacts listed for the conference and those named on its visible releases (kept
    with the conference's reference rows: saves in admin clear them)."""
    named = sorted({release.contact_id for release in releases if release.contact_id})

    def load():  # the query is built only when it is not kept
        contacts = PressContact.objects.filter(Q(conferences=conference) | Q(pk__in=named))
        return list(contacts.select_related("organisation").distinct().order_by("name"))

    return reference_rows.kept(("press-contacts", conference.pk, *named), load)


def has_news(conference):
    """Whether the conference has published news (kept like its reference rows)."""
    return reference_rows.kept(
        ("has-news", conference.pk), lambda: published_news(conference=conference).exists()
    )


def participation_facts(conference):
    """How many confirmed participants, from how many countries: counts only, never a row
    of personal data leaves this function (the registration app counts them). Counted at
    most FACTS_SECONDS ago: the count reads every registration of the conference."""
    return reference_rows.kept(
        ("participation-facts", conference.pk),
        lambda: capacity.participation_facts(conference),
        seconds=FACTS_SECONDS,
    )


def press_category(conference):
    """The participant category journalists register in, or None (kept like the reference
    rows: categories are saved in admin, which clears them)."""

    def load():
        categories = conference.participant_categories.filter(is_press=True)
        return [categories.order_by("order", "pk").first()]  # a list: None is never kept

    return reference_rows.kept(("press-category", conference.pk), load)[0]


def press_kit(conference):
    """The conference's press kit (kept like its reference rows)."""
    return reference_rows.kept(
        ("press-kit", conference.pk),
        lambda: list(conference.press_kit_items.order_by("order", "pk")),
    )
