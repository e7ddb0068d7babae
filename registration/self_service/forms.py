"""Forms of the attendee's self-service on the manage page. Layout lives here (crispy
FormHelper); the rules live in `registration.services`."""

import copy
import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.urls import reverse
from django.utils.formats import time_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from registration.forms import ErrorSummaryMixin, RegistrationForm
from registration.models import Registration
from registration.questions.form_fields import (
    add_question_fields,
    clean_answers,
    question_fieldsets,
    questions_of,
)

DETAILS_FORM_FIELDS = (*Registration.CONTACT_FIELDS, *Registration.NEEDS_FIELDS)


class DetailsForm(ErrorSummaryMixin, forms.Form):
    """The person's own details, with the sign-up form's fields, labels and limits."""

    def __init__(self, *args, registration, **kwargs):
        kwargs["initial"] = {name: getattr(registration, name) for name in DETAILS_FORM_FIELDS}
        super().__init__(*args, **kwargs)
        for name in DETAILS_FORM_FIELDS:
            self.fields[name] = copy.deepcopy(RegistrationForm.base_fields[name])
            token = RegistrationForm.AUTOCOMPLETE.get(name)
            if token:
                self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["email"].help_text = _(
            "A new address counts once you follow the link we email to it."
        )
        # The conference's own questions, answered like the details until changes close.
        self.registration = registration
        add_question_fields(self, questions_of(registration.conference), registration=registration)
        self.helper = _helper(
            reverse("registration:details", kwargs={"token": registration.manage_token}),
            (*DETAILS_FORM_FIELDS, *question_fieldsets(self)),
            _("Save my details"),
            form_id="details-form",
        )

    def clean(self):
        data = _normalised(self.cleaned_data)
        data["answers"] = clean_answers(self, self.registration.category)
        return data


class SessionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, session):
        tz = session.conference.tzinfo
        starts, ends = (localtime(moment, tz) for moment in (session.starts_at, session.ends_at))
        times = f"{time_format(starts, 'H:i')}–{time_format(ends, 'H:i')}"
        room = f", {session.room.name}" if session.room_id else ""
        return f"{session.day} · {times}{room}: {session.title}"


class AgendaForm(ErrorSummaryMixin, forms.Form):
    """Tick the sessions you plan to attend, among those of the days you hold seats for."""

    sessions = SessionChoiceField(
        label=_("Sessions I plan to attend"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your calendar file then holds these sessions only."),
    )

    def __init__(self, *args, registration, sessions, marked, **kwargs):
        kwargs["initial"] = {"sessions": marked}
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = sessions
        self.helper = _helper(
            reverse("registration:agenda", kwargs={"token": registration.manage_token}),
            ("sessions",),
            _("Save my agenda"),
            form_id="agenda-form",
        )


def _helper(action, fields, submit_label, *, form_id):
    helper = FormHelper()
    helper.form_method = "post"
    helper.form_action = action
    helper.attrs = {"novalidate": "", "id": form_id}
    # An explicit layout: without one crispy copies the form's attributes onto fields.
    helper.layout = Layout(*fields)
    helper.add_input(Submit(form_id.removesuffix("-form"), submit_label, css_class="btn-primary"))
    return helper


class TransferForm(ErrorSummaryMixin, forms.Form):
    """Whom the registrant hands their place to."""

    first_name = forms.CharField(label=_("Your colleague's first name"), max_length=100)
    last_name = forms.CharField(label=_("Your colleague's last name"), max_length=100)
    email = forms.EmailField(
        label=_("Your colleague's email address"),
        max_length=254,
        help_text=_("We email your colleague a link; the place is theirs once they confirm."),
    )

    def __init__(self, *args, registration, **kwargs):
        # A prefix: the details form on the same page has the same field names (and ids).
        super().__init__(*args, prefix="colleague", **kwargs)
        self.fields["email"].widget.attrs["spellcheck"] = "false"
        for name in self.fields:
            self.fields[name].widget.attrs["autocomplete"] = "off"  # not the user's own data
        self.helper = _helper(
            reverse("registration:pass_on", kwargs={"token": registration.manage_token}),
            ("first_name", "last_name", "email"),
            _("Pass my place on"),
            form_id="transfer-form",
        )


TAKE_OVER_FIELDS = (
    *(name for name in Registration.CONTACT_FIELDS if name != "email"),
    "category",
    *Registration.NEEDS_FIELDS,
    "privacy_consent",
    "listed_consent",
)


class TakeOverForm(ErrorSummaryMixin, forms.Form):
    """The colleague's own details, as the sign-up form asks them; the address is the one
    the link was sent to."""

    def __init__(self, *args, transfer, **kwargs):
        kwargs["initial"] = {"first_name": transfer.first_name, "last_name": transfer.last_name}
        super().__init__(*args, **kwargs)
        conference = transfer.registration.conference
        for name in TAKE_OVER_FIELDS:
            self.fields[name] = copy.deepcopy(RegistrationForm.base_fields[name])
            token = RegistrationForm.AUTOCOMPLETE.get(name)
            if token:
                self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["category"].queryset = conference.participant_categories.all()
        add_question_fields(self, questions_of(conference))
        self.fields["privacy_consent"].label = format_html(
            '{} <a href="{}">{}</a>',
            _("I have read the"),
            reverse("privacy"),
            _("privacy notice and agree that my data is processed for this registration."),
        )
        self.helper = _helper(
            reverse("registration:take_over", kwargs={"token": transfer.token}),
            (*TAKE_OVER_FIELDS[:-2], *question_fieldsets(self), *TAKE_OVER_FIELDS[-2:]),
            _("Take the place"),
            form_id="take-over-form",
        )

    def clean(self):
        data = _normalised(self.cleaned_data)
        data["answers"] = clean_answers(self, data.get("category"))
        return data


def _normalised(data):
    # Names typed on different keyboards ("Zoë" as one or two code points) compare equal.
    for name, value in list(data.items()):
        if isinstance(value, str):
            data[name] = unicodedata.normalize("NFC", value).strip()
    return data


class InvitationLetterForm(ErrorSummaryMixin, forms.Form):
    """Passport data for an invitation letter (visa application)."""

    passport_name = forms.CharField(label=_("Name as in the passport"), max_length=200)
    nationality = CountryField(blank_label=_("Choose a country")).formfield(label=_("Nationality"))
    passport_number = forms.CharField(label=_("Passport number"), max_length=40)
    arrival = forms.DateField(label=_("Arrival"), widget=forms.DateInput(attrs={"type": "date"}))
    departure = forms.DateField(
        label=_("Departure"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.helper = _helper(
            reverse("registration:invitation_letter", kwargs={"token": registration.manage_token}),
            tuple(self.fields),
            _("Ask for the letter"),
            form_id="invitation-letter-form",
        )

    def clean(self):
        data = _normalised(self.cleaned_data)
        arrival, departure = data.get("arrival"), data.get("departure")
        if arrival and departure and departure < arrival:
            self.add_error("departure", _("The departure cannot be before the arrival."))
        return data
