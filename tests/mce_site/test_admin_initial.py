"""An admin "add" page asked with a malformed initial value for a related field shows the
empty form (the value is dropped) instead of a server error; a valid value is kept."""

import pytest

from tests.factories import make_conference

pytestmark = pytest.mark.django_db

ADD_PAGES = [
    ("/admin/conferences/session/add/", "day"),
    ("/admin/conferences/session/add/", "topic"),
    ("/admin/press/presscontact/add/", "organisation"),
    ("/admin/press/pressrelease/add/", "translation_of"),
]


@pytest.mark.parametrize(("url", "field"), ADD_PAGES)
@pytest.mark.parametrize("value", ["2099-99-99", "x", "1,abc", "\u00e9"])
def test_a_malformed_initial_value_is_dropped(admin_client, url, field, value):
    response = admin_client.get(url, {field: value})
    assert response.status_code == 200
    assert field not in response.context["adminform"].form.initial


def test_a_valid_initial_value_is_kept(admin_client):
    day = make_conference().days.first()
    response = admin_client.get("/admin/conferences/session/add/", {"day": str(day.pk)})
    assert response.status_code == 200
    assert str(response.context["adminform"].form.initial["day"]) == str(day.pk)
