"""No request makes the site answer 5xx or raise: every URL pattern, enumerated from the URL
resolver at run time (pages added later are covered without editing this file), gets random
path parameters, query strings, methods, headers, charsets and bodies, as a visitor and as a
superuser; the email webhook gets random JSON and non-JSON. Examples per pattern: the
hypothesis profile (tests/conftest.py)."""

import base64

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import get_resolver, reverse
from hypothesis import given
from hypothesis import strategies as st

from registration.models import Registration
from registration.services import register_delegation
from tests.factories import (
    answer_example_questions,
    make_conference,
    make_example_questions,
    make_registration,
    make_session,
    make_speaker,
)
from tests.press.factories import make_news, make_release

from .strategies import METHODS, bodies, headers, json_values, paths, query_strings, url_patterns

pytestmark = pytest.mark.django_db

PATTERNS = sorted(url_patterns(get_resolver()), key=lambda item: "".join(map(str, item[0])))


def _pattern_id(item):
    return "".join(str(p) for p in item[0]) or "/"


@pytest.fixture
def site(django_user_model):
    """A conference with a programme, questions, registrations and press, and a superuser."""
    conference = make_conference()
    make_example_questions(conference)  # the forms ask one question of each kind
    speaker = make_speaker()
    session = make_session(conference, speakers=[speaker])
    pending = make_registration(conference, status=Registration.Status.PENDING)
    confirmed = answer_example_questions(make_registration(conference))
    release = make_release(conference)
    make_news()
    superuser = django_user_model.objects.create_superuser("root", password="pw")
    lead = _delegation(conference).lead
    ids = [conference.pk, confirmed.pk, 1]
    real_values = {
        "slug": [conference.slug, release.slug],
        "session_slug": [session.slug],
        "speaker_slug": [speaker.slug],
        "token": [
            pending.manage_token,
            confirmed.manage_token,
            pending.confirm_token,
            confirmed.confirm_token,
            lead.manage_token,
        ],
        "conference_id": ids,
        "pk": ids,
        "object_id": ids,
        "id": ids,
        "file_format": ["csv", "xlsx"],
        "action": ["cancel", "promote", "send-manage-link", "renew-manage-link"],
    }
    return {"real_values": real_values, "superuser": superuser}


def _delegation(conference):
    """A delegation of two, so the lead's manage page (with "Your delegation") is fuzzed."""
    people = [
        {"first_name": "D", "last_name": str(n), "email": f"delegate{n}@example.org"}
        for n in range(2)
    ]
    shared = {
        "organisation": "Stadt",
        "city": "Graz",
        "country": "AT",
        "category": conference.participant_categories.first(),
        "privacy_consent": True,
    }
    people = [person | {"days": list(conference.days.all()[:1])} for person in people]
    return register_delegation(
        conference=conference, name="Stadt", shared=shared, people=people, language="en"
    )


def _request(client, method, path, query, body, content_type, extra):
    url = f"{path}?{query}" if query else path
    return client.generic(method, url, data=body, content_type=content_type, **extra)


@pytest.mark.parametrize("item", PATTERNS, ids=_pattern_id)
def test_no_request_to_any_url_pattern_gets_a_server_error(site, item):
    chain, _pattern = item

    @given(
        path=paths(chain, site["real_values"]),
        method=st.sampled_from(METHODS),
        query=query_strings,
        body=bodies(),
        extra=headers,
        as_superuser=st.booleans(),
    )
    def check(path, method, query, body, extra, as_superuser):
        cache.clear()  # rate limits and stored pages from earlier examples
        client = Client()
        if as_superuser:
            client.force_login(site["superuser"])
        response = _request(client, method, path, query, *body, extra)
        if path.startswith("/monitoring/email") and response.status_code == 503:
            # Its 503 is the report (no worker heartbeat in the test), not a failure.
            assert response["Content-Type"] == "application/json"
            return
        assert response.status_code < 500, (method, path, query, response.status_code)

    check()


def _auth(secret="hook:s3cret-long-enough"):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


@given(
    payload=json_values,
    raw=st.binary(max_size=200),
    as_json=st.booleans(),
    authenticated=st.booleans(),
)
def test_the_webhook_answers_any_payload_without_a_server_error(
    client, payload, raw, as_json, authenticated
):
    import json

    body = json.dumps(payload).encode() if as_json else raw
    extra = _auth() if authenticated else {}
    response = client.post(
        reverse("email_tracking_webhook"), body, content_type="application/json", **extra
    )
    assert response.status_code in (200, 400, 403)


@given(
    record=st.fixed_dictionaries(
        {
            "RecordType": st.sampled_from(["Bounce", "Delivery", "Open", "Click", "x"]),
            "Type": st.sampled_from(["HardBounce", "Transient", "x", None]),
            "MessageID": json_values,
            "Email": json_values,
            "Recipient": json_values,
            "Metadata": json_values,
            "BouncedAt": json_values,
            "DeliveredAt": json_values,
            "Description": json_values,
            "Details": json_values,
        }
    )
)
def test_the_webhook_answers_odd_provider_events_without_a_server_error(client, record):
    import json

    response = client.post(
        reverse("email_tracking_webhook"),
        json.dumps(record).encode(),
        content_type="application/json",
        **_auth(),
    )
    assert response.status_code in (200, 400)


def test_every_url_pattern_is_in_the_suite():
    assert len(PATTERNS) > 150
    names = {pattern.name for _chain, pattern in PATTERNS}
    assert {"manage", "register", "email_tracking_webhook", "dashboard", "index"} <= names
    assert {"register_delegation", "delegation_submitted"} <= names
