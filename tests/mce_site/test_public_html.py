"""The public pages are valid HTML by the Nu Html Checker, in English and German: the event
page, programme, session and speaker pages, the registration form (empty and with errors),
the personal pages (manage page with every self-service form, also read-only after the
deadline, a colleague's take-over page, the new-address page, the lost-link page) and the
accessibility statement; the conference asks one question of each kind."""

import pytest
from django.urls import reverse
from django.utils import translation

from registration.models import Delegation
from registration.self_service.models import EmailChange
from registration.services import offer_transfer, request_email_change
from tests.factories import make_registration
from tests.registration.test_delegation_pages import delegation_url
from tests.registration.test_delegation_pages import form_data as delegation_data

from .test_back_office_html import nu_errors

pytestmark = [pytest.mark.validator, pytest.mark.django_db]


def _public_paths(conference):
    registration = make_registration(conference)
    giver = make_registration(conference)
    request_email_change(registration=registration, new_email="neu@example.org")
    transfer = offer_transfer(registration=giver, first_name="K", last_name="K", email="k@x.org")
    session = conference.sessions.filter(is_published=True).first()
    speaker = session.appearances.first().speaker
    return [
        conference.get_absolute_url(),
        reverse("conferences:programme", kwargs={"slug": conference.slug}),
        session.get_absolute_url(),
        speaker.get_absolute_url(),
        reverse("registration:register", kwargs={"slug": conference.slug}),
        registration.get_manage_url(),
        reverse("registration:take_over", args=[transfer.token]),
        reverse("registration:confirm_email", args=[EmailChange.objects.get().token]),
        reverse("registration:lost_link"),
        "/accessibility/",
        delegation_url(conference),
    ]


def test_public_pages_are_valid_html_in_both_languages(client, back_office_data, vnu_jar, tmp_path):
    conference = back_office_data
    paths = _public_paths(conference)
    pages = {}
    for path in (*paths, *("/de" + path for path in paths)):
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content
    translation.activate("en")  # the German pages left German active in this thread
    register = reverse("registration:register", kwargs={"slug": conference.slug})
    for prefix in ("", "/de"):  # the questions' errors too (a required choice left empty)
        with_errors = client.post(prefix + register, {"email": "not an address", "days": ["x"]})
        assert with_errors.status_code == 200
        assert with_errors.content.count(b"invalid-feedback") > 3
        pages[f"registration form with errors {prefix}"] = with_errors.content
    # After the deadline: the answers read-only on the manage page.
    translation.activate("en")
    answered = conference.registrations.filter(answers__isnull=False).distinct().get()
    conference.changes_close_at = conference.registration_opens_at
    conference.save()
    for prefix in ("", "/de"):
        response = client.get(prefix + answered.get_manage_url())
        assert b'id="answers-heading"' in response.content
        pages[f"read-only manage page {prefix}"] = response.content
    pages.update(_delegation_pages(client, conference))
    assert nu_errors(vnu_jar, pages, tmp_path) == {}


def _delegation_pages(client, conference):
    """The delegation form with errors and with a block added, the thanks page and the
    lead's manage page with "Your delegation", in English and German."""
    pages = {}
    for language in ("en", "de"):
        url = delegation_url(conference, language)
        bad = delegation_data(conference, people=2) | {"person-1-email": "x", "country": ""}
        pages[f"delegation form with errors ({language})"] = client.post(url, bad).content
        more = delegation_data(conference, people=2) | {"add_person": "1"}
        pages[f"delegation form with a block added ({language})"] = client.post(url, more).content
        good = delegation_data(conference, people=2, submission_key=language) | {
            f"person-{n}-email": f"{language}-member{n}@example.org" for n in range(2)
        }
        thanks = client.post(url, good)
        assert thanks.status_code == 302, language
        pages[f"delegation thanks ({language})"] = client.get(thanks["Location"]).content
        lead = Delegation.objects.get(lead__language=language).lead
        with translation.override(language):
            manage = client.get(lead.get_manage_url())
        assert b'id="delegation"' in manage.content
        pages[f"lead's manage page ({language})"] = manage.content
    return pages
