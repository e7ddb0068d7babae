"""Custom questions: who is asked what, each kind of answer as the form cleans it, and how the
answers are stored (registration/questions/)."""

import pytest
from django.utils import translation

from registration import services
from registration.forms import RegistrationForm
from registration.models import Answer, Question
from registration.questions.form_fields import questions_of
from registration.questions.services import answers_shown, save_answers
from tests.factories import make_conference, make_question, make_registration, registration_data

pytestmark = pytest.mark.django_db
Kind = Question.Kind


@pytest.fixture
def conference():
    return make_conference()


@pytest.fixture
def press(conference):
    return conference.participant_categories.get(code="press")


@pytest.fixture
def public_body(conference):
    return conference.participant_categories.get(code="public-body")


def form_data(conference, **extra):
    """What a browser sends for a valid sign-up (no answers)."""
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


def test_a_question_without_categories_applies_to_everyone(conference, press):
    question = make_question(conference)
    assert question.applies_to(press) and question.applies_to(None)


def test_a_question_for_some_categories_applies_only_to_them(conference, press, public_body):
    question = make_question(conference, categories=[press])
    assert question.applies_to(press)
    assert not question.applies_to(public_body)
    assert not question.applies_to(None)


def test_answers_read_in_the_active_language(conference):
    question = make_question(conference, kind=Kind.SEVERAL_CHOICES, choices=["Fish", "Meat"])
    fish, meat = question.choices.all()
    fish.label_de, meat.label_de = "Fisch", "Fleisch"
    fish.save()
    meat.save()
    assert question.answer_text([meat.pk, fish.pk]) == "Fish, Meat"  # the choices' order
    with translation.override("de"):
        assert question.answer_text([fish.pk]) == "Fisch"
    yes_no = make_question(conference, kind=Kind.YES_NO)
    assert (yes_no.answer_text(True), yes_no.answer_text(False), yes_no.answer_text(None)) == (
        "yes",
        "no",
        "",
    )


def test_a_deleted_choice_drops_out_of_the_answer(conference):
    question = make_question(conference, kind=Kind.SEVERAL_CHOICES, choices=["A", "B"])
    first, second = question.choices.all()
    second.delete()
    assert question.answer_text([first.pk, second.pk]) == "A"


def test_the_questions_of_a_form_cost_one_query_without_any(conference, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert questions_of(conference) == []


def test_the_questions_of_a_form_cost_three_queries_however_many(
    conference, press, django_assert_num_queries
):
    for _n in range(5):
        make_question(conference, kind=Kind.ONE_CHOICE, choices=["x", "y"], categories=[press])
    make_question(conference, is_active=False)
    with django_assert_num_queries(3):
        questions = questions_of(conference)
        assert [q.applies_to(press) for q in questions] == [True] * 5
        assert all(len(q.choices.all()) == 2 for q in questions)


def test_each_kind_is_cleaned_into_the_value_stored(conference):
    short = make_question(conference, kind=Kind.SHORT_TEXT)
    long = make_question(conference, kind=Kind.LONG_TEXT)
    one = make_question(conference, kind=Kind.ONE_CHOICE, choices=["A", "B"])
    several = make_question(conference, kind=Kind.SEVERAL_CHOICES, choices=["A", "B", "C"])
    yes_no = make_question(conference, kind=Kind.YES_NO)
    b = one.choices.get(label="B")
    a2, c2 = several.choices.get(label="A"), several.choices.get(label="C")
    data = form_data(
        conference,
        **{
            short.field_name: "  Städtische Werke  ",
            long.field_name: "Line one\nLine two",
            one.field_name: str(b.pk),
            several.field_name: [str(a2.pk), str(c2.pk)],
            yes_no.field_name: "no",
        },
    )
    form = RegistrationForm(data, conference=conference)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["answers"] == {
        short: "Städtische Werke",
        long: "Line one\nLine two",
        one: b.pk,
        several: [a2.pk, c2.pk],
        yes_no: False,
    }


def test_optional_questions_left_empty_store_nothing(conference):
    questions = [
        make_question(
            conference, kind=kind, choices=["A", "B"] if kind in Question.CHOICE_KINDS else ()
        )
        for kind in Kind.values
    ]
    data = form_data(conference, **{q.field_name: "" for q in questions})
    form = RegistrationForm(data, conference=conference)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["answers"] == dict.fromkeys(questions)


@pytest.mark.parametrize("kind", Kind.values)
def test_a_required_question_left_empty_is_asked_for_by_name(conference, kind):
    choices = ["A", "B"] if kind in Question.CHOICE_KINDS else ()
    question = make_question(conference, kind=kind, choices=choices, required=True)
    form = RegistrationForm(form_data(conference), conference=conference)
    assert not form.is_valid()
    assert form.errors == {question.field_name: ["Please answer this question."]}
    anchor, label, message = form.error_summary()[0]
    assert anchor.startswith(f"id_{question.field_name}")
    assert (label, message) == (question.label, "Please answer this question.")


def test_required_radio_buttons_offer_no_way_to_say_nothing(conference):
    required = make_question(conference, kind=Kind.YES_NO, required=True)
    optional = make_question(conference, kind=Kind.YES_NO)
    fields = RegistrationForm(conference=conference).fields
    assert [value for value, _label in fields[required.field_name].choices] == ["yes", "no"]
    assert [value for value, _label in fields[optional.field_name].choices] == ["yes", "no", ""]


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (Kind.SHORT_TEXT, "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        (
            Kind.LONG_TEXT,
            "x" * 2001,
            "Ensure this value has at most 2000 characters (it has 2001).",
        ),
        (Kind.ONE_CHOICE, "999999", "Please choose one of the options."),
        (Kind.ONE_CHOICE, "abc", "Please choose one of the options."),
        (Kind.SEVERAL_CHOICES, ["1", "abc"], "Please choose one of the options."),
        (Kind.YES_NO, "maybe", "Please choose one of the options."),
        (Kind.SHORT_TEXT, "a\x00b", "Null characters are not allowed."),
    ],
)
def test_bad_answers_get_a_clear_message(conference, kind, value, message):
    choices = ["A", "B"] if kind in Question.CHOICE_KINDS else ()
    question = make_question(conference, kind=kind, choices=choices)
    form = RegistrationForm(
        form_data(conference, **{question.field_name: value}), conference=conference
    )
    assert not form.is_valid()
    assert form.errors[question.field_name] == [message]


