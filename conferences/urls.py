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
        "conferences/<slug:slug>/programme.json", views.programme_json_view, name="programme_json"
    ),
    path("conferences/<slug:slug>/programme.pdf", views.programme_pdf, name="programme_pdf"),
    path("conferences/<slug:slug>/schedule.xml", views.frab_xml, name="frab_xml"),
    path("conferences/<slug:slug>/schedule.json", views.frab_json, name="frab_json"),
    path("conferences/<slug:slug>/schedule.xcs", views.xcal_view, name="xcal"),
    # Not under programme/, whose next segment is a session's slug.
    path("conferences/<slug:slug>/changes/", views.changes, name="changes"),
    path("conferences/<slug:slug>/changes/feed/", views.changes_feed, name="changes_feed"),
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
    path(
        "conferences/<slug:slug>/programme/<slug:session_slug>/materials/<int:pk>/",
        views.material_download,
        name="material",
    ),
    path("conferences/<slug:slug>/topics/<slug:topic_slug>/", views.topic_detail, name="topic"),
    path("conferences/<slug:slug>/world-cafe/", views.world_cafe, name="world_cafe"),
    path("conferences/<slug:slug>/venue/", views.venue, name="venue"),
    path("speakers/<slug:speaker_slug>/", views.speaker_detail, name="speaker"),
]
