"""Stand-ins for the email provider (the one thing that leaves the machine)."""

from anymail.exceptions import AnymailAPIError
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class DownBackend(LocmemBackend):
    """The provider is down: every send raises what anymail raises on an API error."""

    def send_messages(self, messages):
        raise AnymailAPIError("provider unavailable (503)")


class FlakyBackend(LocmemBackend):
    """Fails the first `failures` sends, then delivers to the outbox."""

    failures = 2
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise AnymailAPIError("temporary failure (502)")
        for message in messages:
            message.anymail_status = type("Status", (), {"message_id": "pm-123"})()
        return super().send_messages(messages)
