"""The attendee's self-service from the manage link: own details, confirming a new address
and the personal agenda. Thin: forms check input, `registration.services` apply the rules,
and errors show on the manage page itself."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from mce_site.pdf import pdf_response
from registration import services
from registration.services.details import pending_email_change
from registration.services.transfer import pending_transfer
from registration.views import changes_closed, manage_link_view, render_manage

from . import letters
from .certificates import certificate_filename, certificate_for_attendee, certificate_pdf
from .deadline import attendee_may_change
from .forms import DetailsForm, InvitationLetterForm, TakeOverForm, TransferForm
from .letters import approved_letter
from .page import agenda_form


@never_cache
@require_http_methods(["POST"])
@manage_link_view
def change_details(request, registration):
    if not attendee_may_change(registration):
        return changes_closed(request, registration)
    form = DetailsForm(request.POST, registration=registration)
    if form.is_valid():
        try:
            services.change_details(registration=registration, details=form.cleaned_data)
        except services.RegistrationError as error:
            form.add_error("email", error.message)
        else:
            messages.success(request, _details_saved(registration, form.cleaned_data["email"]))
            return redirect(registration.get_manage_url())
    return render_manage(request, registration, details_form=form)


def _details_saved(registration, email):
    if email.lower() == registration.email.lower():
        return _("Your details are saved.")
    return _(
        "Your details are saved. We have emailed a link to %(email)s: your address changes "
        "once you follow it."
    ) % {"email": email}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_email(request, token):
    """GET shows the new address and a button, POST makes it the registration's: a mail
    scanner opening the link changes nothing."""
    change = pending_email_change(token)
    if request.method == "POST":
        try:
            registration = services.confirm_email_change(token=token)
        except services.RegistrationError as error:
            return _email_change_page(request, change, error=error.message, status=409)
        if registration is None:
            return _email_change_page(request, None, status=410)
        messages.success(request, _("Your new email address is confirmed."))
        return redirect(registration.get_manage_url())
    return _email_change_page(request, change, status=200 if change else 410)


def _email_change_page(request, change, *, error="", status):
    context = {"change": change, "error": error}
    if change is not None:
        context["conference"] = change.registration.conference
    return render(request, "registration/confirm_email.html", context, status=status)


@never_cache
@require_http_methods(["POST"])
@manage_link_view
def change_agenda(request, registration):
    form = agenda_form(registration, request.POST)
    if form is None or registration.status != registration.Status.CONFIRMED:
        return redirect(registration.get_manage_url())
    if form.is_valid():
        services.set_agenda(registration=registration, sessions=form.cleaned_data["sessions"])
        messages.success(request, _("Your agenda is saved; your calendar file now follows it."))
        return redirect(registration.get_manage_url())
    return render_manage(request, registration, agenda_form=form)


@never_cache
@require_http_methods(["POST"])
@manage_link_view
def pass_on(request, registration):
    if not attendee_may_change(registration):
        return changes_closed(request, registration)
    form = TransferForm(request.POST, registration=registration)
    if form.is_valid():
        try:
            transfer = services.offer_transfer(registration=registration, **form.cleaned_data)
        except services.RegistrationError as error:
            form.add_error("email", error.message)
        else:
            messages.success(request, _offered(transfer))
            return redirect(registration.get_manage_url())
    return render_manage(request, registration, transfer_form=form)


def _offered(transfer):
    return _(
        "We have emailed %(email)s. The place stays yours until %(name)s confirms; then it is "
        "theirs and your link no longer changes it."
    ) % {"email": transfer.email, "name": transfer.full_name}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def take_over(request, token):
    """The colleague's page: the place offered and their details. GET changes nothing."""
    transfer = pending_transfer(token)
    if transfer is None:
        return render(request, "registration/take_over_gone.html", status=410)
    form = TakeOverForm(request.POST or None, transfer=transfer)
    if request.method == "POST" and form.is_valid():
        try:
            successor = services.accept_transfer(
                token=token, details=form.cleaned_data, language=get_language()
            )
        except services.EligibilityError as error:
            form.add_error("category", error.message)
        except services.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            if successor is None:
                return render(request, "registration/take_over_gone.html", status=410)
            messages.success(request, _("The place is yours. We have emailed you your ticket."))
            return redirect(successor.get_manage_url())
    registration = transfer.registration
    context = {
        "transfer": transfer,
        "form": form,
        "conference": registration.conference,
        "days": registration.days.all(),
        "registration": registration,
    }
    return render(request, "registration/take_over.html", context)


@never_cache
@require_http_methods(["GET", "HEAD"])
@manage_link_view
def certificate(request, registration):
    if not certificate_for_attendee(registration):
        raise Http404
    return pdf_response(certificate_pdf(registration), certificate_filename(registration))


@never_cache
@require_http_methods(["POST"])
@manage_link_view
def invitation_letter(request, registration):
    if registration.status != registration.Status.CONFIRMED:
        return redirect(registration.get_manage_url())
    form = InvitationLetterForm(request.POST, registration=registration)
    if form.is_valid():
        services.request_invitation_letter(registration=registration, passport=form.cleaned_data)
        messages.success(request, _("We have your request; a hotline lead will review it."))
        return redirect(registration.get_manage_url())
    return render_manage(request, registration, letter_form=form)


@never_cache
@require_http_methods(["GET", "HEAD"])
@manage_link_view
def invitation_letter_pdf(request, registration):
    letter = approved_letter(registration)
    if letter is None or registration.status != registration.Status.CONFIRMED:
        raise Http404
    return pdf_response(
        letters.invitation_letter_pdf(letter), letters.letter_filename(registration)
    )
