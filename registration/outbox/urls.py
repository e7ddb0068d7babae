from django.urls import path

from . import views

urlpatterns = [
    path("monitoring/email", views.email_monitor, name="email_monitor"),
]
