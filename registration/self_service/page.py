"""What the self-service adds to the manage page: the details form (with the conference's
questions), a pending address change, the ticket and the agenda. The manage view merges
this into its context."""

from django.utils.translation import gettext as _

from registration.models import Registration
from registration.questions.services import answers_shown

from .certificates import certificate_for_attendee
from .forms import AgendaForm, DetailsForm, InvitationLetterForm, TransferForm
from .models import EmailChange, InvitationLetter, Transfer
from .queries import agenda_choices, marked_session_ids
from .tickets import ticket_svg, ticket_token


def self_service_parts(registration, *, may_change):
    """Template context; forms only where the attendee may use them."""
    parts = {
        "details_form": DetailsForm(registration=registration) if may_change else None,
        "email_change": EmailChange.objects.filter(registration=registration).first(),
        # Read-only once changes close (until then the details form shows them).
        "answers": None if may_change else answers_shown(registration),
    }
    parts["transfer"] = Transfer.objects.filter(registration=registration).first()
    parts["certificate"] = certificate_for_attendee(registration)
    if registration.status == Registration.Status.CONFIRMED:
        parts["ticket_svg"] = ticket_svg(ticket_token(registration), title=_("Your ticket"))
        parts["agenda_form"] = agenda_form(registration)
        if may_change:
            parts["transfer_form"] = TransferForm(registration=registration)
        parts["letter"] = InvitationLetter.objects.filter(registration=registration).first()
        parts["letter_form"] = InvitationLetterForm(registration=registration)
    return parts


def agenda_form(registration, data=None):
    """The agenda form, or None when the registrant's days have no published sessions."""
    # The choices' labels name day, time, room and title: no speakers or topics to fetch.
    choices = agenda_choices(registration).prefetch_related(None)
    if not choices.exists():
        return None
    return AgendaForm(
        data, registration=registration, sessions=choices, marked=marked_session_ids(registration)
    )
