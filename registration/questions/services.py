"""Saving a registrant's answers, and reading them back for pages and the data export."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.services.errors import RegistrationError

from .form_fields import is_empty
from .models import Answer

OTHER_CONFERENCE = _("Please answer the questions of this conference.")


def save_answers(*, registration, answers, new_registration=False):
    """Stores `answers` ({question: value}, as `clean_answers` gives them) as the
    registration's: a value replaces the earlier answer, an empty one deletes it, questions
    not given stay as they were; an unchanged answer keeps its time. At most four statements
    whatever the number of questions; refuses a question of another conference.
    `new_registration`: inserted in the caller's transaction, so it has no answers to read
    (one statement)."""
    if not answers:
        return
    if any(q.conference_id != registration.conference_id for q in answers):
        raise RegistrationError(OTHER_CONFERENCE)
    if new_registration:
        Answer.objects.bulk_create(
            Answer(registration=registration, question=question, value=value)
            for question, value in answers.items()
            if not is_empty(value)
        )
        return
    with transaction.atomic():
        stored = {
            answer.question_id: answer
            for answer in Answer.objects.filter(registration=registration, question__in=answers)
        }
        gone, changed, new = [], [], []
        for question, value in answers.items():
            answer = stored.get(question.pk)
            if is_empty(value):
                if answer is not None:
                    gone.append(answer.pk)
            elif answer is None:
                new.append(Answer(registration=registration, question=question, value=value))
            elif answer.value != value:
                answer.value = value
                changed.append(answer)
        if gone:
            Answer.objects.filter(pk__in=gone).delete()
        if changed:
            now = timezone.now()  # bulk_update skips auto_now
            for answer in changed:
                answer.answered_at = now
            Answer.objects.bulk_update(changed, ["value", "answered_at"])
        if new:
            Answer.objects.bulk_create(new)


def answers_shown(registration):
    """[(question, answer text)] of the registration's answers, in the questions' order, in
    the active language (two queries)."""
    answers = (
        Answer.objects.filter(registration=registration)
        .select_related("question")
        .prefetch_related("question__choices")
        .order_by("question__order", "question_id")
    )
    return [(answer.question, answer.question.answer_text(answer.value)) for answer in answers]
