from django.urls import path

from .sites import hotline_site

urlpatterns = [
    path("operations/", hotline_site.urls),
]
