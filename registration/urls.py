from django.urls import path

from . import views

app_name = "registration"

urlpatterns = [
    path("conferences/<slug:slug>/register-now/", views.register, name="register"),
    path("registration/<str:token>/", views.manage, name="manage"),
]
