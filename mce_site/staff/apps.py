from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff accounts: sign-in with a second factor, session limits, lost-device resets."""

    default = True
    name = "mce_site.staff"
    label = "staff"
    verbose_name = _("Staff accounts")

    def ready(self):
        from . import middleware  # noqa: F401  (starts the session clock at sign-in)


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, whose default site (/admin/) is our StaffAdminSite."""

    default = False
    default_site = "mce_site.staff.sites.StaffAdminSite"
