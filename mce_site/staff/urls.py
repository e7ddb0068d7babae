from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path("staff/second-factor/", views.second_factor, name="second_factor"),
    path("staff/second-factor/backup-codes/", views.backup_codes, name="backup_codes"),
]
