from django.urls import path

from . import views
from .caching import press_page_cache
from .feeds import NewsFeed, PressReleaseFeed

app_name = "press"

release_feed = press_page_cache(PressReleaseFeed())
news_feed = press_page_cache(NewsFeed())

urlpatterns = [
    path("news/", views.news_list, name="news"),
    path("news/feed/", news_feed, name="news_feed"),
    path("press/", views.release_list, name="releases"),
    path("press/feed/", release_feed, name="releases_feed"),
    path("press/releases/<slug:slug>/", views.release_detail, name="release"),
    path("conferences/<slug:slug>/press/", views.conference_press, name="conference_press"),
    path("conferences/<slug:slug>/press/feed/", release_feed, name="conference_releases_feed"),
    path("conferences/<slug:slug>/news/feed/", news_feed, name="conference_news_feed"),
    path(
        "conferences/<slug:slug>/press/kit/<int:pk>/",
        views.kit_download,
        name="kit_download",
    ),
    path(
        "conferences/<slug:slug>/press/kit/<int:pk>/preview/",
        views.kit_preview,
        name="kit_preview",
    ),
]
