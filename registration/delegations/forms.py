"""The delegation form: the fields the people share, once (`DelegationForm`), and one block
per person (`PeopleFormSet` of `PersonForm`). Without JavaScript: a fixed number of blocks,
and "Add another person" is a submit button that shows the form again with one more."""

import uuid

from django import forms
from django.conf import settings
from django.forms import BaseFormSet, formset_factory
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from mce_site.form_rendering import render_field
from registration.forms import (
    CategoryChoiceField,
    ChoicesMixin,
    CountrySelect,
    ErrorSummaryMixin,
    availability,
)

# Blocks shown when the page is first opened.
FIRST_BLOCKS = 3
SHARED_FIELDS = ("organisation", "city", "country", "category")


class DelegationForm(ErrorSummaryMixin, forms.Form):
    """What the people of a delegation share, filled in once by the lead:
    `DelegationForm(conference=..., data=...)`."""

    organisation = forms.CharField(
        label=_("City or organisation"),
        max_length=200,
        help_text=_("The name of the delegation, e.g. City of Leipzig."),
    )
    city = forms.CharField(label=_("City"), max_length=100)
    country = CountryField(blank_label=_("Choose a country")).formfield(
        label=_("Country"), widget=CountrySelect
    )
    category = CategoryChoiceField(
        label=_("Participant category"), queryset=None, widget=forms.RadioSelect
    )
    privacy_consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice. The people I register know that I register them "
            "and that their data is processed for this registration."
        ),
        error_messages={"required": _("Please accept the privacy notice to register.")},
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    # A field people never see: bots fill every field, so a value means a bot.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, conference, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("submission_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["category"].queryset = conference.participant_categories.all()
        self.fields["privacy_consent"].help_text = format_html(
            '<a href="{}">{}</a>', reverse("privacy"), _("Read the privacy notice")
        )
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["city"].widget.attrs["autocomplete"] = "address-level2"
        self.fields["country"].widget.attrs["autocomplete"] = "country"

    def shared_fields(self):
        return self._render(*SHARED_FIELDS)

    def privacy_fields(self):
        return self._render("privacy_consent")

    def hidden_fields_and_trap(self):
        trap = self._render("website")
        return format_html(
            '<div class="registration-trap" aria-hidden="true">{}</div>{}',
            trap,
            self._render("submission_key"),
        )

    def _render(self, *names):
        return mark_safe(" ".join(render_field(self[name]) for name in names))

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))

    def service_arguments(self):
        data = self.cleaned_data
        shared = {name: data[name] for name in SHARED_FIELDS}
        return {
            "name": data["organisation"],
            "shared": shared | {"privacy_consent": data["privacy_consent"]},
            "submission_key": data.get("submission_key") or "",
        }


class PersonForm(ChoicesMixin, forms.Form):
    """One person of the delegation: who they are and what they book (each person's seats
    are their own). `category` is the delegation's, for the check of reserved days."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Their own address: they confirm it and get their own manage link there."),
    )
    position = forms.CharField(label=_("Position"), max_length=200, required=False)

    def __init__(self, *args, conference, seats, category=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.category = category
        self.add_choice_fields(conference, seats=seats)
        self.fields["days"].label = _("Days")
        if "gala_dinner" in self.fields:
            self.fields["gala_dinner"].label = _("Gala dinner")
        # Each block says nothing the first block does not: the help once is enough.
        self.fields["days"].help_text = ""
        self.fields["email"].widget.attrs["spellcheck"] = "false"

    def has_changed(self):
        """A block counts once a name or address is typed in it: untouched blocks are left
        out (the choices have defaults that would otherwise count as changes)."""
        return any(self[name].value() for name in ("first_name", "last_name", "email"))

    def clean(self):
        self.clean_choices(self.category)
        return self.cleaned_data

    def render_fields(self):
        return mark_safe(" ".join(render_field(self[name]) for name in self.fields))

    def person_data(self):
        """The person's own fields for `register_delegation`."""
        data = dict(self.cleaned_data)
        data.setdefault("waits_for_table", True)
        return data


class PeopleFormSet(BaseFormSet):
    """Every block may stay empty (none is an "initial" form): only filled ones register."""

    def initial_form_count(self):
        return 0

    def filled_forms(self):
        return [form for form in self.forms if form.has_changed()]

    def clean(self):
        if any(self.errors):
            return
        if len(self.filled_forms()) < 2:
            raise forms.ValidationError(
                _("Please fill in at least two people; one person registers with the usual form.")
            )


def people_formset(conference, *, data=None, blocks=FIRST_BLOCKS, initial=None, category=None):
    """The person blocks: bound to `data`, or `blocks` empty ones (filled from `initial`)."""
    largest = settings.DELEGATION_MAX_SIZE
    formset_class = formset_factory(
        PersonForm,
        formset=PeopleFormSet,
        extra=min(blocks, largest),
        max_num=largest,
        absolute_max=largest,
        validate_max=True,
    )
    seats = availability(conference)
    return formset_class(
        data,
        initial=initial,
        prefix="person",
        form_kwargs={"conference": conference, "seats": seats, "category": category},
    )


def raw_values(form):
    """What was typed in a bound form, as initial values of a new one (nothing checked)."""
    return {name: form[name].value() for name in form.fields}


def error_summary(delegation_form, formset):
    """[(anchor, label, message)] for the summary at the top: the shared fields, then each
    person's errors labelled with the person's number."""
    summary = list(delegation_form.error_summary()) if delegation_form.is_bound else []
    summary += [("", "", error) for error in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        if not form.is_bound or not form.errors:
            continue
        for anchor, label, message in form.error_summary():
            where = _("Person %(number)d") % {"number": number}
            if anchor:
                summary.append((anchor, f"{where}: {label}", message))
            else:
                summary.append((f"person-{number}", where, message))
    return summary
