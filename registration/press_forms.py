"""The press officer's decision on a journalist's accreditation (admin)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .services.accreditation import approve_accreditation, decline_accreditation


class AccreditationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Accredit")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the registrant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent in the email; required when declining."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("note", "").strip():
            self.add_error("note", _("Tell the registrant why: the note is sent to them."))
        return cleaned

    def decide(self, *, registration, by):
        service = {"approve": approve_accreditation, "decline": decline_accreditation}
        decide = service[self.cleaned_data["decision"]]
        return decide(registration=registration, note=self.cleaned_data["note"], by=by)
