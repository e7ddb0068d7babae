"""Setting up the second factor: scan a QR code with an authenticator app, confirm with one
code, keep the backup codes; later, new backup codes. For signed-in staff only."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import user_has_device

from .forms import ConfirmAppForm
from .second_factor import (
    backup_codes_left,
    confirm_app_device,
    new_backup_codes,
    pending_app_device,
)


def _staff_only(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def _context(request, **extra):
    from django.contrib import admin

    return admin.site.each_context(request) | extra


def _qr_svg(text):
    qr = segno.make(text, error="m")
    return mark_safe(qr.svg_inline(scale=4, border=2, omitsize=True))  # noqa: S308 - segno's SVG


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@_staff_only
def second_factor(request):
    user = request.user
    if user_has_device(user, confirmed=True):
        context = _context(
            request, title=_("Second factor"), codes_left=backup_codes_left(user), codes=None
        )
        return TemplateResponse(request, "staff/second_factor_status.html", context)
    device = pending_app_device(user)
    form = ConfirmAppForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = confirm_app_device(device=device, token=form.cleaned_data["token"])
        if codes is not None:
            otp_login(request, device)
            messages.success(request, _("Your second factor is set up."))
            context = _context(request, title=_("Your backup codes"), codes=codes)
            return TemplateResponse(request, "staff/backup_codes.html", context)
        form.add_error("token", _("This code is not the current one. Try the next code."))
    context = _context(
        request,
        title=_("Set up your second factor"),
        form=form,
        qr_code=_qr_svg(device.config_url),
        key=device.config_url.split("secret=", 1)[1].split("&", 1)[0],
    )
    return TemplateResponse(request, "staff/second_factor_setup.html", context)


@never_cache
@require_POST
@_staff_only
def backup_codes(request):
    """New backup codes replace the old ones; only in a session verified by a second factor."""
    if not (user_has_device(request.user, confirmed=True) and request.user.is_verified()):
        raise PermissionDenied
    codes = new_backup_codes(user=request.user)
    context = _context(request, title=_("Your backup codes"), codes=codes)
    return TemplateResponse(request, "staff/backup_codes.html", context)


def locked_out(request, response=None, credentials=None):
    """django-axes' answer once an account or an address is locked (AXES_LOCKOUT_CALLABLE)."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = _context(request, title=_("Sign-in locked"), minutes=minutes)
    return TemplateResponse(request, "staff/locked_out.html", context, status=429).render()
