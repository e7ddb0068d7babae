"""Finding a registration while the caller waits."""

import pytest
from django.db import connection
from django.urls import reverse

from registration.hotline.queries import search_registrations, search_words
from registration.models import Registration
from tests.factories import make_registration

pytestmark = pytest.mark.django_db


def _found(term):
    return {r.booking_reference for r in search_registrations(Registration.objects.all(), term)}


@pytest.fixture
def people(conference):
    return {
        "mueller": make_registration(
            conference,
            booking_reference="TST-AAA111",
            first_name="Jürgen",
            last_name="Müller",
            email="j.mueller@leipzig.de",
            organisation="Stadt Leipzig",
            city="Leipzig",
            phone="+4934112345678",
        ),
        "schmidt": make_registration(
            conference,
            booking_reference="TST-BBB222",
            first_name="Anna",
            last_name="Schmidt",
            email="anna.schmidt@wien.gv.at",
            organisation="Magistrat der Stadt Wien",
            city="Wien",
        ),
    }


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("TST-BBB222", {"TST-BBB222"}),
        ("tst-bbb222", {"TST-BBB222"}),
        ("schmidt", {"TST-BBB222"}),
        ("anna.schmidt@", {"TST-BBB222"}),
        ("Magistrat", {"TST-BBB222"}),
        ("wien", {"TST-BBB222"}),
        ("Leipzig", {"TST-AAA111"}),
        ("Jürgen Müller", {"TST-AAA111"}),
        ("+49 341 1234", {"TST-AAA111"}),
        ("nobody-like-this", set()),
    ],
)
def test_search_finds_by_every_field_a_caller_may_say(people, term, expected):
    assert _found(term) == expected


def test_every_word_must_match(people):
    assert _found("Anna Leipzig") == set()


def test_a_phone_number_typed_with_spaces_is_one_word():
    assert search_words(" 0341 / 123 45 ") == ["034112345"]
    assert search_words("Anna  Schmidt") == ["Anna", "Schmidt"]
    assert search_words("   ") == []


def test_postgres_forgives_missing_accents_and_typos(people, on_postgres):
    assert _found("Muller") == {"TST-AAA111"}
    assert _found("jurgen muller") == {"TST-AAA111"}
    assert _found("Schmitd") == {"TST-BBB222"}


def test_percent_and_underscore_are_no_wildcards(people, on_postgres):
    assert _found("%") == set()
    assert _found("_") == set()


def test_changelist_search_box_uses_the_hotline_search(hotline_client, people):
    url = reverse("hotline:registration_registration_changelist")
    html = hotline_client.get(url, {"q": "schmidt"}).content.decode()
    assert "TST-BBB222" in html
    assert "TST-AAA111" not in html


def test_the_search_index_samples_three_times_the_default_statistics(on_postgres):
    """Hotline migration 0008: the planner's guess of a search's matches, and so its plan."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute"
            " WHERE attrelid = 'hotline_registration_search_trgm'::regclass AND attnum = 1"
        )
        assert cursor.fetchone() == (300,)
