"""The registration pages of the hotline site: find, read, edit a person's details, log
calls, and reach every booking action (which live in `registration_actions.py`)."""

import functools

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country
from simple_history.admin import SimpleHistoryAdmin

from registration.models import Registration
from registration.outbox.admin import email_history_table, redrive_emails_action

from . import registration_actions as actions
from .answers import answers_table, change_answers_view
from .changelist import HotlineChangeList
from .delegations import delegation_members_html
from .filters import (
    CategoryFilter,
    CheckedInFilter,
    ConferenceFilter,
    CountryFilter,
    DayFilter,
    DelegationFilter,
    EmailProblemFilter,
    ItemStateFilter,
    TableFilter,
)
from .forms import PersonForm
from .mass_email_views import mass_email_view
from .models import CallLog, CheckIn, MassEmail, MassEmailRecipient
from .pagination import CappedCountPaginator, first_row_of_page
from .queries import search_registrations
from .services import log_call
from .sites import hotline_site

BOOKING_FIELDS = (
    "booking_reference",
    "conference",
    "status",
    "source",
    "category",
    "press_accreditation",
    "days_list",
    "gala_dinner",
    "first_table_choice",
    "second_table_choice",
    "world_cafe_table",
)
RECORD_FIELDS = (
    "privacy_consent_at",
    "created_at",
    "confirmed_at",
    "waitlisted_at",
    "cancelled_at",
    "expires_at",
    "email_status",
    "email_status_at",
    "email_status_detail",
    "anonymised_at",
)

# What a row of the list reads (HotlineChangeList): its columns, and __str__ for the
# checkbox's label. Not the phone number, which phonenumbers would parse for every row.
LIST_ROW_FIELDS = (
    "booking_reference",
    "first_name",
    "last_name",
    "organisation",
    "city",
    "country",
    "status",
    "category",
    "delegation",
    "email_status",
    "created_at",
)


class CallLogInline(admin.TabularInline):
    """Append-only: earlier entries are shown, never changed or deleted."""

    model = CallLog
    fields = ("logged_at", "staff_user", "channel", "text")
    readonly_fields = ("logged_at", "staff_user")
    extra = 1
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("staff_user")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            # A tabular inline shows column headers, not labels: name each input for
            # screen readers.
            field.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return field

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return obj is not None and request.user.has_perm("hotline.add_calllog")


