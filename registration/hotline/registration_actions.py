"""What staff do to one registration (or a selection) from the hotline site. Each view is
thin: it checks the permission, calls a registration service and reports the outcome; the
services hold the capacity and eligibility rules."""

import json
from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from mce_site.pdf import pdf_response
from registration import services as booking
from registration.models import Registration
from registration.outbox.services import redrive_registration_emails
from registration.questions.exports import with_question_columns
from registration.self_service.certificates import certificate_filename, certificate_pdf

from .exports import REGISTRATION_COLUMNS, table_response
from .forms import BookingChangeForm
from .personal_data import StillActiveError, erase_personal_data, export_personal_data

Status = Registration.Status
# Lists of many people leave the back office, or reach many people, only through the
# "Hotline lead" role.
EXPORT_PERMISSION = "hotline.export_registrations"
EMAIL_MANY_PERMISSION = "hotline.email_many_registrants"


@dataclass(frozen=True)
class StatusAction:
    label: str
    done: str
    statuses: tuple
    needs_confirmation: bool = False

    def run(self, name, registration, user):
        service = SERVICES[name]
        if name in ("cancel", "reinstate", "promote", "renew-manage-link"):
            return service(registration=registration, by=user)
        return service(registration=registration)


SERVICES = {
    "cancel": booking.cancel_registration,
    "reinstate": booking.reinstate_registration,
    "promote": booking.promote_registration,
    "send-unsent-emails": redrive_registration_emails,
    "send-manage-link": booking.send_manage_link,
    "renew-manage-link": booking.renew_manage_link,
}
STATUS_ACTIONS = {
    "promote": StatusAction(
        _("Promote from the waiting list"), _("Promoted and emailed."), (Status.WAITLISTED,)
    ),
    "reinstate": StatusAction(
        _("Reinstate"), _("Reinstated and emailed."), (Status.CANCELLED, Status.EXPIRED)
    ),
    # Never a second copy of an email already sent: what waits for a retry or failed goes
    # out now; the manage link below is the explicit new email.
    "send-unsent-emails": StatusAction(
        _("Send waiting and failed emails now"),
        _("Waiting and failed emails will be sent within a minute."),
        tuple(Status),
    ),
    "send-manage-link": StatusAction(
        _("Send the current manage link again"),
        _("The manage link was sent."),
        (
            Status.PENDING,
            Status.CONFIRMED,
            Status.WAITLISTED,
        ),
    ),
    # For a caller whose link reached someone else: the old link stops working at once.
    "renew-manage-link": StatusAction(
        _("Send a new manage link (the old one stops working)"),
        _("A new manage link was emailed; the old one no longer works."),
        tuple(Status),
        needs_confirmation=True,
    ),
    "cancel": StatusAction(
        _("Cancel the registration"),
        _("Cancelled; the person was emailed and the waiting list moved up."),
        (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED),
        needs_confirmation=True,
    ),
}


def available_status_actions(request, registration):
    if registration is None or registration.anonymised_at or not _may_change(request):
        return []
    return [
        {"slug": slug, "label": action.label, "confirm": action.needs_confirmation}
        for slug, action in STATUS_ACTIONS.items()
        if registration.status in action.statuses
    ]


def _may_change(request):
    return request.user.has_perm("registration.change_registration")


def _change_url(registration):
    return reverse("hotline:registration_registration_change", args=[registration.pk])


def status_action_view(model_admin, request, pk, action):
    """GET asks to confirm (for cancelling), POST acts."""
    registration = get_object_or_404(Registration, pk=pk, anonymised_at=None)
    status_action = STATUS_ACTIONS.get(action)
    if status_action is None or registration.status not in status_action.statuses:
        messages.error(request, _("This action does not apply to the registration now."))
        return HttpResponseRedirect(_change_url(registration))
    if not _may_change(request):
        raise PermissionDenied
    if request.method == "GET":
        context = model_admin.admin_site.each_context(request) | {
            "title": status_action.label,
            "registration": registration,
            "action": status_action,
            "opts": Registration._meta,
        }
        return TemplateResponse(request, "hotline/confirm_action.html", context)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        status_action.run(action, registration, request.user)
    except booking.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, status_action.done)
    return HttpResponseRedirect(_change_url(registration))


