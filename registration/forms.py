"""The registration form (web, and the hotline's "register on behalf") and the attendee's
change form. Layout lives here (crispy FormHelper); the rules live in services."""

import unicodedata
import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.formfields import PhoneNumberField

from .models import Registration

YES_NO = (("yes", _("Yes")), ("no", _("No")))


class DayChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, day):
        if day.is_reserved:
            return format_html(
                "{} <span class='registration-note'>({})</span>",
                day,
                _("reserved for international guests"),
            )
        return format_html("{} <span class='registration-note'>({})</span>", day, _("open to all"))


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, category):
        if category.description:
            return format_html(
                "{} <span class='registration-note'>– {}</span>",
                category.name,
                category.description,
            )
        return category.name


class TableChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, table):
        return str(table)


class ChoicesMixin:
    """Days, gala dinner and World Café tables of one conference: shared by sign-up and change."""

    def add_choice_fields(self, conference):
        self.fields["days"] = DayChoiceField(
            label=_("Which days will you attend?"),
            queryset=conference.days.all(),
            widget=forms.CheckboxSelectMultiple,
            help_text=_(
                "Days reserved for international guests are open to the participant "
                "categories marked for them (e.g. member cities)."
            ),
            error_messages={"required": _("Please choose at least one day.")},
        )
        if conference.has_gala_dinner:
            self.fields["gala_dinner"] = forms.ChoiceField(
                label=_("Will you join the gala dinner?"),
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please tell us whether you join the dinner.")},
            )
        tables = conference.world_cafe_tables.all()
        if tables:
            self.fields["first_table_choice"] = TableChoiceField(
                label=_("World Café: first choice"),
                queryset=tables,
                required=False,
                empty_label=_("No preference"),
            )
            self.fields["second_table_choice"] = TableChoiceField(
                label=_("World Café: second choice"),
                queryset=tables,
                required=False,
                empty_label=_("No preference"),
                help_text=_("Used when your first choice is full."),
            )

    def clean_gala_dinner(self):
        return self.cleaned_data.get("gala_dinner") == "yes"

    def clean_choices(self, category):
        data = self.cleaned_data
        days = data.get("days") or []
        reserved = [day for day in days if day.is_reserved]
        if category is not None and reserved and not category.may_attend_reserved_days:
            self.add_error(
                "days",
                _(
                    "%(days)s: reserved for international guests; the category “%(category)s” "
                    "may attend the days open to all."
                )
                % {"days": ", ".join(str(day) for day in reserved), "category": category.name},
            )
        first, second = data.get("first_table_choice"), data.get("second_table_choice")
        if first is not None and first == second:
            self.add_error("second_table_choice", _("Please choose a different table."))
        data.setdefault("gala_dinner", False)
        data.setdefault("first_table_choice", None)
        data.setdefault("second_table_choice", None)

    def error_summary(self):
        """[(anchor id, label, message)] for the summary at the top of the form."""
        summary = [("", "", error) for error in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == "__all__" or name not in self.fields:
                continue
            field = self[name]
            anchor = field.auto_id
            if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                anchor = f"{anchor}_0"
            summary.extend((anchor, field.label, error) for error in errors)
        return summary


def _normalise(value):
    # Names typed on different keyboards ("Zoë" as one or two code points) compare equal.
    return unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else value


class RegistrationForm(ChoicesMixin, forms.Form):
    """Sign-up for one conference: `RegistrationForm(conference=..., data=...)`."""

    title = forms.CharField(label=_("Title"), max_length=40, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100)
    country = CountryField(blank_label=_("Choose a country")).formfield(label=_("Country"))
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send the confirmation link and your personal manage link here."),
    )
    phone = PhoneNumberField(
        label=_("Phone"),
        required=False,
        help_text=_("International format with country code, e.g. +49 341 123456."),
    )
    category = CategoryChoiceField(
        label=_("Participant category"), queryset=None, widget=forms.RadioSelect
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example step-free access, sign language, a seat near the front."),
    )
    privacy_consent = forms.BooleanField(
        error_messages={"required": _("Please accept the privacy notice to register.")}
    )
    listed_consent = forms.BooleanField(
        label=_("Show my name and organisation on the participants list."), required=False
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    # A field people never see: bots fill every field, so a value means a bot.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    AUTOCOMPLETE = {
        "title": "honorific-prefix",
        "first_name": "given-name",
        "last_name": "family-name",
        "organisation": "organization",
        "position": "organization-title",
        "city": "address-level2",
        "country": "country",
        "email": "email",
        "phone": "tel",
    }

    def __init__(self, *args, conference, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("submission_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["category"].queryset = conference.participant_categories.all()
        self.add_choice_fields(conference)
        self.fields["privacy_consent"].label = format_html(
            '{} <a href="{}">{}</a>',
            _("I have read the"),
            reverse("privacy"),
            _("privacy notice and agree that my data is processed for this registration."),
        )
        for name, token in self.AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["email"].widget.attrs["spellcheck"] = "false"
        self.helper = self._helper()

    def _helper(self):
        helper = FormHelper()
        helper.form_method = "post"
        helper.form_action = reverse("registration:register", kwargs={"slug": self.conference.slug})
        helper.attrs = {"novalidate": "", "id": "registration-form"}
        participation = ["category", "days"]
        if "gala_dinner" in self.fields:
            participation.append("gala_dinner")
        fieldsets = [
            Fieldset(_("About you"), *Registration.CONTACT_FIELDS),
            Fieldset(_("Your participation"), *participation),
        ]
        if "first_table_choice" in self.fields:
            fieldsets.append(Fieldset(_("World Café"), "first_table_choice", "second_table_choice"))
        fieldsets += [
            Fieldset(_("So that we can look after you"), *Registration.NEEDS_FIELDS),
            Fieldset(_("Privacy"), "privacy_consent", "listed_consent"),
            HTML('<div class="registration-trap" aria-hidden="true">'),
            "website",
            HTML("</div>"),
            "submission_key",
        ]
        helper.layout = Layout(*fieldsets)
        helper.add_input(Submit("register", _("Register"), css_class="btn-primary btn-lg"))
        return helper

    def clean(self):
        for name, value in list(self.cleaned_data.items()):
            self.cleaned_data[name] = _normalise(value)
        self.clean_choices(self.cleaned_data.get("category"))
        return self.cleaned_data

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


class ChangeRegistrationForm(ChoicesMixin, forms.Form):
    """The attendee changes days, dinner and tables on the manage page."""

    def __init__(self, *args, registration, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.update(
            days=list(registration.days.all()),
            gala_dinner="yes" if registration.gala_dinner else "no",
            first_table_choice=registration.first_table_choice_id,
            second_table_choice=registration.second_table_choice_id,
            listed_consent=registration.listed_consent,
        )
        super().__init__(*args, **kwargs)
        self.registration = registration
        self.add_choice_fields(registration.conference)
        self.fields["listed_consent"] = forms.BooleanField(
            label=_("Show my name and organisation on the participants list."), required=False
        )
        helper = FormHelper()
        helper.form_method = "post"
        helper.form_action = registration.get_manage_url()
        helper.attrs = {"novalidate": ""}
        # An explicit layout: without one crispy copies the form's attributes onto fields.
        helper.layout = Layout(*self.fields)
        helper.add_input(Submit("change", _("Save changes"), css_class="btn-primary"))
        self.helper = helper

    def clean(self):
        self.clean_choices(self.registration.category)
        return self.cleaned_data
