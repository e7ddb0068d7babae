"""Forms of the back office. Each takes its context (conference, registration) as keyword
arguments; the booking rules themselves are checked by the registration services."""

import uuid

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from conferences.models import Day
from registration.forms import ChangeRegistrationForm, RegistrationForm
from registration.models import Registration
from registration.queries import active_registration_for_email

from .mass_email_text import unknown_placeholders

PERSON_FIELDS = (
    *Registration.CONTACT_FIELDS,
    "language",
    "listed_consent",
    *Registration.NEEDS_FIELDS,
)


class PersonForm(forms.ModelForm):
    """The person's details only: what decides seats (days, dinner, tables, category, status)
    changes through the registration services, never through this form."""

    class Meta:
        model = Registration
        fields = PERSON_FIELDS

    def clean_email(self):
        email = self.cleaned_data["email"]
        registration = self.instance
        if registration.pk and registration.is_active:
            taken = active_registration_for_email(registration.conference, email)
            if taken is not None and taken.pk != registration.pk:
                raise forms.ValidationError(
                    _("Another active registration of this conference uses this address.")
                )
        return email


class BookingChangeForm(ChangeRegistrationForm):
    """The attendee's own change form, filled in by the hotline for the caller: the same
    choices and eligibility explanations; consent is edited with the person's details."""

    live_seats = True

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, registration=registration, **kwargs)
        del self.fields["listed_consent"]


class CheckInForm(forms.Form):
    reference = forms.CharField(
        label=_("Booking reference or ticket"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "autocapitalize": "characters"}
        ),
        help_text=_(
            "Scan the QR code on the badge or the ticket, or type the reference, then press Enter."
        ),
    )
    day = forms.ModelChoiceField(label=_("Day"), queryset=Day.objects.none(), empty_label=None)

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = conference.days.all()

    def clean_reference(self):
        return "".join(self.cleaned_data["reference"].split()).upper()


ON_BEHALF_SOURCES = [
    choice for choice in Registration.Source.choices if choice[0] != Registration.Source.WEB
]


ON_BEHALF_ORDER = [
    "source",
    "language",
    *Registration.CONTACT_FIELDS,
    "category",
    "days",
    "waits_for_all_days",
    "gala_dinner",
    "first_table_choice",
    "second_table_choice",
    "waits_for_table",
    *Registration.NEEDS_FIELDS,
    "privacy_consent",
    "listed_consent",
]


class OnBehalfForm(RegistrationForm):
    """The web registration form as the hotline fills it in while the caller waits, plus
    where the request came from and the language of the emails, minus the bot trap. The
    rules (seats, who may attend which day, one registration per address) stay
    register_on_behalf's."""

    live_seats = True

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, conference=conference, **kwargs)
        del self.fields["website"]
        self.fields["source"] = forms.ChoiceField(label=_("Received by"), choices=ON_BEHALF_SOURCES)
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of the emails"), choices=settings.LANGUAGES, initial=get_language()
        )
        self.fields["privacy_consent"].label = _("The person accepted the privacy notice")
        # The order staff go through on the phone: who, then what (the conference's own
        # questions last), then consent.
        questions = [question.field_name for question in self.questions]
        self.order_fields([*ON_BEHALF_ORDER[:-2], *questions, *ON_BEHALF_ORDER[-2:]])

    def service_data(self):
        return dict(self.cleaned_data)


class MassEmailForm(forms.Form):
    """One email for many registrants, in both languages; the services send it."""

    subject_en = forms.CharField(label=_("Subject (English)"), max_length=200)
    body_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 10}))
    subject_de = forms.CharField(label=_("Subject (German)"), max_length=200)
    body_de = forms.CharField(label=_("Text (German)"), widget=forms.Textarea(attrs={"rows": 10}))
    # The count the sender saw: if the recipients changed since, they see the new count first.
    expected_count = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Kept through previews and tests; a second "Send" with it sends nothing more.
    submission_key = forms.CharField(
        required=False, max_length=64, widget=forms.HiddenInput, initial=lambda: uuid.uuid4().hex
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("subject_en", "body_en", "subject_de", "body_de"):
            unknown = unknown_placeholders(cleaned.get(name, ""))
            if unknown:
                message = _("Unknown placeholders: %(names)s") % {
                    "names": ", ".join(f"{{{name}}}" for name in unknown)
                }
                self.add_error(name, message)
        return cleaned

    def content(self):
        names = ("subject_en", "subject_de", "body_en", "body_de")
        return {name: self.cleaned_data[name] for name in names}