def change_booking_view(model_admin, request, pk):
    registration = get_object_or_404(
        Registration.objects.select_related("conference"), pk=pk, anonymised_at=None
    )
    if not _may_change(request):
        raise PermissionDenied
    if registration.status not in Registration.ACTIVE_STATUSES:
        messages.error(request, _("Only active registrations can be changed; reinstate it first."))
        return HttpResponseRedirect(_change_url(registration))
    form = BookingChangeForm(request.POST or None, registration=registration)
    if request.method == "POST" and form.is_valid():
        try:
            booking.change_registration(
                registration=registration, by=request.user, **form.service_arguments()
            )
        except booking.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The booking was changed and the person emailed."))
            return HttpResponseRedirect(_change_url(registration))
    context = model_admin.admin_site.each_context(request) | {
        "title": _("Change the booking of %(name)s") % {"name": registration.full_name},
        "registration": registration,
        "form": form,
        "opts": Registration._meta,
    }
    return TemplateResponse(request, "hotline/change_booking.html", context)


def export_view(model_admin, request, file_format):
    """The changelist as it is filtered and searched now, as CSV or Excel, with a column per
    question of the conferences listed."""
    if file_format not in ("csv", "xlsx"):
        return HttpResponse(status=404)
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied
    try:
        changelist = model_admin.get_changelist_instance(request)
    except IncorrectLookupParameters:
        # A mistyped filter in the address: the list itself says so (admin's "?e=1").
        url = reverse("hotline:registration_registration_changelist")
        return HttpResponseRedirect(f"{url}?e=1")
    registrations = changelist.queryset.select_related("world_cafe_table", "delegation")
    registrations = registrations.prefetch_related("days")
    registrations, columns = with_question_columns(registrations, REGISTRATION_COLUMNS)
    return table_response(
        registrations=registrations,
        columns=columns,
        filename="registrations",
        file_format=file_format,
    )


def _personal_data_registration(request, pk):
    if not request.user.has_perm("hotline.erase_personal_data"):
        raise PermissionDenied
    return get_object_or_404(Registration.objects.select_related("conference", "category"), pk=pk)


def personal_data_view(model_admin, request, pk):
    registration = _personal_data_registration(request, pk)
    data = export_personal_data(registration=registration)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    filename = f"personal-data-{registration.booking_reference}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def erase_view(model_admin, request, pk):
    registration = _personal_data_registration(request, pk)
    if request.method == "POST":
        try:
            erase_personal_data(registration=registration)
        except StillActiveError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The person's data was erased."))
        return HttpResponseRedirect(_change_url(registration))
    context = model_admin.admin_site.each_context(request) | {
        "title": _("Erase the personal data of %(name)s") % {"name": registration.full_name},
        "registration": registration,
        "opts": Registration._meta,
    }
    return TemplateResponse(request, "hotline/confirm_erase.html", context)


# --- bulk actions on the changelist ----------------------------------------------------


def _run_for_each(model_admin, request, queryset, service, done):
    sent, refused = 0, []
    for registration in queryset.filter(status__in=Registration.ACTIVE_STATUSES):
        try:
            service(registration=registration)
        except booking.RegistrationError as error:
            refused.append(f"{registration.booking_reference}: {error.message}")
        else:
            sent += 1
    model_admin.message_user(request, done % {"count": sent}, messages.SUCCESS)
    for line in refused:
        model_admin.message_user(request, line, messages.ERROR)


@admin.action(description=_("Send the current manage link again"), permissions=["email_many"])
def send_manage_link_action(model_admin, request, queryset):
    """A new, explicit email (never a copy of one already sent)."""
    _run_for_each(
        model_admin, request, queryset, booking.send_manage_link, _("%(count)s emails queued.")
    )


@admin.action(description=_("Print name badges (confirmed only)"), permissions=["view"])
def print_badges_action(model_admin, request, queryset):
    from .views import render_badges

    return render_badges(request, queryset.filter(status=Status.CONFIRMED))


def register_on_behalf_view(model_admin, request):
    from .on_behalf import register_on_behalf_view as view

    return view(model_admin, request)


def certificate_view(model_admin, request, pk):
    """The certificate of attendance for anyone checked in, at any time, in the person's
    language (the attendee's own download waits for the last day)."""
    registration = get_object_or_404(
        Registration.objects.select_related("conference"), pk=pk, anonymised_at=None
    )
    if not request.user.has_perm("registration.view_registration"):
        raise PermissionDenied
    with translation.override(registration.language):
        body = certificate_pdf(registration)
    if body is None:
        raise Http404
    return pdf_response(body, certificate_filename(registration))
