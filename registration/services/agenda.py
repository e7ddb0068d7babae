"""The personal agenda: the sessions a confirmed registrant plans to attend. It shapes
their calendar file and tells organisers how many people to expect per session."""

from django.db import transaction

from registration.models import Registration
from registration.self_service.models import AgendaMark
from registration.self_service.queries import agenda_choices

from .errors import InvalidStateError


def set_agenda(*, registration, sessions):
    """Replaces the registrant's planned sessions by `sessions`, keeping only published
    sessions of the days they hold seats for (a marked session elsewhere would count an
    interest that cannot turn up). Only confirmed registrations plan."""
    if registration.status != Registration.Status.CONFIRMED:
        raise InvalidStateError()
    allowed = set(agenda_choices(registration).values_list("pk", flat=True))
    wanted = {session.pk for session in sessions} & allowed
    with transaction.atomic():
        registration.agenda_marks.exclude(session_id__in=wanted).delete()
        kept = set(registration.agenda_marks.values_list("session_id", flat=True))
        AgendaMark.objects.bulk_create(
            AgendaMark(registration=registration, session_id=pk) for pk in wanted - kept
        )
    return wanted
