"""The email provider's tracking webhook: only the configured provider's, and hardened.

anymail ships a view for every provider it knows; mounting them all (`include("anymail.urls")`)
would answer for providers we do not use. We mount one, EMAIL_TRACKING_PROVIDER's, and wrap it:
no secret configured means every call is refused; the secret (HTTP basic auth, and the
provider's signature where it signs) is checked before the payload is read; a payload the
provider's parser cannot read is answered 400, never 500. What an event may change is decided
by the receiver in `registration/outbox/tracking.py`."""

import binascii

from anymail import urls as anymail_urls
from anymail.exceptions import AnymailError
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.urls import path

# What a provider's parser raises on a payload it cannot read (truncated or non-JSON bodies,
# missing keys, wrong types, bad base64 or signatures in the body).
MALFORMED_PAYLOAD = (
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    binascii.Error,
    AnymailError,
)


def tracking_view_class(provider):
    """anymail's tracking view for `provider` (its module name, e.g. "postmark")."""
    name = f"{provider}_tracking_webhook"
    for pattern in anymail_urls.urlpatterns:
        if pattern.name == name:
            return pattern.callback.view_class
    raise ImproperlyConfigured(
        f"EMAIL_TRACKING_PROVIDER={provider!r}: anymail has no tracking webhook of that name."
    )


def webhook_secret_configured():
    return bool(settings.ANYMAIL.get("WEBHOOK_SECRET"))


def hardened(view_class):
    """A subclass of anymail's view that refuses everything without a secret and answers
    malformed payloads with 400."""

    class HardenedTrackingView(view_class):
        warn_if_no_basic_auth = False  # without a secret nothing is accepted at all

        def post(self, request, *args, **kwargs):
            if not webhook_secret_configured():
                return HttpResponseForbidden("The tracking webhook has no secret configured.")
            self.run_validators(request)  # authentication first: raises (400) when it fails
            try:
                events = self.parse_events(request)
            except MALFORMED_PAYLOAD:
                return HttpResponseBadRequest("Malformed webhook payload.")
            for event in events:
                self.signal.send(sender=view_class, event=event, esp_name=self.esp_name)
            return HttpResponse()

    HardenedTrackingView.__name__ = f"Hardened{view_class.__name__}"
    return HardenedTrackingView


def tracking_webhook_urls():
    """The URL patterns of the one tracking webhook (none without a provider)."""
    provider = settings.EMAIL_TRACKING_PROVIDER
    if not provider:
        return []
    view = hardened(tracking_view_class(provider)).as_view()
    return [path(f"anymail/{provider}/tracking/", view, name="email_tracking_webhook")]
