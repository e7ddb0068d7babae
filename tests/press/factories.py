"""Builders for press test data; each returns saved objects and takes keyword overrides."""

import datetime
import itertools

from django.utils import timezone

from conferences.press.models import NewsItem, Organisation, PressContact, PressRelease

_sequence = itertools.count(1)


def make_organisation(**overrides):
    n = next(_sequence)
    values = {
        "name": f"Organisation {n}",
        "website": "https://www.vitako.de",
        "boilerplate_en": f"Organisation {n} is the association of municipal IT providers.",
        "boilerplate_de": f"Organisation {n} ist der Verband kommunaler IT-Dienstleister.",
    }
    return Organisation.objects.create(**(values | overrides))


def make_contact(organisation=None, **overrides):
    n = next(_sequence)
    values = {
        "organisation": organisation or make_organisation(),
        "name": f"Dr. Press Officer {n}",
        "role_en": "Spokesman",
        "role_de": "Pressesprecher",
        "phone": "+49 30 20631560",
        "fax": "+49 30 206315622",
        "email": f"press{n}@example.org",
    }
    return PressContact.objects.create(**(values | overrides))


def make_release(conference=None, **overrides):
    """A public German release of `conference` (or of the whole network), released an hour ago."""
    n = next(_sequence)
    organisation = overrides.pop("organisation", None) or make_organisation()
    values = {
        "conference": conference,
        "language": "de",
        "title": f"Pressemitteilung {n}",
        "slug": f"release-{n}",
        "lead": f"Vorspann {n}",
        "body": f"Text der Pressemitteilung {n}.",
        "released_at": timezone.now() - datetime.timedelta(hours=1),
        "organisation": organisation,
    }
    return PressRelease.objects.create(**(values | overrides))


def make_news(**overrides):
    n = next(_sequence)
    values = {
        "language": "de",
        "title": f"Nachricht {n}",
        "date": datetime.date(2020, 11, 1),
        "text": f"Kurztext {n}",
    }
    return NewsItem.objects.create(**(values | overrides))
