"""The attendee's pages: sign-up, "check your email", and the personal manage link
(confirm, change, calendar, cancel). Thin: forms check input, services apply the rules."""

import functools

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from conferences import reference_rows
from conferences.models import Conference
from conferences.queries import RegistrationState, registration_state
from mce_site.client_ip import client_network
from mce_site.views import rate_limited

from . import services
from .addresses import normalised_address
from .calendars import personal_calendar
from .delegations.queries import delegation_of_lead
from .forms import ChangeRegistrationForm, LostLinkForm, RegistrationForm
from .models import Booking, Registration
from .queries import item_statuses, registration_for_manage_page, takes_web_registrations
from .self_service.deadline import attendee_may_change
from .self_service.page import self_service_parts


# Sign-ups per client address and per network (settings SIGN_UP_RATE_PER_ADDRESS and
# SIGN_UP_RATE_PER_NETWORK): generous enough for a city hall's delegation behind one router.
def _rate_per_address(group, request):
    return settings.SIGN_UP_RATE_PER_ADDRESS


def _rate_per_network(group, request):
    return settings.SIGN_UP_RATE_PER_NETWORK


# The "check your email" page learns which registration it is about from a signed, short-
# lived value in its address (no session cookie for visitors).
OUTCOME_SALT = "registration.submitted"
OUTCOME_MAX_AGE = 3600


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(group="sign-up", key="ip", rate=_rate_per_address, method="POST", block=False)
@ratelimit(group="sign-up", key=client_network, rate=_rate_per_network, method="POST", block=False)
def register(request, slug):
    conference = reference_rows.published_conference(slug)
    if conference is None:
        raise Http404("No published conference has this address.")
    state = registration_state(conference)
    accepting = takes_web_registrations(conference, state)
    context = {"conference": conference, "state": state, "accepting": accepting}
    if not accepting:
        return render(request, "registration/register.html", context)
    if request.method == "POST" and getattr(request, "limited", False):
        return rate_limited(request, None)
    form = RegistrationForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        if form.is_bot:
            return redirect("registration:submitted", slug=conference.slug)
        try:
            registration = services.submit_registration(
                conference=conference,
                data=form.cleaned_data,
                language=get_language(),
                state=state,
            )
        except services.DuplicateRegistrationError:
            return _to_submitted(conference, {"duplicate": True})
        except services.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            return _to_submitted(conference, {"pk": registration.pk})
    context |= {"form": form, "full": state == RegistrationState.FULL}
    return render(request, "registration/register.html", context)


def _to_submitted(conference, outcome):
    url = reverse("registration:submitted", kwargs={"slug": conference.slug})
    return redirect(f"{url}?outcome={signing.dumps(outcome, salt=OUTCOME_SALT)}")


@never_cache
def submitted(request, slug):
    try:
        outcome = signing.loads(
            request.GET.get("outcome", ""), salt=OUTCOME_SALT, max_age=OUTCOME_MAX_AGE
        )
    except signing.BadSignature:
        outcome = {}
    registration = None
    if isinstance(outcome, dict) and "pk" in outcome:
        # With its conference in the same query.
        registration = (
            Registration.objects.select_related("conference", "category")
            .filter(pk=outcome["pk"], conference__slug=slug, conference__is_published=True)
            .first()
        )
    if registration is not None:
        conference = registration.conference
    else:
        conference = get_object_or_404(Conference, slug=slug, is_published=True)
    items = item_statuses(registration) if registration else []
    context = {
        "conference": conference,
        "registration": registration,
        "items": items,
        "unheld": any(line.state == "on_confirmation" for line in items),
        "duplicate": isinstance(outcome, dict) and outcome.get("duplicate"),
    }
    return render(request, "registration/submitted.html", context)


def unknown_link(request):
    """An old (renewed), mistyped or unknown personal link: a page that offers to email the
    current one, with the 404 status of a link that leads nowhere."""
    return render(request, "registration/link_unknown.html", {"form": LostLinkForm()}, status=404)


def manage_link_view(view):
    """Views behind the manage link: `view(request, registration, ...)` gets the registration
    of the link's token; an unknown token gets `unknown_link`."""

    @functools.wraps(view)
    def wrapped(request, token, **kwargs):
        registration = registration_for_manage_page().filter(manage_token=token).first()
        if registration is None:
            return unknown_link(request)
        return view(request, registration, **kwargs)

    return wrapped


def render_manage(request, registration, **bound_forms):
    """The manage page; `bound_forms` replace its empty forms by ones showing errors. After
    the modification deadline it is read-only (registration/self_service/deadline.py)."""
    may_change = attendee_may_change(registration)
    context = {
        "registration": registration,
        "conference": registration.conference,
        "form": ChangeRegistrationForm(registration=registration) if may_change else None,
        "items": item_statuses(registration),
        "may_change": may_change,
        "delegation": delegation_of_lead(registration),
    }
    context |= self_service_parts(registration, may_change=may_change)
    return render(request, "registration/manage.html", context | bound_forms)


