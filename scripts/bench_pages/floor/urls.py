import datetime

from django.shortcuts import render
from django.urls import path

ROWS = [
    {
        "time": datetime.time(9 + n // 4, (n % 4) * 15),
        "title": f"Session {n}: how cities share their software",
        "room": f"Room {n % 4 + 1}",
        "speaker": f"Speaker {n}",
    }
    for n in range(24)
]


def floor(request):
    return render(request, "floor.html", {"title": "A plain Django page", "rows": ROWS})


urlpatterns = [path("", floor, name="floor"), path("healthz", floor)]
