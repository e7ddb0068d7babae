"""One form field per question, for every form that asks them: the web sign-up and the
hotline's (category chosen on the same form), the attendee's own details on the manage page
and the hotline's answers page (category known), and a colleague's take-over."""

from crispy_forms.layout import Fieldset
from django import forms
from django.db.models import Prefetch
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext_lazy as _

from mce_site.form_rendering import fast_fields
from registration.models import ParticipantCategory

from .models import Answer, Question

NO_ANSWER = ""
YES, NO = "yes", "no"
ERRORS = {
    "required": _("Please answer this question."),
    "invalid_choice": _("Please choose one of the options."),
}


def questions_of(conference):
    """The questions a form of `conference` asks, in order, with their choices and categories
    read at once: one query when it has none, three otherwise."""
    categories = ParticipantCategory.objects.order_by("order", "pk")
    return list(
        Question.objects.filter(conference=conference, is_active=True).prefetch_related(
            "choices", Prefetch("categories", queryset=categories)
        )
    )


def add_question_fields(form, questions, *, registration=None):
    """Adds a field named `question.field_name` to `form` for each question, and keeps the
    questions as `form.questions`; `clean_answers` then collects the answers.

    With a `registration` its category is known: only the questions that apply to it are
    asked, required as the organiser set, filled in with the answers given so far. Without
    one, the category is chosen on the same form: every question is asked, and one limited
    to categories says so in its help text and is not required by its field. The form works
    without JavaScript, so it cannot hide questions as the category changes; the server
    checks such a question only for the category chosen (`clean_answers`)."""
    if registration is not None:
        questions = [q for q in questions if q.applies_to(registration.category)]
        if questions:
            form.initial.update(_initial_values(registration, questions))
    form.questions = questions
    for question in questions:
        form.fields[question.field_name] = question_field(
            question, category_known=registration is not None
        )
    return form


def question_fieldsets(form):
    """The crispy layout part of the questions (none when there are none)."""
    names = [question.field_name for question in getattr(form, "questions", ())]
    return [Fieldset(_("A few more questions"), *fast_fields(*names))] if names else []


def question_field(question, *, category_known):
    limited = bool(question.category_ids()) and not category_known
    required = question.required and not limited
    options = {
        "label": question.label,
        "required": required,
        "help_text": _help_text(question, limited=limited),
        "error_messages": ERRORS,
    }
    kind = question.kind
    if kind in Question.MAX_LENGTH:
        widget = forms.Textarea(attrs={"rows": 3}) if kind == Question.Kind.LONG_TEXT else None
        return forms.CharField(max_length=Question.MAX_LENGTH[kind], widget=widget, **options)
    if kind == Question.Kind.SEVERAL_CHOICES:
        return forms.TypedMultipleChoiceField(
            choices=_choices(question), coerce=int, widget=forms.CheckboxSelectMultiple, **options
        )
    if kind == Question.Kind.YES_NO:
        choices, coerce = [(YES, _("Yes")), (NO, _("No"))], _is_yes
    else:
        choices, coerce = _choices(question), int
    if not required:
        # A radio button once chosen cannot be unchosen: an explicit way to say nothing.
        choices.append((NO_ANSWER, _("No answer")))
    return forms.TypedChoiceField(
        choices=choices,
        coerce=coerce,
        empty_value=None,
        widget=forms.RadioSelect,
        initial=NO_ANSWER,
        **options,
    )


def _is_yes(value):
    return value == YES


def _choices(question):
    return [(choice.pk, choice.label) for choice in question.choices.all()]


def _help_text(question, *, limited):
    """The organiser's help (escaped: forms print help texts as markup), after the
    categories it is limited to where the form does not know the category yet."""
    own = conditional_escape(question.help)
    if not limited:
        return own
    names = ", ".join(str(category.name) for category in question.categories.all())
    if question.required:
        note = _("Only for: %(categories)s (required for them).") % {"categories": names}
    else:
        note = _("Only for: %(categories)s.") % {"categories": names}
    return format_html("{} {}", note, own) if own else conditional_escape(note)


def _initial_values(registration, questions):
    """The answers given so far as the fields' initial values."""
    by_question = {q.pk: q for q in questions}
    stored = Answer.objects.filter(registration=registration, question__in=list(by_question))
    initial = {}
    for answer in stored:
        question = by_question[answer.question_id]
        value = answer.value
        if question.kind == Question.Kind.YES_NO:
            value = YES if value else NO
        initial[question.field_name] = value
    return initial


def is_empty(value):
    return value is None or value == "" or value == []


def clean_answers(form, category):
    """{question: value} of the questions that apply to `category` (None: an empty answer,
    which removes an earlier one), for `save_answers`. Call from the form's `clean()`, after
    the fields are cleaned. A required question limited to categories is checked here, for
    the category chosen; answers to questions of other categories are dropped, not kept."""
    answers = {}
    for question in getattr(form, "questions", ()):
        name = question.field_name
        if name not in form.cleaned_data or not question.applies_to(category):
            continue  # a field with an error of its own, or not asked of this category
        value = form.cleaned_data[name]
        if is_empty(value):
            if question.required:
                form.add_error(name, ERRORS["required"])
                continue
            value = None
        answers[question] = value
    return answers
