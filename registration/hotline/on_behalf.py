"""Registering a caller on their behalf: pick the conference, fill in what they say, and
`register_on_behalf` confirms them at once (or puts them on the waiting list) and emails."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conferences.models import Conference
from registration import services as booking
from registration.models import Registration

from .forms import OnBehalfForm


def register_on_behalf_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    conference_id = request.GET.get("conference", "")
    conference = (
        Conference.objects.filter(pk=conference_id).first() if conference_id.isdigit() else None
    )
    context = model_admin.admin_site.each_context(request) | {
        "opts": Registration._meta,
        "title": _("Register a caller"),
    }
    if conference is None:
        context["conferences"] = Conference.objects.order_by("-start_date")
        return TemplateResponse(request, "hotline/register_pick_conference.html", context)
    form = OnBehalfForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            registration = booking.register_on_behalf(
                conference=conference,
                data=form.service_data(),
                source=form.cleaned_data["source"],
                language=form.cleaned_data["language"],
                staff_user=request.user,
            )
        except booking.DuplicateRegistrationError as error:
            form.add_error("email", error.message)
            context["duplicate"] = error.registration
        except booking.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _registered_message(registration))
            url = reverse("hotline:registration_registration_change", args=[registration.pk])
            return HttpResponseRedirect(url)
    context |= {
        "title": _("Register a caller for %(conference)s") % {"conference": conference},
        "conference": conference,
        "form": form,
    }
    return TemplateResponse(request, "hotline/register_on_behalf.html", context)


def _registered_message(registration):
    if registration.status == Registration.Status.WAITLISTED:
        return _("%(reference)s is on the waiting list; the person was emailed.") % {
            "reference": registration.booking_reference
        }
    return _("%(reference)s is confirmed; the confirmation was emailed.") % {
        "reference": registration.booking_reference
    }
