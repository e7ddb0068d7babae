"""Organisers define the questions in /admin/; the hotline may only look at them; other
roles see nothing of them. Admin refuses what would make answers meaningless."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from registration.models import Question
from registration.questions.services import save_answers
from tests.factories import make_conference, make_question, make_registration

pytestmark = pytest.mark.django_db
Kind = Question.Kind


def _user(django_user_model, group):
    user = django_user_model.objects.create_user(group, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def organiser(client, django_user_model):
    client.force_login(_user(django_user_model, "Organisers"))
    return client


@pytest.fixture
def conference():
    return make_conference()


def _question_data(conference, *, choices=(), **overrides):
    data = {
        "conference": conference.pk,
        "label_en": "Which topics interest you most?",
        "label_de": "Welche Themen interessieren Sie am meisten?",
        "help_en": "",
        "help_de": "",
        "kind": Kind.SEVERAL_CHOICES,
        "order": "1",
        "is_active": "on",
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": "0",
    }
    for n, (english, german) in enumerate(choices):
        data |= {
            f"choices-{n}-label_en": english,
            f"choices-{n}-label_de": german,
            f"choices-{n}-order": str(n),
        }
    return data | overrides


ADD_URL = reverse("admin:registration_question_add")


def test_an_organiser_adds_a_question_with_choices_in_both_languages(organiser, conference):
    press = conference.participant_categories.get(code="press")
    data = _question_data(
        conference,
        choices=[("City data", "Stadtdaten"), ("Smart infrastructure", "Smarte Infrastruktur")],
        categories=[press.pk],
        required="on",
    )
    response = organiser.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    question = Question.objects.get()
    assert (question.label_de, question.required) == (data["label_de"], True)
    assert list(question.categories.all()) == [press]
    assert [(c.label_en, c.label_de) for c in question.choices.all()] == [
        ("City data", "Stadtdaten"),
        ("Smart infrastructure", "Smarte Infrastruktur"),
    ]


def test_a_question_with_choices_needs_two(organiser, conference):
    response = organiser.post(ADD_URL, _question_data(conference, choices=[("Only", "Nur")]))
    assert response.status_code == 200
    assert "A question with choices needs at least two choices." in response.content.decode()
    assert not Question.objects.exists()


def test_a_text_question_takes_no_choices(organiser, conference):
    data = _question_data(conference, choices=[("A", ""), ("B", "")], kind=Kind.SHORT_TEXT)
    response = organiser.post(ADD_URL, data)
    assert "Only questions answered with one or several choices have choices." in (
        response.content.decode()
    )
    assert not Question.objects.exists()


def test_categories_must_be_the_questions_conferences(organiser, conference):
    other = make_conference().participant_categories.get(code="press")
    data = _question_data(conference, kind=Kind.YES_NO, categories=[other.pk])
    response = organiser.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Choose categories of the question" in response.content.decode()
    assert not Question.objects.exists()


def test_the_kind_of_an_answered_question_cannot_change(organiser, conference):
    question = make_question(conference, kind=Kind.YES_NO)
    save_answers(registration=make_registration(conference), answers={question: True})
    url = reverse("admin:registration_question_change", args=[question.pk])
    response = organiser.post(url, _question_data(conference, kind=Kind.SHORT_TEXT))
    assert response.status_code == 200
    assert "People have answered this question" in response.content.decode()
    question.refresh_from_db()
    assert question.kind == Kind.YES_NO


def test_an_unanswered_questions_kind_may_change(organiser, conference):
    question = make_question(conference, kind=Kind.YES_NO)
    url = reverse("admin:registration_question_change", args=[question.pk])
    response = organiser.post(url, _question_data(conference, kind=Kind.LONG_TEXT))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.kind == Kind.LONG_TEXT


def test_the_change_page_offers_only_the_conferences_categories(organiser, conference):
    question = make_question(conference)
    make_conference()
    url = reverse("admin:registration_question_change", args=[question.pk])
    field = organiser.get(url).context["adminform"].form.fields["categories"]
    assert set(field.queryset) == set(conference.participant_categories.all())


def test_an_organiser_cannot_delete_an_answered_question_nor_read_who_answered(
    organiser, conference
):
    question = make_question(conference)
    registration = make_registration(conference, last_name="Zwetschkenbaum")
    save_answers(registration=registration, answers={question: "Zwetschkenbaum's answer"})
    url = reverse("admin:registration_question_delete", args=[question.pk])
    page = organiser.get(url).content.decode()
    assert "Zwetschkenbaum" not in page
    assert "1 × Answers: personal data, which you may not see" in page
    organiser.post(url, {"post": "yes"})
    assert Question.objects.filter(pk=question.pk).exists()


@pytest.mark.parametrize(
    ("group", "view", "add"),
    [
        ("Organisers", 200, 200),
        ("Hotline", 200, 403),
        ("Hotline lead", 200, 403),
        ("Press officer", 403, 403),
    ],
)
def test_who_may_see_and_define_questions(client, django_user_model, conference, group, view, add):
    question = make_question(conference, kind=Kind.ONE_CHOICE, choices=["A", "B"])
    client.force_login(_user(django_user_model, group))
    change = reverse("admin:registration_question_change", args=[question.pk])
    assert client.get(reverse("admin:registration_question_changelist")).status_code == view
    assert client.get(change).status_code == view
    assert client.get(ADD_URL).status_code == add
    response = client.post(change, _question_data(conference, kind=Kind.YES_NO))
    if group != "Organisers":
        assert response.status_code == 403
        question.refresh_from_db()
        assert question.kind == Kind.ONE_CHOICE


def test_a_question_added_in_admin_is_asked_on_the_sign_up_form_at_once(
    organiser, conference, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    form_url = reverse("registration:register", kwargs={"slug": conference.slug})
    data = _question_data(conference, choices=[("Open data", "Offene Daten"), ("GIS", "GIS")])
    assert "A few more questions" not in organiser.get(form_url).content.decode()  # kept
    response = organiser.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    form = organiser.get(form_url).context["form"]
    assert [question.label for question in form.questions] == [data["label_en"]]
