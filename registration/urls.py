from django.urls import path

from . import views

app_name = "registration"

urlpatterns = [
    path("conferences/<slug:slug>/register-now/", views.register, name="register"),
    path("conferences/<slug:slug>/register-now/thanks/", views.submitted, name="submitted"),
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
]