def test_a_choice_of_another_question_is_refused(conference):
    one = make_question(conference, kind=Kind.ONE_CHOICE, choices=["A", "B"])
    other = make_question(conference, kind=Kind.ONE_CHOICE, choices=["C", "D"])
    data = form_data(conference, **{one.field_name: str(other.choices.first().pk)})
    form = RegistrationForm(data, conference=conference)
    assert form.errors[one.field_name] == ["Please choose one of the options."]


def test_a_question_for_a_category_is_required_only_of_that_category(
    conference, press, public_body
):
    question = make_question(conference, categories=[press], required=True, label="Media outlet")
    field = RegistrationForm(conference=conference).fields[question.field_name]
    assert not field.required  # the form cannot know the category before it is sent
    assert "Only for: Press (required for them)." in field.help_text
    journalist = RegistrationForm(
        form_data(conference, category=press.pk, days=[conference.days.first().pk]),
        conference=conference,
    )
    assert journalist.errors == {question.field_name: ["Please answer this question."]}
    other = RegistrationForm(form_data(conference), conference=conference)
    assert other.is_valid(), other.errors


def test_answers_to_questions_of_other_categories_are_not_kept(conference, press):
    question = make_question(conference, categories=[press])
    data = form_data(conference, **{question.field_name: "Die Zeit"})
    form = RegistrationForm(data, conference=conference)
    assert form.is_valid()
    assert form.cleaned_data["answers"] == {}


def test_the_organisers_help_text_is_shown_as_text_not_markup(conference, press):
    question = make_question(conference, help="<b>bold</b> & more", categories=[press])
    help_text = RegistrationForm(conference=conference).fields[question.field_name].help_text
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in help_text
    assert "<b>" not in help_text


def test_inactive_questions_are_not_asked(conference):
    question = make_question(conference, is_active=False, required=True)
    form = RegistrationForm(form_data(conference), conference=conference)
    assert question.field_name not in form.fields
    assert form.is_valid()


def test_a_sign_up_stores_its_answers(conference):
    question = make_question(conference)
    yes_no = make_question(conference, kind=Kind.YES_NO)
    data = registration_data(conference, answers={question: "Vegan", yes_no: True})
    registration = services.submit_registration(conference=conference, data=data, language="en")
    stored = {a.question: a.value for a in registration.answers.all()}
    assert stored == {question: "Vegan", yes_no: True}


def test_a_sign_up_with_answers_of_another_conference_is_refused_whole(conference):
    foreign = make_question(make_conference())
    data = registration_data(conference, answers={foreign: "x"})
    with pytest.raises(services.RegistrationError):
        services.submit_registration(conference=conference, data=data, language="en")
    assert not conference.registrations.exists()
    assert not Answer.objects.exists()


def test_saving_answers_replaces_changed_deletes_empty_and_keeps_the_rest(conference):
    registration = make_registration(conference)
    kept, changed, emptied, untouched = (make_question(conference) for _ in range(4))
    save_answers(
        registration=registration,
        answers={kept: "same", changed: "old", emptied: "gone", untouched: "stays"},
    )
    kept_at = Answer.objects.get(question=kept).answered_at
    save_answers(registration=registration, answers={kept: "same", changed: "new", emptied: None})
    stored = dict(registration.answers.values_list("question", "value"))
    assert stored == {kept.pk: "same", changed.pk: "new", untouched.pk: "stays"}
    assert Answer.objects.get(question=kept).answered_at == kept_at


def test_saving_answers_costs_the_same_for_one_or_ten_questions(
    conference, django_assert_max_num_queries
):
    registration = make_registration(conference)
    questions = [make_question(conference) for _ in range(10)]
    save_answers(registration=registration, answers=dict.fromkeys(questions[:5], "first"))
    answers = dict.fromkeys(questions[:8], "second") | dict.fromkeys(questions[8:])
    answers[questions[0]] = None
    with django_assert_max_num_queries(6):  # select, delete, update, insert, savepoints
        save_answers(registration=registration, answers=answers)
    assert registration.answers.count() == 7


def test_answers_are_shown_in_the_questions_order(conference):
    registration = make_registration(conference)
    second = make_question(conference, label="Second", order=2)
    first = make_question(conference, label="First", order=1, kind=Kind.YES_NO)
    save_answers(registration=registration, answers={second: "b", first: True})
    assert [(q.label, text) for q, text in answers_shown(registration)] == [
        ("First", "yes"),
        ("Second", "b"),
    ]


def test_a_new_registration_inserts_its_answers_without_reading_any(
    conference, django_assert_num_queries
):
    """Its row was inserted in the same transaction: there are no earlier answers to read."""
    registration = make_registration(conference)
    questions = [make_question(conference) for _ in range(3)]
    answers = {questions[0]: "first", questions[1]: "second", questions[2]: None}
    with django_assert_num_queries(1):
        save_answers(registration=registration, answers=answers, new_registration=True)
    stored = dict(registration.answers.values_list("question", "value"))
    assert stored == {questions[0].pk: "first", questions[1].pk: "second"}
