from django.urls import path

from . import views

app_name = "conferences"

urlpatterns = [
    path("", views.home, name="home"),
    path("conferences/", views.conference_list, name="list"),
    path("conferences/<slug:slug>/", views.conference_detail, name="detail"),
]
