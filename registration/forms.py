"""The registration form (web, and the hotline's "register on behalf") and the attendee's
change form. Layout lives here (crispy FormHelper); the rules live in services."""

import hashlib
import unicodedata
import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField, LazyTypedChoiceField
from django_countries.widgets import LazySelect
from phonenumber_field.formfields import PhoneNumberField

from conferences import reference_rows
from conferences.caching import versioned_key
from mce_site.form_rendering import fast_fields

from . import capacity, form_rows
from .models import Registration
from .questions.form_fields import (
    add_question_fields,
    clean_answers,
    question_fieldsets,
)

YES_NO = (("yes", _("Yes")), ("no", _("No")))
DAY_WAIT_CHOICES = (
    ("no", _("Take the days that have seats and wait only for the full day")),
    ("yes", _("Wait until all my days have seats (no seat before that)")),
)


def seats_note(left):
    """What a visitor reads next to a choice: in words, never by colour alone."""
    if left is None:
        return ""
    if left <= 0:
        return _("full: waiting list")
    return ngettext("%(left)s seat left", "%(left)s seats left", left) % {"left": left}


class CountrySelect(LazySelect):
    """The country list starts with the blank choice, always: `required` may be written
    without walking all ~250 translated names, as django-countries' check does."""

    def use_required_attribute(self, initial):
        return not self.is_hidden


class CountryChoiceField(LazyTypedChoiceField):
    """Checks a sent code against the codes, not by walking ~250 translated names as
    ChoiceField does for every form sent."""

    def valid_value(self, value):
        return str(value) in countries


class LoadedRowsIterator(ModelChoiceIterator):
    """Choices from rows loaded once per form field: Django's iterator queries again each
    time the choices are read (rendering a field reads them more than once)."""

    def _rows(self):
        return self.field.rows()

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self._rows():
            yield self.choice(row)

    def __len__(self):
        return len(self._rows()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self._rows())


class LoadedRowsMixin:
    """For ModelChoiceFields: `loaded_rows` may be given (rows another field loaded), and is
    forgotten whenever the queryset changes. A value is checked against those rows, never in
    a query: a number no key can be is an invalid choice like any other."""

    iterator = LoadedRowsIterator
    loaded_rows = None

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.loaded_rows = None

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def rows(self):
        if self.loaded_rows is None:
            self.loaded_rows = list(self.queryset)
        return self.loaded_rows

    def loaded_row(self, value):
        """The loaded row a submitted value names, else an "invalid choice" error: checked
        against the rows the field shows (Django queries once more per field and value)."""
        wanted = str(value.pk if isinstance(value, Model) else value)
        for row in self.rows():
            if str(row.pk) == wanted:
                return row
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )

    def to_python(self, value):
        # Only single-choice fields use this; the multiple-choice one checks in _check_values.
        if value in self.empty_values:
            return None
        return self.loaded_row(value)

    def _check_values(self, value):
        try:
            wanted = dict.fromkeys(value)  # without duplicates, in the order sent
        except TypeError:  # e.g. a list of lists
            raise ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        return [self.loaded_row(pk) for pk in wanted]


class AvailabilityMixin:
    """A choice field whose labels say how many seats are left; `seats_left` is
    {object pk: seats left} (from one query), None to say nothing."""

    seats_left = None

    def seats_for(self, obj):
        return None if self.seats_left is None else self.seats_left.get(obj.pk)


class DayChoiceField(LoadedRowsMixin, AvailabilityMixin, forms.ModelMultipleChoiceField):
    def label_from_instance(self, day):
        audience = _("reserved for international guests") if day.is_reserved else _("open to all")
        note = seats_note(self.seats_for(day))
        if note:
            return format_html(
                "{} <span class='registration-note'>({}; <span class='seats-note'>{}</span>)"
                "</span>",
                day,
                audience,
                note,
            )
        return format_html("{} <span class='registration-note'>({})</span>", day, audience)


class CategoryChoiceField(LoadedRowsMixin, forms.ModelChoiceField):
    def label_from_instance(self, category):
        if category.description:
            return format_html(
                "{} <span class='registration-note'>– {}</span>",
                category.name,
                category.description,
            )
        return category.name


class TableChoiceField(LoadedRowsMixin, AvailabilityMixin, forms.ModelChoiceField):
    def label_from_instance(self, table):
        note = seats_note(self.seats_for(table))
        return f"{table} ({note})" if note else str(table)


def availability(conference, *, live=False):
    """{"days": {pk: left}, "tables": {pk: left}, "dinner": left or None}, as visitors read
    them (at most SEATS_SHOWN_SECONDS old), or `live` from the counters (for the hotline)."""
    left = capacity.seats_left(conference) if live else capacity.shown_seats(conference)["left"]
    result = {"days": {}, "tables": {}, "dinner": None}
    for (kind, day_id, table_id), seats in left.items():
        if kind == capacity.Kind.DAY:
            result["days"][day_id] = seats
        elif kind == capacity.Kind.TABLE:
            result["tables"][table_id] = seats
        elif kind == capacity.Kind.DINNER:
            result["dinner"] = seats
        else:
            result["conference"] = seats
    return result


