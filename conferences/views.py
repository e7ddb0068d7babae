from django.shortcuts import get_object_or_404, render

from .models import Conference


def home(request):
    conference = Conference.objects.filter(is_published=True).order_by("start_date").last()
    return render(request, "conferences/home.html", {"conference": conference})


def conference_list(request):
    conferences = Conference.objects.filter(is_published=True)
    return render(request, "conferences/conference_list.html", {"conferences": conferences})


def conference_detail(request, slug):
    conference = get_object_or_404(Conference, slug=slug, is_published=True)
    return render(request, "conferences/conference_detail.html", {"conference": conference})
