from django.http import Http404


def register(request, slug):
    raise Http404


def submitted(request, slug):
    raise Http404


def manage(request, token):
    raise Http404


def confirm(request, token):
    raise Http404


def cancel(request, token):
    raise Http404


def calendar(request, token):
    raise Http404
