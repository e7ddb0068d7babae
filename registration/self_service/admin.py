"""Organisers' admin: how many people plan to attend each session (the personal agendas),
beside the room's capacity, so a session can move to a bigger room in time. Read-only:
the programme itself is edited under Conferences › Sessions.

Back office: invitation letter requests, for hotline leads only (passport data), who
approve them; approving emails the letter."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from registration.hotline.sites import hotline_site
from registration.services import approve_invitation_letter

from .models import InvitationLetter, SessionInterest
from .queries import with_interest


@admin.register(SessionInterest)
class SessionInterestAdmin(admin.ModelAdmin):
    list_display = ("title", "starts_at", "room", "room_capacity", "interested", "fits")
    list_filter = ("conference", ("day", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("conference", "day", "room")
    search_fields = ("title_en", "title_de")
    ordering = ("conference", "starts_at", "room__name")
    fields = ("conference", "day", "title", "starts_at", "ends_at", "room")

    def get_queryset(self, request):
        return with_interest(super().get_queryset(request))

    @admin.display(description=_("interested"), ordering="interested")
    def interested(self, session):
        return session.interested

    @admin.display(description=_("room capacity"), ordering="room__capacity")
    def room_capacity(self, session):
        return session.room.capacity if session.room_id and session.room.capacity else "–"

    @admin.display(description=_("fits the room"))
    def fits(self, session):
        """In words, not colour alone: "no" stands out for a session to move."""
        capacity = session.room.capacity if session.room_id else None
        if capacity is None:
            return "–"
        if session.interested > capacity:
            return format_html("<strong>{}</strong>", _("no: more interested than seats"))
        return _("yes")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(description=_("Approve and email the letters"), permissions=["approve"])
def approve_letters(model_admin, request, queryset):
    for letter in queryset.filter(state=InvitationLetter.State.REQUESTED):
        approve_invitation_letter(letter=letter, by=request.user)
    model_admin.message_user(
        request, _("The approved letters are being emailed."), messages.SUCCESS
    )


@admin.register(InvitationLetter, site=hotline_site)
class InvitationLetterAdmin(admin.ModelAdmin):
    list_display = ("booking_reference", "passport_name", "nationality", "arrival", "state")
    list_filter = ("state", "registration__conference")
    list_select_related = ("registration",)
    search_fields = ("passport_name", "registration__booking_reference")
    actions = [approve_letters]
    readonly_fields = (
        "registration",
        "passport_name",
        "nationality",
        "passport_number",
        "arrival",
        "departure",
        "state",
        "requested_at",
        "approved_at",
        "approved_by",
    )

    @admin.display(description=_("booking reference"), ordering="registration__booking_reference")
    def booking_reference(self, letter):
        return letter.registration.booking_reference

    def has_approve_permission(self, request):
        return request.user.has_perm("self_service.approve_invitationletter")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
