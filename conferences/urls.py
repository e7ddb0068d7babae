from django.urls import path

from . import views

app_name = "conferences"

urlpatterns = [
    path("", views.home, name="home"),
    path("conferences/", views.conference_list, name="list"),
    path("conferences/<slug:slug>/", views.conference_detail, name="detail"),
    path("conferences/<slug:slug>/programme/", views.programme, name="programme"),
    path("conferences/<slug:slug>/programme.ics", views.programme_ics, name="programme_ics"),
    path(
        "conferences/<slug:slug>/programme/<slug:session_slug>/",
        views.session_detail,
        name="session",
    ),
    path(
        "conferences/<slug:slug>/programme/<slug:session_slug>.ics",
        views.session_ics,
        name="session_ics",
    ),
    path("conferences/<slug:slug>/topics/<slug:topic_slug>/", views.topic_detail, name="topic"),
    path("conferences/<slug:slug>/world-cafe/", views.world_cafe, name="world_cafe"),
    path("conferences/<slug:slug>/venue/", views.venue, name="venue"),
    path("speakers/<slug:speaker_slug>/", views.speaker_detail, name="speaker"),
]
