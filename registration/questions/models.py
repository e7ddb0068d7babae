"""What a custom question is, its choices, and a registrant's answer to it (see the package's
docstring for the rule of who is asked what)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from conferences.models import Conference


class Question(models.Model):
    """One question of a conference's forms. Label and help are kept in English and German
    (modeltranslation: `label_en`, `label_de`, `help_en`, `help_de`; German falls back to
    English). No categories chosen: everyone is asked."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        ONE_CHOICE = "one_choice", _("One choice")
        SEVERAL_CHOICES = "several_choices", _("Several choices")
        YES_NO = "yes_no", _("Yes or no")

    CHOICE_KINDS = (Kind.ONE_CHOICE, Kind.SEVERAL_CHOICES)
    # What a text answer may hold: a line, or a few paragraphs.
    MAX_LENGTH = {Kind.SHORT_TEXT: 200, Kind.LONG_TEXT: 2000}

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("conference"),
    )
    kind = models.CharField(_("kind of answer"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("question"), max_length=300)
    help = models.CharField(
        _("help text"),
        max_length=500,
        blank=True,
        help_text=_("Shown under the question, e.g. what the answer is used for."),
    )
    required = models.BooleanField(_("required"), default=False)
    categories = models.ManyToManyField(
        "registration.ParticipantCategory",
        blank=True,
        related_name="questions",
        verbose_name=_("only for these participant categories"),
        help_text=_("None chosen: everyone is asked."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("asked on the forms"),
        default=True,
        help_text=_(
            "Untick to stop asking (a question people answered cannot be deleted); "
            "the answers given stay in the exports."
        ),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["conference_id", "order", "pk"]

    def __str__(self):
        return self.label

    @property
    def field_name(self):
        """The name of its field on every form that asks it."""
        return f"question_{self.pk}"

    @property
    def has_choices(self):
        return self.kind in self.CHOICE_KINDS

    def category_ids(self):
        """The ids of the categories it is limited to (prefetched by `questions_of`)."""
        return {category.pk for category in self.categories.all()}

    def applies_to(self, category):
        """Whether a registrant of `category` is asked (and, if required, must answer)."""
        limited_to = self.category_ids()
        return not limited_to or (category is not None and category.pk in limited_to)

    def answer_text(self, value):
        """An answer's stored value as people read it, in the active language. A choice an
        organiser deleted since is left out."""
        if value is None or value == "" or value == []:
            return ""
        if self.kind == self.Kind.YES_NO:
            return str(_("yes") if value else _("no"))
        if self.has_choices:
            chosen = set(value if isinstance(value, list) else [value])
            return ", ".join(c.label for c in self.choices.all() if c.pk in chosen)
        return str(value)


class QuestionChoice(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    label = models.CharField(_("choice"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question_id", "order", "pk"]

    def __str__(self):
        return self.label


class Answer(models.Model):
    """A registrant's answer to one question. `value` holds it as the form cleaned it, so a
    list reads it without joins: text for the text kinds, true or false for yes/no, a list
    of choice ids for the choice kinds. An unanswered question has no row."""

    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("registration"),
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    value = models.JSONField(_("answer"))
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="one_answer_per_question"
            ),
        ]

    def __str__(self):
        # No personal data: a delete confirmation may list answers.
        return f"{self.registration_id}: {self.question_id}"
