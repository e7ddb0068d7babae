"""The error pages never fail themselves, whatever the request that led to them carries."""

import pytest
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.urls import get_resolver

pytestmark = pytest.mark.django_db

CHARSETS = ["utf-16", "utf-7", "cp500", "no-such-charset", "utf-8"]
EXCEPTIONS = {400: BadRequest("bad"), 403: PermissionDenied(), 404: Http404()}


def malformed_requests():
    factory = RequestFactory()
    for charset in CHARSETS:
        for content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            request = factory.generic(
                "POST",
                "/de/registration/%FF%00/?q=%00&q=%ff",
                b"a=%ff%00&\xff\xfe\xd8\x00=\x00",
                content_type=f"{content_type}; charset={charset}",
                HTTP_ACCEPT_LANGUAGE="\xff;q=x",
                HTTP_COOKIE="sessionid=\xff; csrftoken=",
            )
            yield request


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_handlers_answer_malformed_requests(status):
    handler = get_resolver().resolve_error_handler(status)
    for request in malformed_requests():
        arguments = (request,) if status == 500 else (request, EXCEPTIONS[status])
        response = handler(*arguments)
        assert response.status_code == status


@pytest.mark.parametrize("path", ["/registration/%00/", "/registration/abc%00def/calendar.ics"])
def test_nul_characters_in_a_path_get_400_before_any_view(client, path):
    assert client.get(path).status_code == 400


def test_nul_characters_in_query_parameters_are_dropped(admin_client):
    for url in ("/conferences/?q=%00", "/operations/registration/registration/?q=a%00"):
        assert admin_client.get(url).status_code == 200
