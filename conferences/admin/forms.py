"""Admin forms with the checks a single row cannot make by itself."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models.edition import time_zone_choices


class ConferenceAdminForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("time zone"), choices=time_zone_choices)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if self.instance.pk and start and end and start <= end:
            self._check_sessions_stay_inside(start, end)
        return cleaned

    def _check_sessions_stay_inside(self, start, end):
        tz = self.instance.tzinfo
        outside = [
            session.title
            for session in self.instance.sessions.only("title", "starts_at")
            if not (start <= timezone.localtime(session.starts_at, tz).date() <= end)
        ]
        if outside:
            raise forms.ValidationError(
                _("These sessions would lie outside the new dates; move them first: %(sessions)s"),
                params={"sessions": ", ".join(outside[:10])},
                code="sessions_outside",
            )
