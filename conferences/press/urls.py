from django.urls import path
from django.views.generic import TemplateView

app_name = "press"

urlpatterns = [
    path("news/", TemplateView.as_view(template_name="press/news_list.html"), name="news"),
]
