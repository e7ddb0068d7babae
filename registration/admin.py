"""Main admin: participant categories per conference (the eligibility rules as data), and
the press officer's accreditation of journalists. Registrations themselves are managed in
the hotline's back office (/operations/)."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from conferences.caching import ClearsPublicPagesOnSaveMixin

from .models import ParticipantCategory, PressAccreditation
from .press_forms import AccreditationDecisionForm
from .services import RegistrationError


@admin.register(ParticipantCategory)
class ParticipantCategoryAdmin(ClearsPublicPagesOnSaveMixin, TranslationAdmin):
    # The forms keep the categories with the public pages (registration/form_rows.py).
    list_display = ("name", "conference", "code", "may_attend_reserved_days", "is_press", "order")
    list_editable = ("order",)
    list_filter = ("conference", "may_attend_reserved_days", "is_press")
    search_fields = ("name_en", "name_de", "code", "conference__title_en")
    prepopulated_fields = {"code": ("name_en",)}
    list_select_related = ("conference",)
    fieldsets = (
        (None, {"fields": ("conference", "name", "code", "description", "order")}),
        (_("Who may attend what"), {"fields": ("may_attend_reserved_days", "is_press")}),
    )


@admin.register(PressAccreditation)
class PressAccreditationAdmin(admin.ModelAdmin):
    """The press officer's list of journalists: those waiting for accreditation, and with the
    "Accredited" filter the press list. Opening one shows the decision form."""

    list_display = (
        "last_name",
        "first_name",
        "organisation",
        "country",
        "conference",
        "status",
        "press_accreditation",
        "accreditation_decided_at",
    )
    change_list_template = "registration/admin/press_accreditation_list.html"
    list_filter = ("conference", "press_accreditation", "status")
    search_fields = ("last_name", "first_name", "organisation", "booking_reference")
    list_select_related = ("conference",)
    actions = None

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        registration = self.get_object(request, unquote(object_id))
        # Permission before existence, as admin's own change view does.
        if not self.has_view_or_change_permission(request, registration):
            raise PermissionDenied
        if registration is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return decide_accreditation_view(self, request, registration)


def decide_accreditation_view(model_admin, request, registration):
    """GET shows the journalist and the form; POST approves or declines (the service emails)."""
    may_decide = model_admin.has_change_permission(request, registration)
    form = AccreditationDecisionForm(request.POST or None)
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                form.decide(registration=registration, by=request.user)
            except RegistrationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Decided; the registrant was emailed."))
                return HttpResponseRedirect(
                    reverse("admin:registration_pressaccreditation_changelist")
                )
    context = model_admin.admin_site.each_context(request) | {
        "title": _("Press accreditation of %(name)s") % {"name": registration.full_name},
        "registration": registration,
        "form": form if may_decide else None,
        "opts": model_admin.opts,
    }
    return TemplateResponse(request, "registration/admin/accreditation_decide.html", context)


# The conferences' custom questions (registration/questions/admin.py registers them).
from .questions import admin as _questions_admin  # noqa: E402, F401
