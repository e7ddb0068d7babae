"""Forms of the back office. Each takes its context (conference, registration) as keyword
arguments; the booking rules themselves are checked by the registration services."""

from django import forms
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from conferences.models import Day
from registration.models import Registration

PERSON_FIELDS = (
    "title",
    "first_name",
    "last_name",
    "position",
    "organisation",
    "city",
    "country",
    "email",
    "phone",
    "language",
    "listed_consent",
    "dietary_needs",
    "accessibility_needs",
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
            taken = (
                Registration.objects.filter(
                    conference=registration.conference_id,
                    status__in=Registration.ACTIVE_STATUSES,
                )
                .annotate(email_ci=Lower("email"))
                .filter(email_ci=email.lower())
                .exclude(pk=registration.pk)
            )
            if taken.exists():
                raise forms.ValidationError(
                    _("Another active registration of this conference uses this address.")
                )
        return email


class BookingChangeForm(forms.Form):
    """Days, dinner and World Café wishes of one registration, for change_registration."""

    days = forms.ModelMultipleChoiceField(
        label=_("Days"), queryset=Day.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    gala_dinner = forms.BooleanField(label=_("Gala dinner"), required=False)
    first_table_choice = forms.ModelChoiceField(
        label=_("World Café: first choice"), queryset=None, required=False
    )
    second_table_choice = forms.ModelChoiceField(
        label=_("World Café: second choice"), queryset=None, required=False
    )

    def __init__(self, *args, registration, **kwargs):
        conference = registration.conference
        initial = {
            "days": list(registration.days.all()),
            "gala_dinner": registration.gala_dinner,
            "first_table_choice": registration.first_table_choice,
            "second_table_choice": registration.second_table_choice,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["days"].queryset = conference.days.all()
        tables = conference.world_cafe_tables.all()
        self.fields["first_table_choice"].queryset = tables
        self.fields["second_table_choice"].queryset = tables
        if not conference.has_gala_dinner:
            del self.fields["gala_dinner"]
        if not tables.exists():
            del self.fields["first_table_choice"], self.fields["second_table_choice"]

    def service_arguments(self):
        data = self.cleaned_data
        return {
            "days": data["days"],
            "gala_dinner": data.get("gala_dinner", False),
            "first_table_choice": data.get("first_table_choice"),
            "second_table_choice": data.get("second_table_choice"),
        }


class CheckInForm(forms.Form):
    reference = forms.CharField(
        label=_("Booking reference"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "autocapitalize": "characters"}
        ),
        help_text=_("Scan the QR code on the badge or type the reference, then press Enter."),
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


class OnBehalfForm(forms.Form):
    """A registration taken by phone, fax, email or on site. Only collects; the rules (seats,
    who may attend which day, one registration per address) are register_on_behalf's."""

    source = forms.ChoiceField(label=_("Received by"), choices=ON_BEHALF_SOURCES)
    privacy_consent = forms.BooleanField(
        label=_("The person accepted the privacy notice"), required=True
    )

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        model_fields = forms.fields_for_model(
            Registration,
            fields=(*PERSON_FIELDS, "category", "gala_dinner"),
        )
        self.fields.update(model_fields)
        self.fields["category"].queryset = conference.participant_categories.all()
        self.fields["days"] = forms.ModelMultipleChoiceField(
            label=_("Days"),
            queryset=conference.days.all(),
            widget=forms.CheckboxSelectMultiple,
        )
        tables = conference.world_cafe_tables.all()
        for name, label in (
            ("first_table_choice", _("World Café: first choice")),
            ("second_table_choice", _("World Café: second choice")),
        ):
            self.fields[name] = forms.ModelChoiceField(label=label, queryset=tables, required=False)
        if not conference.has_gala_dinner:
            del self.fields["gala_dinner"]
        # Source first, consent last: the order staff go through on the phone.
        self.order_fields(["source", *PERSON_FIELDS, "category", "days"])

    def service_data(self):
        return dict(self.cleaned_data)
