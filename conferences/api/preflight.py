"""Browsers ask before a cross-origin request with headers of its own (OPTIONS, a CORS
preflight). The API has GET operations only, so the answer comes from here, for the API's
path alone."""

from django.http import HttpResponse

from ..open_data.http import add_cors_headers

API_PREFIX = "/api/"


class ApiPreflightMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "OPTIONS" and request.path.startswith(API_PREFIX):
            return add_cors_headers(HttpResponse(status=204))
        return self.get_response(request)
