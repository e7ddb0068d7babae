"""The email outbox: one row per email to send, written in the transaction of the change that
causes it, so a change that commits always has its email and one that rolls back has none.

Workers (`manage.py run_worker`) claim due rows, send them and record the outcome
(`sending.py`); the provider's tracking webhook adds what happened after sending
(`tracking.py`). The heartbeat tells monitoring that a worker is alive (`worker.py`)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registration.models import Registration


class OutboxEmailQuerySet(models.QuerySet):
    def due(self, now):
        """Waiting emails whose next attempt has come, and emails whose worker's claim ran
        out (the worker died or hangs): both are for any worker to take."""
        return self.filter(
            state__in=(OutboxEmail.State.WAITING, OutboxEmail.State.SENDING),
            next_attempt_at__lte=now,
        )


class OutboxEmail(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Sending failed")

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="outbox_emails",
        verbose_name=_("registration"),
    )
    # Any kind in registration.emails.KINDS; the outbox has no code of its own per kind.
    kind = models.CharField(_("email"), max_length=40)
    language = models.CharField(_("language"), max_length=8)
    # One per event (e.g. "reminder:<registration id>"): the same event queued twice is one email.
    idempotency_key = models.CharField(max_length=200, unique=True, editable=False)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.WAITING
    )
    # Attempts begun, counted when a worker claims the email; a crash during a send counts.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # While waiting: when it is due. While being sent: when the worker's claim ends, after
    # which any worker may take it again (its next attempt, should the worker have died).
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # Which claim holds the email; the worker's updates only apply while it still holds it.
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True)
    provider_message_id = models.CharField(
        _("provider's message id"), max_length=200, blank=True, db_index=True
    )
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state__in=["waiting", "sending"]),
                name="outbox_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state__in=["waiting", "sending"]) | Q(next_attempt_at__isnull=False),
                name="outbox_unsent_email_has_next_attempt",
            ),
            models.CheckConstraint(
                condition=~Q(state="sent") | Q(sent_at__isnull=False),
                name="outbox_sent_email_has_sent_at",
            ),
        ]

    def __str__(self):
        return f"{self.kind} → {self.registration_id} ({self.state})"


class EmailEvent(models.Model):
    """What the provider's tracking webhook reported about a sent email."""

    class Kind(models.TextChoices):
        DELIVERED = "delivered", _("Delivered")
        BOUNCED = "bounced", _("Bounced")
        REJECTED = "rejected", _("Rejected")

    email = models.ForeignKey(
        OutboxEmail, on_delete=models.CASCADE, related_name="events", verbose_name=_("email")
    )
    kind = models.CharField(_("event"), max_length=10, choices=Kind.choices)
    happened_at = models.DateTimeField(_("when"))
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("email event")
        verbose_name_plural = _("email events")
        ordering = ["happened_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.happened_at:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """Written by each worker process at every turn of its loop (one row per host)."""

    worker = models.CharField(max_length=200, unique=True)
    pid = models.PositiveIntegerField()
    beat_at = models.DateTimeField()

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.worker} {self.beat_at:%Y-%m-%d %H:%M:%S}"
