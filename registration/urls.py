from django.urls import path

from . import views
from .delegations import views as delegations
from .self_service import views as self_service

app_name = "registration"

urlpatterns = [
    path("conferences/<slug:slug>/register-now/", views.register, name="register"),
    path("conferences/<slug:slug>/register-now/thanks/", views.submitted, name="submitted"),
    path(
        "conferences/<slug:slug>/register-delegation/",
        delegations.register_delegation,
        name="register_delegation",
    ),
    path(
        "conferences/<slug:slug>/register-delegation/thanks/",
        delegations.delegation_submitted,
        name="delegation_submitted",
    ),
    # Before the personal links: "lost-link" is never a token.
    path("registration/lost-link/", views.lost_link, name="lost_link"),
    path("registration/lost-link/sent/", views.lost_link_sent, name="lost_link_sent"),
    path("registration/<str:token>/", views.manage, name="manage"),
    path("registration/<str:token>/new-link/", views.renew_link, name="renew_link"),
    path("registration/<str:token>/confirm/", views.confirm, name="confirm"),
    path("registration/<str:token>/cancel/", views.cancel, name="cancel"),
    path(
        "registration/<str:token>/waiting-lists/<int:item_id>/leave/",
        views.leave_waiting_list,
        name="leave_waiting_list",
    ),
    path("registration/offers/<str:offer_token>/", views.accept_offer, name="accept_offer"),
    path("registration/<str:token>/calendar.ics", views.calendar, name="calendar"),
    path("registration/<str:token>/details/", self_service.change_details, name="details"),
    path("registration/<str:token>/agenda/", self_service.change_agenda, name="agenda"),
    path(
        "registration/<str:token>/certificate.pdf",
        self_service.certificate,
        name="certificate",
    ),
    path(
        "registration/<str:token>/invitation-letter/",
        self_service.invitation_letter,
        name="invitation_letter",
    ),
    path(
        "registration/<str:token>/invitation-letter.pdf",
        self_service.invitation_letter_pdf,
        name="invitation_letter_pdf",
    ),
    path("registration/<str:token>/pass-on/", self_service.pass_on, name="pass_on"),
    path("registration/take-over/<str:token>/", self_service.take_over, name="take_over"),
    path(
        "registration/new-address/<str:token>/",
        self_service.confirm_email,
        name="confirm_email",
    ),
]
