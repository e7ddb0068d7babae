"""The delegation pages: the form (shared fields once, one block per person) and "check your
emails". Thin: the forms check input, `register_delegation` applies the rules."""

from django.conf import settings
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from conferences.models import Conference
from conferences.queries import registration_state
from mce_site.client_ip import client_network
from mce_site.views import rate_limited
from registration import services
from registration.models import Delegation
from registration.queries import takes_web_registrations

from .forms import DelegationForm, error_summary, people_formset, raw_values
from .queries import member_states

OUTCOME_SALT = "registration.delegation_submitted"
OUTCOME_MAX_AGE = 3600
ADD_PERSON = "add_person"


# The same limits and the same count as single sign-ups (the "sign-up" group, settings
# SIGN_UP_RATE_PER_ADDRESS and SIGN_UP_RATE_PER_NETWORK): a delegation's POST counts once.
def _rate_per_address(group, request):
    return settings.SIGN_UP_RATE_PER_ADDRESS


def _rate_per_network(group, request):
    return settings.SIGN_UP_RATE_PER_NETWORK


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(group="sign-up", key="ip", rate=_rate_per_address, method="POST", block=False)
@ratelimit(group="sign-up", key=client_network, rate=_rate_per_network, method="POST", block=False)
def register_delegation(request, slug):
    conference = get_object_or_404(Conference, slug=slug, is_published=True)
    state = registration_state(conference)
    accepting = takes_web_registrations(conference, state)
    context = {"conference": conference, "state": state, "accepting": accepting}
    if not accepting:
        return render(request, "registration/delegation.html", context)
    if request.method != "POST":
        shared, people = DelegationForm(conference=conference), people_formset(conference)
        return _render_form(request, context, shared, people)
    if getattr(request, "limited", False):
        return rate_limited(request, None)
    shared = DelegationForm(request.POST, conference=conference)
    shared_valid = shared.is_valid()
    category = shared.cleaned_data.get("category")
    people = people_formset(conference, data=request.POST, category=category)
    if ADD_PERSON in request.POST:
        return _render_one_more_block(request, context, shared, people)
    if not (shared_valid and people.is_valid()):
        return _render_form(request, context, shared, people)
    if shared.is_bot:
        return redirect("registration:delegation_submitted", slug=conference.slug)
    filled = people.filled_forms()
    try:
        delegation = services.register_delegation(
            conference=conference,
            people=[form.person_data() for form in filled],
            language=get_language(),
            **shared.service_arguments(),
        )
    except services.DelegationError as error:
        _show_member_errors(shared, people, filled, error)
    except services.RegistrationError as error:
        shared.add_error(None, error.message)
    else:
        outcome = signing.dumps({"pk": delegation.pk}, salt=OUTCOME_SALT)
        url = reverse("registration:delegation_submitted", kwargs={"slug": conference.slug})
        return redirect(f"{url}?outcome={outcome}")
    return _render_form(request, context, shared, people)


def _render_one_more_block(request, context, shared, people):
    """ "Add another person" without JavaScript: the same form, unchecked, one block more."""
    conference = context["conference"]
    blocks = [raw_values(form) for form in people.forms]
    shared = DelegationForm(initial=raw_values(shared), conference=conference)
    people = people_formset(conference, blocks=len(blocks) + 1, initial=blocks)
    return _render_form(request, context, shared, people)


def _show_member_errors(shared, people, filled, error):
    if not error.member_errors:
        shared.add_error(None, error.message)
        return
    for index, (field, message) in error.member_errors.items():
        filled[index].add_error(field if field in filled[index].fields else None, message)


def _render_form(request, context, shared, people):
    may_add = people.total_form_count() < people.max_num
    context |= {
        "form": shared,
        "people": people,
        "may_add": may_add,
        "summary": {"error_summary": error_summary(shared, people)},
    }
    return render(request, "registration/delegation.html", context)


@never_cache
def delegation_submitted(request, slug):
    conference = get_object_or_404(Conference, slug=slug, is_published=True)
    try:
        outcome = signing.loads(
            request.GET.get("outcome", ""), salt=OUTCOME_SALT, max_age=OUTCOME_MAX_AGE
        )
    except signing.BadSignature:
        outcome = {}
    delegation = None
    if isinstance(outcome, dict) and isinstance(outcome.get("pk"), int):
        delegation = Delegation.objects.filter(pk=outcome["pk"], conference=conference).first()
    context = {
        "conference": conference,
        "delegation": delegation,
        "members": member_states(delegation) if delegation else [],
    }
    return render(request, "registration/delegation_submitted.html", context)
