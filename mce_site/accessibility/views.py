from django.http import Http404
from django.shortcuts import render

from .models import AccessibilityStatement


def statement(request):
    statement = AccessibilityStatement.objects.first()
    if statement is None:
        raise Http404
    return render(request, "pages/accessibility.html", {"statement": statement})
