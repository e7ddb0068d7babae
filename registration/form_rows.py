"""The rows of a conference that the registration forms read and only an organiser changes
(participant categories; questions with their choices and categories), kept in the cache
like the conference's own rows (conferences/reference_rows.py): their admin pages clear them
with the public pages, and REFERENCE_CACHE_SECONDS bounds a change made outside admin."""

from conferences.reference_rows import kept

from .questions.form_fields import questions_of


def categories(conference):
    # Ordered within the conference: the default ordering joins the conference to sort.
    return kept(
        ("categories", conference.pk),
        lambda: list(conference.participant_categories.order_by("order", "pk")),
    )


def questions(conference):
    return kept(("questions", conference.pk), lambda: questions_of(conference))
