"""Atom feeds (RFC 4287) of press releases and news, site-wide and per conference, in the
visitor's language (English at /press/feed/, German at /de/press/feed/)."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from conferences.models import Conference

from . import queries
from .templatetags.press_text import render_markdown

FEED_LENGTH = 30


def _tag_uri(kind, pk, created):
    """A permanent entry id (RFC 4151 tag URI): stays the same if a title or slug changes."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"tag:{host},{created:%Y-%m-%d}:{kind}/{pk}"


class AtomFeedWithContent(Atom1Feed):
    """Atom with the full text of an entry as <content type="html">."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class _ConferenceFeed(Feed):
    feed_type = AtomFeedWithContent
    author_name = settings.NETWORK_NAME

    def get_object(self, request, slug=None):
        if slug is None:
            return None
        return get_object_or_404(Conference, slug=slug, is_published=True)

    def feed_guid(self, obj):
        return self._full_url(self.feed_url(obj))

    def _full_url(self, path):
        return settings.SITE_URL + path


class PressReleaseFeed(_ConferenceFeed):
    def title(self, obj):
        if obj is None:
            return _("Press releases of %(network)s") % {"network": settings.NETWORK_NAME}
        return _("Press releases: %(conference)s") % {"conference": obj.title}

    def subtitle(self, obj):
        return _("Press releases, newest first.")

    def link(self, obj):
        if obj is None:
            return reverse("press:releases")
        return reverse("press:conference_press", kwargs={"slug": obj.slug})

    def feed_url(self, obj):
        if obj is None:
            return reverse("press:releases_feed")
        return reverse("press:conference_releases_feed", kwargs={"slug": obj.slug})

    def items(self, obj):
        releases = queries.published_releases()
        if obj is not None:
            releases = releases.filter(conference=obj)
        return queries.in_language(releases[: FEED_LENGTH * 2], get_language())[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_guid(self, item):
        return _tag_uri("press-release", item.pk, item.created_at)

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        # Journalists care when it could be printed: the later of release time and embargo.
        return max(item.released_at, item.effective_embargo_until or item.released_at)

    def item_updateddate(self, item):
        return max(item.updated_at, self.item_pubdate(item))

    def item_author_name(self, item):
        return item.organisation.name

    def item_extra_kwargs(self, item):
        return {"content": render_markdown(item.body)}


class NewsFeed(_ConferenceFeed):
    def title(self, obj):
        if obj is None:
            return _("News from %(network)s") % {"network": settings.NETWORK_NAME}
        return _("News: %(conference)s") % {"conference": obj.title}

    def subtitle(self, obj):
        return _("Short news from the network and its cities.")

    def link(self, obj):
        if obj is None:
            return reverse("press:news")
        return reverse("press:conference_press", kwargs={"slug": obj.slug})

    def feed_url(self, obj):
        if obj is None:
            return reverse("press:news_feed")
        return reverse("press:conference_news_feed", kwargs={"slug": obj.slug})

    def items(self, obj):
        return queries.published_news(conference=obj)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return item.url or item.get_absolute_url()

    def item_guid(self, item):
        return _tag_uri("news", item.pk, item.created_at)

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        # A news item has a date, not a time: noon in the site's time zone.
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(12)))

    def item_updateddate(self, item):
        return max(item.updated_at, self.item_pubdate(item))
