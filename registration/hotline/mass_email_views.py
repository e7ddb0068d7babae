"""The mass email page of the hotline site: the registrations list's filters choose the
recipients; the page shows how many get it and what the first of them would read, sends a
test to the sender, then sends. The rules are in registration/services/mass_email.py."""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from registration.services.mass_email import (
    NoAddressError,
    mass_email_recipients,
    send_mass_email,
    send_mass_email_test,
)

from .forms import MassEmailForm
from .mass_email_text import PLACEHOLDERS, fill_mass_email
from .models import MassEmail
from .registration_actions import EMAIL_MANY_PERMISSION


def mass_email_view(model_admin, request):
    if not request.user.has_perm(EMAIL_MANY_PERMISSION):
        raise PermissionDenied
    list_url = reverse("hotline:registration_registration_changelist")
    try:
        changelist = model_admin.get_changelist_instance(request)
    except IncorrectLookupParameters:
        return HttpResponseRedirect(f"{list_url}?e=1")  # a mistyped filter in the address
    recipients = mass_email_recipients(registrations=changelist.queryset)
    count = recipients.count()
    form = MassEmailForm(request.POST or None, initial={"expected_count": count})
    if request.method == "POST" and form.is_valid():
        response = _act(request, form, recipients, count, changelist)
        if response is not None:
            return response
    sample = recipients.select_related("conference").order_by("pk").first()
    context = model_admin.admin_site.each_context(request) | {
        "title": _("Email the chosen registrants"),
        "form": form,
        "count": count,
        "matched": changelist.queryset.count(),
        "sample": sample,
        "preview": _preview(form, sample),
        "placeholders": PLACEHOLDERS,
        "query": changelist.get_query_string(),
        "list_url": list_url,
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, "hotline/mass_email.html", context)


def _act(request, form, recipients, count, changelist):
    if "send" in request.POST:
        if form.cleaned_data["expected_count"] != count:
            form.add_error(None, _("The recipients changed meanwhile: check the count again."))
            form.data = form.data.copy()
            form.data["expected_count"] = count
            return None
        mass_email = send_mass_email(
            registrations=recipients,
            content=form.content(),
            by=request.user,
            # Not the search: it may name a person, and this log outlives erasures.
            chosen_by=changelist.get_query_string(remove=["q"]),
            submission_key=form.cleaned_data["submission_key"],
        )
        messages.success(request, _("%(count)s emails are on their way.") % {"count": count})
        url = reverse("hotline:hotline_massemail_change", args=[mass_email.pk])
        return HttpResponseRedirect(url)
    if "test" in request.POST:
        _send_test(request, form, recipients)
    return None


def _send_test(request, form, recipients):
    sample = recipients.order_by("pk").first()
    if sample is None:
        form.add_error(None, _("No registrant matches: a test needs one to fill the text."))
        return
    try:
        send_mass_email_test(sample=sample, content=form.content(), by=request.user)
    except NoAddressError:
        form.add_error(None, _("Your account has no email address for the test."))
        return
    message = _("A test as %(name)s would get it was sent to %(email)s.")
    messages.success(request, message % {"name": sample.full_name, "email": request.user.email})


def _preview(form, sample):
    if sample is None or not form.is_bound or not form.is_valid():
        return None
    draft = MassEmail(**form.content())
    with translation.override(sample.language):
        return fill_mass_email(mass_email=draft, registration=sample)
