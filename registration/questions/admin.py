"""Organisers define each conference's questions in /admin/ (the "Organisers" group; the
hotline may look at them). Answers have no admin: they are personal data, shown only in the
hotline back office with their registration."""

from django import forms
from django.contrib import admin
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from conferences.caching import ClearsPublicPagesOnSaveMixin
from registration.models import ParticipantCategory

from .models import Question, QuestionChoice

NEEDS_CHOICES = _("A question with choices needs at least two choices.")
NO_CHOICES = _("Only questions answered with one or several choices have choices.")
ANSWERED = _(
    "People have answered this question: its %(what)s cannot change any more. Untick “asked "
    "on the forms” and add a new question instead."
)


class ChoiceFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if self.instance.kind in Question.CHOICE_KINDS and len(kept) < 2:
            raise forms.ValidationError(NEEDS_CHOICES)
        if self.instance.kind and self.instance.kind not in Question.CHOICE_KINDS and kept:
            raise forms.ValidationError(NO_CHOICES)


class QuestionChoiceInline(TranslationTabularInline):
    model = QuestionChoice
    formset = ChoiceFormSet
    fields = ("label", "order")
    extra = 3

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            # A tabular inline shows column headers, not labels: name each input for
            # screen readers.
            field.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return field


class CategoriesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, category):
        return f"{category.conference.title} – {category.name}"


class QuestionAdminForm(forms.ModelForm):
    categories = CategoriesField(
        label=_("only for these participant categories"),
        queryset=ParticipantCategory.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: everyone is asked."),
    )

    class Meta:
        model = Question
        fields = (
            "conference",
            "label",
            "help",
            "kind",
            "required",
            "order",
            "categories",
            "is_active",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        categories = ParticipantCategory.objects.select_related("conference").order_by(
            "-conference__start_date", "order", "pk"
        )
        if self.instance.conference_id:  # a question stays with its conference
            categories = categories.filter(conference=self.instance.conference_id)
        self.fields["categories"].queryset = categories

    def clean(self):
        data = super().clean()
        conference = data.get("conference")
        chosen = data.get("categories") or ()
        others = [c for c in chosen if conference and c.conference_id != conference.pk]
        if others:
            self.add_error(
                "categories",
                _("Choose categories of the question's conference (not: %(names)s).")
                % {"names": ", ".join(category.name for category in others)},
            )
        if self.instance.pk and self.instance.answers.exists():
            for name, what in (("kind", _("kind of answer")), ("conference", _("conference"))):
                if name in self.changed_data:
                    self.add_error(name, ANSWERED % {"what": what})
        return data


@admin.register(Question)
class QuestionAdmin(ClearsPublicPagesOnSaveMixin, TranslationAdmin):
    # The forms keep the questions with the public pages (registration/form_rows.py).
    form = QuestionAdminForm
    inlines = [QuestionChoiceInline]
    list_display = ("label", "conference", "kind", "required", "asked_of", "is_active", "order")
    list_editable = ("order",)
    list_filter = ("conference", "kind", "required", "is_active")
    search_fields = ("label_en", "label_de", "conference__title_en")
    list_select_related = ("conference",)
    fieldsets = (
        (None, {"fields": ("conference", "label", "help", "kind", "required", "order")}),
        (_("Who is asked"), {"fields": ("categories", "is_active")}),
    )

    def get_queryset(self, request):
        categories = ParticipantCategory.objects.order_by("order", "pk")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("categories", queryset=categories))
        )

    @admin.display(description=_("asked of"))
    def asked_of(self, question):
        names = [category.name for category in question.categories.all()]
        return ", ".join(names) if names else _("everyone")
