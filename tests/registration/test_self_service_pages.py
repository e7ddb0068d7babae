"""The self-service pages as HTML: one manage page carries several forms, so ids must stay
unique and every field keeps its label; all of it works without JavaScript (plain forms
that POST, the ticket an inline SVG)."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from registration.services import offer_transfer
from tests.factories import make_conference, make_registration, make_session

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.label_for, self.fields, self.scripts = Counter(), set(), [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] += 1
        if tag == "label" and "for" in attrs:
            self.label_for.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in (
            "hidden",
            "submit",
        ):
            self.fields.append(attrs.get("id"))
        if tag == "script" and "src" not in attrs:
            self.scripts += 1


def parsed(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    page = _Page()
    page.feed(response.content.decode())
    return page


def test_manage_and_take_over_pages_have_unique_ids_and_labelled_fields(client):
    conference = make_conference()
    make_session(conference, title="Keynote")
    registration = make_registration(conference)
    transfer = offer_transfer(
        registration=make_registration(conference), first_name="K", last_name="K", email="k@x.org"
    )
    take_over = reverse("registration:take_over", args=[transfer.token])
    for path in (registration.get_manage_url(), take_over, "/de" + take_over):
        page = parsed(client, path)
        assert [i for i, n in page.ids.items() if n > 1] == [], path
        assert [f for f in page.fields if f not in page.label_for] == [], path
    manage = parsed(client, registration.get_manage_url())
    for form in ("details-form", "transfer-form", "agenda-form"):
        assert manage.ids[form] == 1
