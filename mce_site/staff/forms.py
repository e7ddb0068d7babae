"""Staff sign-in: password and, once set up, a one-time code in the same form."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp import match_token, user_has_device


def _typed_code(value):
    return "".join((value or "").split()).lower()


class StaffLoginForm(AdminAuthenticationForm):
    """Admin's sign-in form (active staff only) with a one-time code: required as soon as the
    account has a second factor; a wrong code counts as a failed sign-in (django-axes)."""

    otp_token = forms.CharField(
        label=_("One-time code"),
        required=False,
        max_length=32,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_(
            "The code from your authenticator app, or one of your backup codes. Leave it "
            "empty if you have not set up a second factor yet."
        ),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "otp_invalid": _("The one-time code is missing or wrong. Try the current code."),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user_has_device(user, confirmed=True):
            return  # sets one up right after signing in where it is required
        token = _typed_code(self.cleaned_data.get("otp_token"))
        device = match_token(user, token) if token else None
        if device is None:
            user_login_failed.send(
                sender=type(self),
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise forms.ValidationError(self.error_messages["otp_invalid"], code="otp_invalid")
        user.otp_device = device  # django-otp marks the session as verified at login


class ConfirmAppForm(forms.Form):
    token = forms.CharField(
        label=_("Code shown by the app"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return _typed_code(self.cleaned_data["token"])
