"""`make profile PROFILE_ARGS=--manage` finds a manage page to profile (its address holds a
token that only the attendee's email carries)."""

import pytest

from scripts.profile_page import manage_page, parse_args
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db


def test_manage_profiles_the_page_of_the_registration_named_or_a_confirmed_one():
    conference = make_conference()
    first = make_registration(conference)
    second = make_registration(conference)
    assert manage_page(second.booking_reference) == second.get_manage_url()
    assert parse_args(["--manage"]).page == first.get_manage_url()
    with pytest.raises(SystemExit):
        manage_page("NOPE-000")
