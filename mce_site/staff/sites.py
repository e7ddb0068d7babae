"""What both admin sites (/admin/ and the hotline's /operations/) share: sign-in with a
second factor, and delete confirmations that never list personal data to staff who may not
see it."""

from django.contrib import admin
from django.shortcuts import redirect

from .deletion import PersonalDataSafeDeletion
from .forms import StaffLoginForm
from .second_factor import needs_enrolment, second_factor_satisfied


class StaffSiteMixin:
    login_form = StaffLoginForm
    login_template = "staff/login.html"

    def has_permission(self, request):
        return super().has_permission(request) and second_factor_satisfied(request.user)

    def login(self, request, extra_context=None):
        if request.method == "GET" and needs_enrolment(request.user):
            return redirect("staff:second_factor")
        return super().login(request, extra_context)

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every ModelAdmin of the site, also those other apps add later, gets the safe
        # delete confirmation (see deletion.py).
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, PersonalDataSafeDeletion):
            admin_class = type(admin_class.__name__, (PersonalDataSafeDeletion, admin_class), {})
        return super().register(model_or_iterable, admin_class, **options)


class StaffAdminSite(StaffSiteMixin, admin.AdminSite):
    """The organisers' /admin/."""
