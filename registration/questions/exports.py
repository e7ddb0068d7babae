"""The questions as columns of the back office's lists of registrations: one column per
question of the conferences listed, read with one query for all answers (whatever the
number of registrations or questions)."""

from django.db.models import Prefetch

from .models import Answer, Question

ANSWERS_ATTRIBUTE = "listed_answers"


def with_question_columns(registrations, columns):
    """(`registrations` with their answers loaded in one query, `columns` followed by one
    per question of the conferences listed, in the conferences' and the questions' order).
    Where the list spans several conferences a question's column names the conference's
    booking prefix. Without questions, both as they were."""
    questions = list(
        Question.objects.filter(conference__in=registrations.values("conference_id"))
        .select_related("conference")
        .prefetch_related("choices")
    )
    if not questions:
        return registrations, columns
    several = len({question.conference_id for question in questions}) > 1
    answers = Answer.objects.only("registration_id", "question_id", "value")
    registrations = registrations.prefetch_related(
        Prefetch("answers", queryset=answers, to_attr=ANSWERS_ATTRIBUTE)
    )
    return registrations, [
        *columns,
        *(
            (f"{q.conference.booking_prefix}: {q.label}" if several else q.label, _column(q))
            for q in questions
        ),
    ]


def _column(question):
    def value(registration):
        return question.answer_text(_values(registration).get(question.pk))

    return value


def _values(registration):
    """{question id: value} of one listed registration, built once per row."""
    values = registration.__dict__.get("_answer_values")
    if values is None:
        answers = getattr(registration, ANSWERS_ATTRIBUTE)
        values = {answer.question_id: answer.value for answer in answers}
        registration.__dict__["_answer_values"] = values
    return values