class ErrorSummaryMixin:
    """The list of errors at the top of a form, each linking to its field."""

    def error_summary(self):
        """[(anchor id, label, message)] for the summary at the top of the form, in the order
        the fields are shown (errors are found in another order: the choices are checked
        together after the single fields)."""
        if not self.errors:  # also for a blank form, whose layout need not be built for this
            return []
        summary = [("", "", error) for error in self.non_field_errors()]
        for name in self._shown_order():
            errors = self.errors.get(name)
            if not errors:
                continue
            field = self[name]
            anchor = field.auto_id
            if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                anchor = f"{anchor}_0"
            summary.extend((anchor, field.label, error) for error in errors)
        return summary

    def _shown_order(self):
        layout = getattr(getattr(self, "helper", None), "layout", None)
        shown = [pointer.name for pointer in layout.get_field_names()] if layout else []
        return shown + [name for name in self.fields if name not in shown]


class ChoicesMixin(ErrorSummaryMixin):
    """Days, gala dinner and World Café tables of one conference: shared by sign-up and change.
    The days and tables are the conference's kept rows (conferences/reference_rows.py)."""

    # The hotline's forms set this: staff on the phone read the counters themselves.
    live_seats = False

    def add_choice_fields(self, conference, *, seats=None):
        """`seats` (from `availability()`) adds "N seats left" / "full: waiting list"."""
        seats = seats or {"days": None, "tables": None, "dinner": None}
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
        self.fields["days"].loaded_rows = reference_rows.days(conference)
        self.fields["days"].seats_left = seats["days"]
        if seats["days"] and any(left <= 0 for left in seats["days"].values()):
            self.fields["waits_for_all_days"] = forms.ChoiceField(
                label=_("If a day you choose is full"),
                choices=DAY_WAIT_CHOICES,
                initial="no",
                widget=forms.RadioSelect,
                required=False,
            )
        if conference.has_gala_dinner:
            note = seats_note(seats["dinner"])
            self.fields["gala_dinner"] = forms.ChoiceField(
                label=_("Will you join the gala dinner?"),
                choices=YES_NO,
                widget=forms.RadioSelect,
                help_text=format_html("<span class='seats-note'>{}</span>", note) if note else "",
                error_messages={"required": _("Please tell us whether you join the dinner.")},
            )
        tables_of_conference = conference.world_cafe_tables.order_by("number")
        tables = reference_rows.world_cafe_tables(conference)
        if tables:
            self.fields["first_table_choice"] = TableChoiceField(
                label=_("World Café: first choice"),
                queryset=tables_of_conference,
                required=False,
                empty_label=_("No preference"),
            )
            self.fields["second_table_choice"] = TableChoiceField(
                label=_("World Café: second choice"),
                queryset=tables_of_conference,
                required=False,
                empty_label=_("No preference"),
                help_text=_("Used when your first choice is full."),
            )
            for name in ("first_table_choice", "second_table_choice"):
                self.fields[name].seats_left = seats["tables"]
                self.fields[name].loaded_rows = tables
            self.fields["waits_for_table"] = forms.BooleanField(
                label=_("If both tables are full, put me on their waiting lists."),
                required=False,
                initial=True,
            )

    def clean_gala_dinner(self):
        return self.cleaned_data.get("gala_dinner") == "yes"

    def clean_waits_for_all_days(self):
        return self.cleaned_data.get("waits_for_all_days") == "yes"

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
        data.setdefault("waits_for_all_days", False)
        data.setdefault("waits_for_table", "first_table_choice" not in self.fields)


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
    country = CountryField(blank_label=_("Choose a country")).formfield(
        label=_("Country"), widget=CountrySelect, choices_form_class=CountryChoiceField
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send the confirmation link and your personal manage link here."),
    )
    phone = PhoneNumberField(
        label=_("Phone"),
        required=False,
        help_text=_("International format with country code, e.g. +49 341 123456."),
        # The library's own message gives a US number as the example.
        error_messages={
            "invalid": _("Please enter the number with its country code, e.g. +49 341 123456.")
        },
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
    # The label is plain text, so clicking it ticks the box; the notice is linked beside it.
    privacy_consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my data is processed for this "
            "registration."
        ),
        error_messages={"required": _("Please accept the privacy notice to register.")},
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
        # Ordered within the conference: the default ordering joins the conference to sort.
        self.fields["category"].queryset = conference.participant_categories.order_by("order", "pk")
        self.fields["category"].loaded_rows = form_rows.categories(conference)
        self.seats = availability(conference, live=self.live_seats)
        self.add_choice_fields(conference, seats=self.seats)
        add_question_fields(self, form_rows.questions(conference))
        self.fields["privacy_consent"].help_text = format_html(
            '<a href="{}">{}</a>', reverse("privacy"), _("Read the privacy notice")
        )
        for name, token in self.AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["email"].widget.attrs["spellcheck"] = "false"

    def shared_markup(self):
        """For `{% fast_form %}` (mce_site/form_rendering.py): the blank form is the same for
        every visitor of a language but for its submission key, as long as the conference's
        rows (their version) and the seats shown stay the same. Not for forms with input or
        with live seats (the hotline's)."""
        if self.is_bound or self.live_seats:
            return None
        seats = sorted(
            (kind, sorted(left.items()) if isinstance(left, dict) else left)
            for kind, left in self.seats.items()
        )
        key = versioned_key(
            type(self).__name__,
            self.conference.pk,
            get_language(),
            hashlib.sha256(repr(seats).encode()).hexdigest()[:20],
            prefix="blank-form",
        )
        return key, {"slot-submission-key": self.initial["submission_key"]}

    @cached_property
    def helper(self):
        # Built when the form is shown, not for a valid POST that only redirects.
        helper = FormHelper()
        helper.form_method = "post"
        helper.form_action = reverse("registration:register", kwargs={"slug": self.conference.slug})
        helper.attrs = {"novalidate": "", "id": "registration-form"}
        participation = ["category", "days", "waits_for_all_days", "gala_dinner"]
        fieldsets = [
            Fieldset(_("About you"), *fast_fields(*Registration.CONTACT_FIELDS)),
            Fieldset(
                _("Your participation"),
                *fast_fields(*[f for f in participation if f in self.fields]),
            ),
        ]
        if "first_table_choice" in self.fields:
            fieldsets.append(
                Fieldset(
                    _("World Café"),
                    *fast_fields("first_table_choice", "second_table_choice", "waits_for_table"),
                )
            )
        fieldsets += [
            Fieldset(_("So that we can look after you"), *fast_fields(*Registration.NEEDS_FIELDS)),
            *question_fieldsets(self),
            Fieldset(_("Privacy"), *fast_fields("privacy_consent", "listed_consent")),
            HTML('<div class="registration-trap" aria-hidden="true">'),
            *fast_fields("website"),
            HTML("</div>"),
            *fast_fields("submission_key"),
        ]
        helper.layout = Layout(*fieldsets)
        helper.add_input(Submit("register", _("Register"), css_class="btn-primary btn-lg"))
        return helper

    def clean(self):
        for name, value in list(self.cleaned_data.items()):
            self.cleaned_data[name] = _normalise(value)
        self.clean_choices(self.cleaned_data.get("category"))
        self.cleaned_data["answers"] = clean_answers(self, self.cleaned_data.get("category"))
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
            waits_for_all_days="yes" if registration.waits_for_all_days else "no",
            waits_for_table=registration.waits_for_table,
        )
        super().__init__(*args, **kwargs)
        self.registration = registration
        seats = availability(registration.conference, live=self.live_seats)
        for held in registration.bookings.filter(state__in=capacity.SEATED).select_related("item"):
            # Their own seats are theirs whatever is left for others: no note there.
            seats["days"].pop(held.item.day_id, None)
            seats["tables"].pop(held.item.table_id, None)
            if held.item.kind == capacity.Kind.DINNER:
                seats["dinner"] = None
        self.add_choice_fields(registration.conference, seats=seats)
        self.fields["listed_consent"] = forms.BooleanField(
            label=_("Show my name and organisation on the participants list."), required=False
        )
        helper = FormHelper()
        helper.form_method = "post"
        helper.form_action = registration.get_manage_url()
        helper.attrs = {"novalidate": ""}
        # An explicit layout: without one crispy copies the form's attributes onto fields.
        helper.layout = Layout(*fast_fields(*self.fields))
        helper.add_input(Submit("change", _("Save changes"), css_class="btn-primary"))
        self.helper = helper

    def clean(self):
        self.clean_choices(self.registration.category)
        return self.cleaned_data

    def service_arguments(self):
        """Keyword arguments of `change_registration`; a field not on the form: unchanged."""
        data = self.cleaned_data
        arguments = {
            name: data[name]
            for name in ("days", "gala_dinner", "first_table_choice", "second_table_choice")
        }
        for name in ("listed_consent", "waits_for_all_days", "waits_for_table"):
            arguments[name] = data[name] if name in self.fields else None
        return arguments


class LostLinkForm(forms.Form):
    """ "Lost your link?": the address to send the manage link to, if it is registered."""

    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("The address you registered with."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false")
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.form_action = reverse("registration:lost_link")
        self.helper.attrs = {"novalidate": "", "id": "lost-link-form"}
        self.helper.add_input(Submit("send", _("Email me my link"), css_class="btn-primary"))
