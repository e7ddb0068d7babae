from django.urls import path

from . import views

app_name = "registration"

urlpatterns = [
    path("conferences/<slug:slug>/register-now/", views.register, name="register"),
    path("conferences/<slug:slug>/register-now/thanks/", views.submitted, name="submitted"),
    path("registration/<str:token>/", views.manage, name="manage"),
    path("registration/<str:token>/confirm/", views.confirm, name="confirm"),
    path("registration/<str:token>/cancel/", views.cancel, name="cancel"),
    path("registration/<str:token>/calendar.ics", views.calendar, name="calendar"),
]
