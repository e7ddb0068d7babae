"""The answers to the conference's questions in the back office: shown on a registration's
page, changed on a page of their own. The hotline changes them at any time, for the caller;
the attendee's modification deadline binds only the manage page."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from registration.models import Registration
from registration.questions.form_fields import add_question_fields, clean_answers, questions_of
from registration.questions.services import answers_shown, save_answers

CHANGE_PERMISSION = "registration.change_registration"


class AnswersForm(forms.Form):
    """The questions that apply to the registration's category, filled in with its answers."""

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.registration = registration
        add_question_fields(self, questions_of(registration.conference), registration=registration)

    def clean(self):
        data = super().clean()
        data["answers"] = clean_answers(self, self.registration.category)
        return data


def answers_table(registration):
    """The registration's answers for its page in the back office (read-only)."""
    shown = answers_shown(registration)
    if not shown:
        return "–"
    rows = format_html_join(
        "",
        "<dt>{}</dt><dd>{}</dd>",
        ((q.label, mark_safe(linebreaks(text, autoescape=True))) for q, text in shown),
    )
    return format_html('<dl class="hotline-answers">{}</dl>', rows)


def change_answers_view(model_admin, request, pk):
    registration = get_object_or_404(
        Registration.objects.select_related("conference", "category"), pk=pk, anonymised_at=None
    )
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    # Bound on every POST: a form of unticked boxes sends nothing but the CSRF token.
    data = request.POST if request.method == "POST" else None
    form = AnswersForm(data, registration=registration)
    if request.method == "POST" and form.is_valid():
        save_answers(registration=registration, answers=form.cleaned_data["answers"])
        messages.success(request, _("The answers were saved."))
        url = reverse("hotline:registration_registration_change", args=[registration.pk])
        return HttpResponseRedirect(url)
    context = model_admin.admin_site.each_context(request) | {
        "title": _("Answers of %(name)s") % {"name": registration.full_name},
        "registration": registration,
        "form": form,
        "opts": Registration._meta,
    }
    return TemplateResponse(request, "hotline/change_answers.html", context)
