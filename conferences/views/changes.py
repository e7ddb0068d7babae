"""The schedule change log of a conference: a page and an Atom feed, in both languages."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .. import queries
from ..caching import public_page_cache
from ..schedule_changes import describe, published_changes, with_descriptions

PAGE_SIZE = 50
FEED_LENGTH = 50


@public_page_cache
def changes(request, slug):
    conference = get_object_or_404(queries.visible_conferences(request.user), slug=slug)
    page = Paginator(published_changes(conference), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "conference": conference,
        "page": page,
        "changes": with_descriptions(page.object_list, tz=conference.tzinfo),
    }
    return render(request, "conferences/changes.html", context)


class ChangesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(queries.visible_conferences(), slug=slug)

    def title(self, obj):
        return _("Programme changes: %(conference)s") % {"conference": obj.title}

    def subtitle(self, obj):
        return _("Sessions moved, renamed or cancelled after the programme was published.")

    def link(self, obj):
        return reverse("conferences:changes", kwargs={"slug": obj.slug})

    def feed_url(self, obj):
        return reverse("conferences:changes_feed", kwargs={"slug": obj.slug})

    def items(self, obj):
        return published_changes(obj)[:FEED_LENGTH]

    def item_title(self, item):
        if item.is_cancellation:
            return _("Cancelled: %(session)s") % {"session": item.session.title}
        return _("Changed: %(session)s") % {"session": item.session.title}

    def item_description(self, item):
        return "\n".join(describe(item, tz=item.session.conference.tzinfo))

    def item_link(self, item):
        return item.session.get_absolute_url()

    def item_guid(self, item):
        host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
        return f"tag:{host},{item.recorded_at:%Y-%m-%d}:schedule-change/{item.pk}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.recorded_at

    def item_updateddate(self, item):
        return item.recorded_at


changes_feed = public_page_cache(ChangesFeed())