class CheckInInline(admin.TabularInline):
    model = CheckIn
    fields = ("day", "checked_in_at", "by")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("day", "by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Registration, site=hotline_site)
class RegistrationAdmin(SimpleHistoryAdmin):
    form = PersonForm
    change_form_template = "hotline/registration_change_form.html"
    change_list_template = "hotline/registration_change_list.html"
    list_display = (
        "booking_reference",
        "last_name",
        "first_name",
        "organisation",
        "city",
        "country_name",
        "status",
        "category",
        "delegation_badge",
        "email_status",
        "created_at",
    )
    list_display_links = ("booking_reference", "last_name")
    list_row_fields = LIST_ROW_FIELDS
    list_filter = (
        ConferenceFilter,
        "status",
        ItemStateFilter,
        CategoryFilter,
        DayFilter,
        "gala_dinner",
        TableFilter,
        CountryFilter,
        "language",
        CheckedInFilter,
        EmailProblemFilter,
        "source",
        DelegationFilter,
    )
    # The list shows only the category and the delegation of the related rows (conference,
    # table and days are the change page's: see get_object).
    list_select_related = ("category", "delegation")
    # The search box appears when search_fields is set; get_search_results does the search.
    search_fields = ("booking_reference",)
    search_help_text = _(
        "Name, email, organisation, city, phone or booking reference; "
        "typos and missing accents are forgiven."
    )
    show_full_result_count = False
    list_per_page = 50
    actions = [
        redrive_emails_action,
        actions.send_manage_link_action,
        actions.print_badges_action,
    ]
    inlines = [CallLogInline, CheckInInline]
    readonly_fields = (
        *BOOKING_FIELDS,
        *RECORD_FIELDS,
        "email_history",
        "answers",
        "delegation_members",
    )
    fieldsets = (
        (
            _("Person"),
            {
                "fields": (
                    ("title", "first_name", "last_name"),
                    ("position", "organisation"),
                    ("city", "country"),
                    ("email", "phone"),
                    "language",
                    "listed_consent",
                )
            },
        ),
        (_("Needs"), {"fields": ("dietary_needs", "accessibility_needs")}),
        (_("Booking"), {"fields": BOOKING_FIELDS}),
        (_("Delegation"), {"fields": ("delegation_members",)}),
        (_("Emails"), {"fields": ("email_history",)}),
        (_("Record"), {"fields": RECORD_FIELDS, "classes": ("collapse",)}),
    )

    def get_object(self, request, object_id, from_field=None):
        """Django's, with what the change page shows of the booking read along (the list
        shows none of it, so get_queryset leaves it out)."""
        queryset = self.get_queryset(request).select_related(
            "conference", "category", "world_cafe_table", "delegation"
        )
        opts = Registration._meta
        field = opts.pk if from_field is None else opts.get_field(from_field)
        try:
            return queryset.prefetch_related("days").get(**{field.name: field.to_python(object_id)})
        except (Registration.DoesNotExist, ValidationError, ValueError):
            return None

    def get_changelist(self, request, **kwargs):
        return HotlineChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        return CappedCountPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            first_row=first_row_of_page(request, per_page, PAGE_VAR),
        )

    def get_search_results(self, request, queryset, search_term):
        return search_registrations(queryset, search_term), False

    def action_checkbox(self, obj):
        """Django's checkbox, written out: the admin renders a form widget template for each
        row, a fifth of the list page's time."""
        # What format_html wrote, without its lazy strings (fifty rows a page): the
        # translated text as is, the row's name and key escaped.
        label = gettext("Select this object for an action - {}").format(escape(str(obj)))
        return mark_safe(
            f'<input type="checkbox" name="{helpers.ACTION_CHECKBOX_NAME}" '
            f'value="{escape(obj.pk)}" class="action-select" aria-label="{label}">'
        )

    # The admin's own display of a choices field flattens all 250 countries for each row
    # (most of the list page's time on 50 rows); the country knows its name directly.
    @admin.display(description=_("country"), ordering="country")
    def country_name(self, obj):
        return _country_name(obj.country.code, get_language())

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.conference.questions.exists():
            return fieldsets
        # The conference's own questions, after the needs (what the form asks there too).
        answers = (_("Answers to questions"), {"fields": ("answers",)})
        return (*fieldsets[:2], answers, *fieldsets[2:])

    @admin.display(description=_("answers"))
    def answers(self, obj):
        return answers_table(obj)

    @admin.display(description=_("email history"))
    def email_history(self, obj):
        return email_history_table(obj)

    @admin.display(description=_("delegation"), ordering="delegation__name")
    def delegation_badge(self, obj):
        if obj.delegation is None:
            return "–"
        return format_html(
            '<span class="badge text-bg-secondary" title="{}">{}</span>',
            obj.delegation.reference,
            obj.delegation.name,
        )

    @admin.display(description=_("delegation"))
    def delegation_members(self, obj):
        return delegation_members_html(obj)

    @admin.display(description=_("days"))
    def days_list(self, obj):
        return format_html_join(", ", "{}", ((str(day),) for day in obj.days.all())) or "–"

    def has_add_permission(self, request):
        return request.user.has_perm("registration.add_registration")

    def has_email_many_permission(self, request):
        return request.user.has_perm(actions.EMAIL_MANY_PERMISSION)

    def changelist_view(self, request, extra_context=None):
        context = {
            "can_export": request.user.has_perm(actions.EXPORT_PERMISSION),
            "can_email_many": self.has_email_many_permission(request),
        }
        return super().changelist_view(request, context | (extra_context or {}))

    def has_delete_permission(self, request, obj=None):
        # Registrations are cancelled, or erased on request; never deleted (counts stay).
        return False

    # History is shown, never reverted: a revert would bypass the booking rules.
    def revert_disabled(self, request, obj=None):
        return True

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_view(self, request, object_id, extra_context=None):
        if not str(object_id).isdigit():
            raise Http404  # simple_history would look a mistyped id up as a number
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        if not (str(object_id).isdigit() and str(version_id).isdigit()):
            raise Http404  # a mistyped address, not a version
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_formset(self, request, form, formset, change):
        if formset.model is not CallLog:
            return super().save_formset(request, form, formset, change)
        # The admin's change message lists formset.new_objects: the saved entries.
        formset.new_objects = [
            log_call(
                registration=form.instance,
                staff_user=request.user,
                channel=entry.channel,
                text=entry.text,
            )
            for entry in formset.save(commit=False)
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return actions.register_on_behalf_view(self, request)

    def get_urls(self):
        info = "registration"
        own = [
            ("export.<str:file_format>", actions.export_view, "export"),
            ("mass-email/", mass_email_view, "mass_email"),
            ("<int:pk>/booking/", actions.change_booking_view, "booking"),
            ("<int:pk>/answers/", change_answers_view, "answers"),
            ("<int:pk>/do/<slug:action>/", actions.status_action_view, "do"),
            ("<int:pk>/personal-data.json", actions.personal_data_view, "personal_data"),
            ("<int:pk>/erase/", actions.erase_view, "erase"),
            ("<int:pk>/certificate.pdf", actions.certificate_view, "certificate"),
        ]
        urls = [
            path(route, self.admin_site.admin_view(self._bind(view)), name=f"{info}_{name}")
            for route, view, name in own
        ]
        return urls + super().get_urls()

    def _bind(self, view):
        def bound(request, *args, **kwargs):
            return view(self, request, *args, **kwargs)

        return bound

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # get_object turns a malformed id (a mistyped URL) into None, and admin then
        # answers with its "does not exist" redirect instead of an error.
        registration = self.get_object(request, unquote(object_id))
        context = {"status_actions": actions.available_status_actions(request, registration)}
        return super().change_view(request, object_id, form_url, context | (extra_context or {}))


@functools.lru_cache(maxsize=1024)
def _country_name(code, language):
    """Looked up once per country and language (django-countries translates per call)."""
    return str(Country(code).name) if code else ""


def registration_url(name, *args):
    return reverse(f"hotline:registration_{name}", args=args)


class MassEmailRecipientInline(admin.TabularInline):
    """Per recipient: the state of their email in the outbox (waiting, sent, failed)."""

    model = MassEmailRecipient
    fields = ("registration", "language", "state", "sent_at", "last_error")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("registration", "email")

    @admin.display(description=_("language"))
    def language(self, obj):
        return obj.email.language

    @admin.display(description=_("state"))
    def state(self, obj):
        return obj.email.get_state_display()

    @admin.display(description=_("sent"))
    def sent_at(self, obj):
        return obj.email.sent_at

    @admin.display(description=_("last error"))
    def last_error(self, obj):
        return obj.email.last_error

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MassEmail, site=hotline_site)
class MassEmailAdmin(admin.ModelAdmin):
    """The log of mass emails: who sent what, when, to whom. Written only by the service."""

    list_display = ("subject_en", "sent_at", "sent_by", "is_test", "recipient_count")
    list_filter = ("is_test",)
    list_select_related = ("sent_by",)
    search_fields = ("subject_en", "subject_de")
    date_hierarchy = "sent_at"
    fields = (
        "subject_en",
        "body_en",
        "subject_de",
        "body_de",
        "sent_by",
        "sent_at",
        "is_test",
        "chosen_by",
    )
    readonly_fields = fields
    inlines = [MassEmailRecipientInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(recipients_count=Count("recipients"))

    @admin.display(description=_("recipients"), ordering="recipients_count")
    def recipient_count(self, obj):
        return obj.recipients_count

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(actions.EMAIL_MANY_PERMISSION)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
