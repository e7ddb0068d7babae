"""Superusers reset the second factor of an account whose device is lost (logged)."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .second_factor import reset_second_factor
from .valid_html import PasswordSummaryWidget, ValidHtmlAdminMixin

User = get_user_model()


@admin.action(description=_("Reset the second factor (lost device)"), permissions=["reset"])
def reset_second_factor_action(model_admin, request, queryset):
    for user in queryset:
        reset_second_factor(user=user, by=request.user)
    model_admin.message_user(
        request,
        _("%(count)s accounts set up a new second factor at their next sign-in.")
        % {"count": len(queryset)},
        messages.SUCCESS,
    )


class StaffUserChangeForm(UserChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password" in self.fields:
            self.fields["password"].widget = PasswordSummaryWidget()


class StaffUserAdmin(UserAdmin):
    form = StaffUserChangeForm
    actions = [reset_second_factor_action]

    def has_reset_permission(self, request):
        return request.user.is_superuser


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


class StaffTOTPDeviceAdmin(ValidHtmlAdminMixin, TOTPDeviceAdmin):
    """django-otp's admin; its random key default is a callable (see valid_html)."""


admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, StaffTOTPDeviceAdmin)
