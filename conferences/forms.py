"""The programme filter: by day and by topic, a plain GET form that works without JavaScript."""

import hashlib

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Layout, Row
from django import forms
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .caching import versioned_key


class ProgrammeFilterForm(forms.Form):
    day = forms.ChoiceField(label=_("Day"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, days, topics, **kwargs):
        # Choices come from rows the view has already loaded: no extra queries.
        super().__init__(*args, **kwargs)
        self._days = {day.date.isoformat(): day for day in days}
        self._topics = {topic.slug: topic for topic in topics}
        self.fields["day"].choices = [("", _("All days"))] + [
            (key, formats.date_format(day.date, "WEEKDAY_MONTH_DAY_FORMAT"))
            for key, day in self._days.items()
        ]
        self.fields["topic"].choices = [("", _("All topics"))] + [
            (slug, str(topic)) for slug, topic in self._topics.items()
        ]
        if not topics:
            del self.fields["topic"]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "programme-filter"
        self.helper.disable_csrf = True
        columns = [Column(name, css_class="col-sm-5") for name in self.fields]
        button = format_html(
            '<button type="submit" class="btn btn-primary w-100">{}</button>', _("Show")
        )
        columns.append(Column(HTML(button), css_class="col-sm-2 d-flex align-items-end mb-3"))
        self.helper.layout = Layout(Row(*columns))

    def shared_markup(self):
        """For `{% fast_form %}` (mce_site/form_rendering.py): without a choice in the URL the
        filter is the same for every visitor of a language and these days and topics (under
        the public pages' version: an admin save changes it)."""
        if self.is_bound:
            return None
        topics = [topic.pk for topic in self._topics.values()]  # slugs repeat across editions
        shown = hashlib.sha256(repr([*self._days, *topics]).encode()).hexdigest()[:20]
        return versioned_key(get_language(), shown, prefix="programme-filter"), {}

    def chosen_day_and_topic(self):
        """(Day or None, Topic or None); an unknown value in the URL means no filter."""
        if not self.is_bound:
            return None, None
        self.is_valid()  # cleaned_data keeps the valid one when the other is not
        day = self._days.get(self.cleaned_data.get("day") or "")
        topic = self._topics.get(self.cleaned_data.get("topic") or "")
        return day, topic
