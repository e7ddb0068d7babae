"""Rows the attendee's self-service writes beside a registration. Each refers to the
registration, so erasing the person deletes them (registration/hotline/personal_data.py)."""

import base64
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from conferences.models import Session
from registration.models import Registration


def new_email_change_token():
    return secrets.token_urlsafe(32)


def new_ticket_token():
    """128 random bits in upper-case base32: the check-in desk upper-cases what a scanner
    types, so the token must survive that; unrelated to the manage token."""
    return base64.b32encode(secrets.token_bytes(16)).decode().rstrip("=")


class EmailChange(models.Model):
    """A new address the registrant asked for. It replaces the registration's address only
    once the link sent to it is followed, so a typo never cuts the person off; a second
    request replaces the first (one row per registration)."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="email_change"
    )
    new_email = models.EmailField(_("new email address"), max_length=254)
    token = models.CharField(
        max_length=64, unique=True, default=new_email_change_token, editable=False
    )
    requested_at = models.DateTimeField(_("requested"))

    class Meta:
        verbose_name = _("email address change")
        verbose_name_plural = _("email address changes")

    def __str__(self):
        return f"{self.registration_id}: {self.new_email}"


def new_transfer_token():
    return secrets.token_urlsafe(32)


class Transfer(models.Model):
    """A registrant hands their place to a colleague: offered with the colleague's name and
    address, accepted when the colleague follows the link sent to that address (which
    confirms it). The accepted row records whose registration the seats went to."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="transfer"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254)
    token = models.CharField(max_length=64, unique=True, default=new_transfer_token, editable=False)
    offered_at = models.DateTimeField(_("offered"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    successor = models.OneToOneField(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="taken_over_from",
        verbose_name=_("new registration"),
    )

    class Meta:
        verbose_name = _("place passed on")
        verbose_name_plural = _("places passed on")

    def __str__(self):
        return f"{self.registration_id} → {self.email}"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


class InvitationLetter(models.Model):
    """A request for an invitation letter for a visa application, with the passport data
    the letter names. A hotline lead approves it; the letter is then emailed and can be
    downloaded. Only hotline leads see these rows; erasing the person deletes them."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")

    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="invitation_letter",
        verbose_name=_("registration"),
    )
    passport_name = models.CharField(_("name as in the passport"), max_length=200)
    nationality = CountryField(_("nationality"))
    passport_number = models.CharField(_("passport number"), max_length=40)
    arrival = models.DateField(_("arrival"))
    departure = models.DateField(_("departure"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )

    class Meta:
        verbose_name = _("invitation letter")
        verbose_name_plural = _("invitation letters")
        ordering = ["-requested_at"]
        permissions = [("approve_invitationletter", _("Can approve invitation letters"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(departure__gte=models.F("arrival")),
                name="invitation_departure_after_arrival",
            ),
        ]

    def __str__(self):
        return f"{self.registration_id}: {self.get_state_display()}"


class Ticket(models.Model):
    """What the QR code on the manage page and the confirmed email holds: it identifies the
    registration at the check-in desk and nowhere else (it opens no page)."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="ticket"
    )
    token = models.CharField(max_length=32, unique=True, default=new_ticket_token, editable=False)

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")

    def __str__(self):
        return str(self.registration_id)


class AgendaMark(models.Model):
    """A session the registrant plans to attend (their personal agenda)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="agenda_marks"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda_marks")
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("planned session")
        verbose_name_plural = _("planned sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="one_agenda_mark_per_session"
            ),
        ]

    def __str__(self):
        return f"{self.registration_id}: {self.session_id}"


class SessionInterest(Session):
    """The programme as organisers see it beside the personal agendas: how many people plan
    to attend each session, against its room's capacity (admin, read-only)."""

    class Meta:
        proxy = True
        verbose_name = _("session interest")
        verbose_name_plural = _("session interest")
        default_permissions = ("view",)
