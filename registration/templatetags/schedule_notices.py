"""The changes a "schedule changed" email lists, in the registrant's language (the email is
rendered under translation.override, see registration/emails.py)."""

from django import template
from django.conf import settings
from django.urls import reverse

from conferences.schedule_changes import with_descriptions

from ..schedule_notices import changes_told_to

register = template.Library()


@register.simple_tag
def schedule_changes_for(registration):
    """[(change, lines)] for the registrant's sessions in the latest notice."""
    return with_descriptions(changes_told_to(registration), tz=registration.conference.tzinfo)


@register.simple_tag
def changes_page_url(conference):
    """The absolute address of the conference's changes page (emails have no request)."""
    return settings.SITE_URL + reverse("conferences:changes", kwargs={"slug": conference.slug})
