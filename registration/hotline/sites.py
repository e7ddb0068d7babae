"""The hotline's own admin site at /operations/.

A separate AdminSite rather than the organisers' /admin/: personal data of registrants is
only reachable here, and only for staff with `hotline.use_back_office` (the "Hotline"
group), so giving an organiser the programme admin never shows them a registrant. The one
exception is narrow: journalists in a press category, shown in /admin/ only to staff with the
press accreditation permissions (the "Press officer" role, registration/admin.py)."""

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from conferences.models import Conference
from mce_site.staff.sites import StaffSiteMixin


class HotlineAdminSite(StaffSiteMixin, admin.AdminSite):
    site_header = _("MCE hotline back office")
    site_title = _("Hotline back office")
    index_title = _("Conferences")
    index_template = "hotline/index.html"
    enable_nav_sidebar = False

    def has_permission(self, request):
        # StaffSiteMixin adds the second factor where it is required.
        return super().has_permission(request) and request.user.has_perm("hotline.use_back_office")

    def get_urls(self):
        from . import views

        conference_urls = [
            ("dashboard/", views.dashboard, "dashboard"),
            ("check-in/", views.check_in_desk, "check_in"),
            ("check-in-list/", views.check_in_list, "check_in_list"),
            ("participants.<str:file_format>", views.participants_list, "participants"),
        ]
        urls = [
            path(f"conference/<int:conference_id>/{route}", self.admin_view(view), name=name)
            for route, view, name in conference_urls
        ]
        return urls + super().get_urls()

    def index(self, request, extra_context=None):
        conferences = Conference.objects.select_related("series").order_by("-start_date")
        return super().index(request, {"conferences": conferences} | (extra_context or {}))


hotline_site = HotlineAdminSite(name="hotline")
