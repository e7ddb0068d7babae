"""What the hotline sees of a registration's delegation: its name, reference and lead, and
links to every member's page."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from registration.models import Registration


def delegation_members_html(registration):
    """The registration's delegation with links to its members (one query), or a dash."""
    delegation = registration.delegation
    if delegation is None:
        return "–"
    members = Registration.objects.filter(delegation=delegation).order_by("pk")
    members = members.only("pk", "booking_reference", "title", "first_name", "last_name", "status")
    rows = format_html_join(
        "",
        '<li><a href="{}">{} {}</a> · {}{}</li>',
        (
            (
                reverse("hotline:registration_registration_change", args=[member.pk]),
                member.booking_reference,
                member.full_name,
                member.get_status_display(),
                format_html(" · <strong>{}</strong>", _("lead"))
                if member.pk == delegation.lead_id
                else "",
            )
            for member in members
        ),
    )
    return format_html(
        "<p>{} ({})</p><ul class='delegation-members'>{}</ul>",
        delegation.name,
        delegation.reference,
        rows,
    )
