"""The conference's questions on the attendee's pages: the sign-up form (English and German,
labels, help texts and errors as screen readers need them), the manage page (answers change
with the details until changes close, read-only after) and a colleague's take-over."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from registration.models import Answer, Question, Registration
from registration.questions.services import save_answers
from registration.services import offer_transfer
from tests.factories import make_conference, make_question, make_registration

from .test_own_details import details, details_url

pytestmark = pytest.mark.django_db
Kind = Question.Kind


@pytest.fixture
def conference():
    return make_conference()


@pytest.fixture
def questions(conference):
    """One question of each kind; the outlet only for press, and required of them."""
    press = conference.participant_categories.get(code="press")
    return {
        "outlet": make_question(
            conference,
            label="Which media outlet do you write for?",
            label_de="Für welches Medium schreiben Sie?",
            required=True,
            categories=[press],
        ),
        "topics": make_question(
            conference,
            kind=Kind.SEVERAL_CHOICES,
            label="Which topics interest you most?",
            label_de="Welche Themen interessieren Sie am meisten?",
            help="We plan the rooms with it.",
            help_de="Danach planen wir die Räume.",
            choices=["City data", "Smart infrastructure"],
        ),
        "diet": make_question(
            conference,
            kind=Kind.ONE_CHOICE,
            label="Dinner menu",
            choices=["Meat", "Vegetarian"],
            required=True,
        ),
        "first_time": make_question(conference, kind=Kind.YES_NO, label="First MCE conference?"),
        "remarks": make_question(conference, kind=Kind.LONG_TEXT, label="Remarks"),
    }


def register_url(conference):
    return reverse("registration:register", kwargs={"slug": conference.slug})


def sign_up(conference, **extra):
    return {
        "first_name": "Zoë",
        "last_name": "Tester",
        "organisation": "City of Leipzig",
        "city": "Leipzig",
        "country": "DE",
        "email": "zoe@example.org",
        "category": conference.participant_categories.get(code="public-body").pk,
        "days": [conference.days.first().pk],
        "gala_dinner": "no",
        "privacy_consent": "on",
    } | extra


def test_the_form_asks_every_question_in_a_fieldset_of_its_own(client, conference, questions):
    page = client.get(register_url(conference)).content.decode()
    assert "<legend>A few more questions</legend>" in page
    for question in questions.values():
        assert question.label in page
    topics = questions["topics"].field_name
    # A group of choices is a fieldset whose legend is the question, described by its help.
    assert f'<fieldset aria-describedby="id_{topics}_helptext">' in page
    assert (
        f'<div id="id_{topics}_helptext" class="form-text">We plan the rooms with it.</div>' in page
    )
    remarks = questions["remarks"].field_name
    assert re.search(rf'<label for="id_{remarks}" class="form-label">Remarks</label>', page)
    assert f'<textarea name="{remarks}"' in page
    outlet = questions["outlet"].field_name
    assert "Only for: Press (required for them)." in page
    assert re.search(
        rf'<input type="text" name="{outlet}"[^>]*aria-describedby="id_{outlet}_helptext"', page
    )
    diet = questions["diet"].field_name
    required_legend = '<legend class="form-label requiredField fs-6">Dinner menu<span class'
    assert required_legend in page
    assert f'value="" id="id_{diet}_' not in page  # a required choice offers no "No answer"


def test_the_german_form_asks_in_german_and_falls_back_to_english(client, conference, questions):
    page = client.get("/de" + register_url(conference)).content.decode()
    assert "Welche Themen interessieren Sie am meisten?" in page
    assert "Danach planen wir die Räume." in page
    assert "Remarks" in page  # no German label given
    assert "<legend>Noch ein paar Fragen</legend>" in page
    assert "Nur für: Press (für sie verpflichtend)." in page
    assert ">Keine Angabe</label>" in page


def test_a_sign_up_stores_the_answers(client, conference, questions):
    topics = questions["topics"]
    vegetarian = questions["diet"].choices.get(label="Vegetarian")
    data = sign_up(
        conference,
        **{
            topics.field_name: [str(c.pk) for c in topics.choices.all()],
            questions["diet"].field_name: str(vegetarian.pk),
            questions["first_time"].field_name: "yes",
            questions["remarks"].field_name: "Arriving late\non Monday",
            questions["outlet"].field_name: "ignored: not press",
        },
    )
    response = client.post(register_url(conference), data)
    assert response.status_code == 302
    registration = Registration.objects.get()
    stored = {a.question_id: a.value for a in registration.answers.all()}
    assert stored == {
        topics.pk: [c.pk for c in topics.choices.all()],
        questions["diet"].pk: vegetarian.pk,
        questions["first_time"].pk: True,
        questions["remarks"].pk: "Arriving late\non Monday",
    }


def test_a_journalist_without_the_outlet_is_asked_for_it_in_the_error_summary(
    client, conference, questions
):
    press = conference.participant_categories.get(code="press")
    vegetarian = questions["diet"].choices.get(label="Vegetarian")
    data = sign_up(
        conference, category=press.pk, **{questions["diet"].field_name: str(vegetarian.pk)}
    )
    response = client.post(register_url(conference), data)
    assert response.status_code == 200
    page = response.content.decode()
    outlet = questions["outlet"].field_name
    summary_link = f'<a href="#id_{outlet}">Which media outlet do you write for?: Please answer'
    assert summary_link in page
    assert re.search(rf'name="{outlet}"[^>]*aria-invalid="true"', page)
    assert re.search(rf'aria-describedby="id_{outlet}_helptext id_{outlet}_error"', page)
    assert not Registration.objects.exists()
    data[outlet] = "Leipziger Volkszeitung"
    assert client.post(register_url(conference), data).status_code == 302
    assert Answer.objects.get(question=questions["outlet"]).value == "Leipziger Volkszeitung"


def test_an_unanswered_required_choice_links_to_its_first_option(client, conference, questions):
    page = client.post(register_url(conference), sign_up(conference)).content.decode()
    diet = questions["diet"].field_name
    assert f'<a href="#id_{diet}_0">Dinner menu: Please answer this question.</a>' in page


@pytest.fixture
def answered(conference, questions):
    registration = make_registration(conference)
    save_answers(
        registration=registration,
        answers={questions["remarks"]: "Old remark", questions["first_time"]: True},
    )
    return registration


def test_the_manage_page_asks_the_questions_of_the_registrants_category_with_the_answers(
    client, answered, questions
):
    page = client.get(answered.get_manage_url()).content.decode()
    details_form = page[page.index('id="details-form"') :]
    assert "Which media outlet" not in details_form  # not asked of this category
    assert "Only for:" not in details_form
    assert "Old remark</textarea>" in details_form
    first_time = questions["first_time"].field_name
    assert re.search(rf'name="{first_time}" value="yes"[^>]*checked', details_form)


def test_answers_change_with_the_details_until_changes_close(client, answered, questions):
    vegetarian = questions["diet"].choices.get(label="Vegetarian")
    data = details(
        answered,
        **{
            questions["remarks"].field_name: "",
            questions["first_time"].field_name: "no",
            questions["diet"].field_name: str(vegetarian.pk),
        },
    )
    response = client.post(details_url(answered), data)
    assert response.status_code == 302
    stored = {a.question_id: a.value for a in answered.answers.all()}
    assert stored == {questions["first_time"].pk: False, questions["diet"].pk: vegetarian.pk}


def test_a_required_question_left_empty_on_the_manage_page_is_asked_for(
    client, answered, questions
):
    response = client.post(details_url(answered), details(answered))
    assert response.status_code == 200
    assert "Dinner menu: Please answer this question." in response.content.decode()
    assert answered.answers.count() == 2


def test_after_the_deadline_the_answers_are_read_only(client, answered, questions):
    conference = answered.conference
    conference.changes_close_at = timezone.now() - datetime.timedelta(minutes=1)
    conference.save()
    page = client.get(answered.get_manage_url()).content.decode()
    assert 'id="details-form"' not in page
    assert '<h2 class="h5" id="answers-heading">Your answers</h2>' in page
    assert "<dt>Remarks</dt><dd>Old remark</dd>" in page
    assert "<dt>First MCE conference?</dt><dd>yes</dd>" in page
    data = details(answered, **{questions["remarks"].field_name: "Too late"})
    response = client.post(details_url(answered), data, follow=True)
    assert "Our hotline can still change it." in response.content.decode()
    assert Answer.objects.get(question=questions["remarks"]).value == "Old remark"


def test_a_colleague_taking_a_place_over_answers_the_questions_anew(client, answered, questions):
    transfer = offer_transfer(
        registration=answered, first_name="Karl", last_name="Kollege", email="karl@example.org"
    )
    url = reverse("registration:take_over", args=[transfer.token])
    page = client.get(url).content.decode()
    assert "Dinner menu" in page and "Only for: Press (required for them)." in page
    meat = questions["diet"].choices.get(label="Meat")
    data = {
        "first_name": "Karl",
        "last_name": "Kollege",
        "organisation": "Stadt Wien",
        "city": "Wien",
        "country": "AT",
        "category": answered.category.pk,
        "privacy_consent": "on",
        questions["diet"].field_name: str(meat.pk),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    successor = Registration.objects.get(email="karl@example.org")
    assert {a.question_id: a.value for a in successor.answers.all()} == {
        questions["diet"].pk: meat.pk
    }
    assert answered.answers.count() == 2  # the first person's stay theirs


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("closed", [False, True])
def test_the_manage_page_reads_the_questions_in_a_fixed_number_of_queries(
    client, conference, closed
):
    if closed:  # read-only: the answers listed instead of the form
        conference.changes_close_at = timezone.now() - datetime.timedelta(minutes=1)
        conference.save()
    registration = make_registration(conference)
    url = registration.get_manage_url()

    def ask(count):
        for _ in range(count):
            question = make_question(conference, kind=Kind.ONE_CHOICE, choices=["A", "B"])
            save_answers(registration=registration, answers={question: question.choices.first().pk})

    ask(1)
    client.get(url)
    one = _queries(client, url)
    ask(9)
    assert _queries(client, url) == one