def changes_closed(request, registration):
    """The answer to an attendee's change after the deadline: nothing changed, call us."""
    messages.error(
        request,
        _("Changes online are closed for this conference. Our hotline can still change it."),
    )
    return redirect(registration.get_manage_url())


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@manage_link_view
def manage(request, registration):
    if request.method != "POST":
        return render_manage(request, registration)
    if not registration.is_active:
        raise Http404
    if not attendee_may_change(registration):
        return changes_closed(request, registration)
    form = ChangeRegistrationForm(request.POST, registration=registration)
    if form.is_valid():
        try:
            services.change_registration(registration=registration, **form.service_arguments())
        except services.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your changes are saved. We have emailed you."))
            return redirect(registration.get_manage_url())
    return render_manage(request, registration, form=form)


@never_cache
@require_http_methods(["POST"])
@manage_link_view
def leave_waiting_list(request, registration, item_id):
    if not attendee_may_change(registration):
        return changes_closed(request, registration)
    try:
        services.leave_waiting_list(registration=registration, item_id=item_id)
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You have left the waiting list. We have emailed you."))
    return redirect(registration.get_manage_url())


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def accept_offer(request, offer_token):
    """GET shows the offer and one button, POST accepts: a mail scanner opening the link
    takes nobody's seat."""
    offered = (
        Booking.objects.filter(offer_token=offer_token, state=Booking.State.OFFERED)
        .select_related("registration__conference")
        .first()
    )
    if request.method == "POST":
        registration = services.accept_offer(token=offer_token)
        if registration is None:
            return render(request, "registration/offer_gone.html", status=410)
        # The outcome is shown here, not on the manage page: an offer link never opens it.
        context = {
            "registration": registration,
            "conference": registration.conference,
            "items": item_statuses(registration),
        }
        return render(request, "registration/offer_accepted.html", context)
    if offered is None:
        return render(request, "registration/offer_gone.html", status=410)
    registration = offered.registration
    context = {
        "registration": registration,
        "conference": registration.conference,
        "offered": [line for line in item_statuses(registration) if line.state == "offered"],
        "expires_at": offered.expires_at,
        "offer_token": offer_token,
    }
    return render(request, "registration/offer.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button, POST confirms: mail scanners that open links change nothing. The
    confirmation link has a token of its own and shows the outcome on its own page: it never
    opens the manage page, whose link comes by email."""
    found = Registration.objects.filter(confirm_token=token, anonymised_at=None)
    if request.method == "POST":
        # The service reads and locks the whole row: here only whether there is one to confirm.
        unconfirmed = found.filter(email_confirmed_at=None).only("pk", "confirm_token").first()
        if unconfirmed is not None:
            return _confirm_address(request, unconfirmed)
    registration = found.select_related("conference", "category").first()
    if registration is None:
        return unknown_link(request)
    context = {
        "registration": registration,
        "conference": registration.conference,
        "items": item_statuses(registration),
        "may_confirm": registration.status
        in (Registration.Status.PENDING, Registration.Status.EXPIRED),
    }
    return render(request, "registration/confirm.html", context)


def _confirm_address(request, registration):
    try:
        registration = services.confirm_registration(registration=registration)
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("Thank you – your registration is confirmed."))
        else:
            messages.info(request, _("Your email is confirmed; you are on the waiting list."))
    return redirect(registration.get_confirm_url())


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@manage_link_view
def cancel(request, registration):
    if not registration.is_active:
        return redirect(registration.get_manage_url())
    if not attendee_may_change(registration):
        return changes_closed(request, registration)
    if request.method == "POST":
        services.cancel_registration(registration=registration)
        messages.success(request, _("Your registration is cancelled. We have emailed you."))
        return redirect(registration.get_manage_url())
    return render(
        request,
        "registration/cancel.html",
        {"registration": registration, "conference": registration.conference},
    )


@never_cache
@manage_link_view
def calendar(request, registration):
    if registration.status != Registration.Status.CONFIRMED:
        raise Http404
    response = HttpResponse(personal_calendar(registration), content_type="text/calendar")
    filename = f"{registration.conference.slug}-{registration.booking_reference}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@require_http_methods(["POST"])
@manage_link_view
def renew_link(request, registration):
    """ "Send me a new link": the new link goes by email only, so whoever else holds the old
    one (a forwarded email) cannot follow it to the new one."""
    services.renew_manage_link(registration=registration)
    context = {"registration": registration, "conference": registration.conference}
    return render(request, "registration/link_renewed.html", context)


# "Lost your link?" requests per client address and per email address asked for (settings
# LOST_LINK_RATE_PER_ADDRESS and LOST_LINK_RATE_PER_EMAIL); neither depends on whether the
# address is registered, so a refusal tells nothing either.
def _lost_link_rate_per_address(group, request):
    return settings.LOST_LINK_RATE_PER_ADDRESS


def _lost_link_rate_per_email(group, request):
    return settings.LOST_LINK_RATE_PER_EMAIL


def _email_asked_for(group, request):
    return normalised_address(request.POST.get("email", ""))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(
    group="lost-link", key="ip", rate=_lost_link_rate_per_address, method="POST", block=False
)
@ratelimit(
    group="lost-link-email",
    key=_email_asked_for,
    rate=_lost_link_rate_per_email,
    method="POST",
    block=False,
)
def lost_link(request):
    """Emails the manage link to a registered address and answers the same either way."""
    if request.method == "POST" and getattr(request, "limited", False):
        return rate_limited(request, None)
    form = LostLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.send_lost_links(email=form.cleaned_data["email"])
        return redirect("registration:lost_link_sent")
    return render(request, "registration/lost_link.html", {"form": form})


@never_cache
def lost_link_sent(request):
    return render(request, "registration/lost_link_sent.html")
