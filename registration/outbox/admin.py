"""What the hotline's registration pages show and do about emails: each registration's email
history (read-only) and the re-drive of waiting and failed emails."""

from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import OutboxEmail
from .queries import email_history
from .services import redrive_emails


def email_history_table(registration):
    """Every email of the registration with its state, attempts, last error and what the
    provider reported after sending (delivered, bounced, rejected), newest first."""
    return render_to_string(
        "outbox/includes/_email_history.html", {"emails": email_history(registration)}
    )


@admin.action(description=_("Send waiting and failed emails now"), permissions=["change"])
def redrive_emails_action(model_admin, request, queryset):
    count = redrive_emails(emails=OutboxEmail.objects.filter(registration__in=queryset))
    message = ngettext(
        "%(count)s email will be sent within a minute; emails already sent are not sent again.",
        "%(count)s emails will be sent within a minute; emails already sent are not sent again.",
        count,
    ) % {"count": count}
    model_admin.message_user(request, message, messages.SUCCESS)
