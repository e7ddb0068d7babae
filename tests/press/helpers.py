from django.urls import reverse
from django.utils import translation


def page_url(name, *, language="en", **kwargs):
    """The URL of a named page in a language (reverse() alone follows whatever language the
    last request left active)."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)
