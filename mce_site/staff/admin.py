"""Superusers reset the second factor of an account whose device is lost (logged)."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .second_factor import reset_second_factor

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


class StaffUserAdmin(UserAdmin):
    actions = [reset_second_factor_action]

    def has_reset_permission(self, request):
        return request.user.is_superuser


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
