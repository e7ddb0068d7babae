"""The second factor of staff accounts (django-otp): an authenticator app (TOTP) and
single-use backup codes. These are the rules; views and the admin sites call them."""

import logging

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger("mce_site.security")

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


def second_factor_satisfied(user):
    """Whether a signed-in staff member may use the back office: verified with a second
    factor where it is required (production), always elsewhere."""
    if not settings.STAFF_SECOND_FACTOR_REQUIRED:
        return True
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def needs_enrolment(user):
    """Staff signed in by password who have no second factor yet, where one is required."""
    return (
        settings.STAFF_SECOND_FACTOR_REQUIRED
        and user.is_authenticated
        and user.is_staff
        and not user_has_device(user, confirmed=True)
    )


def pending_app_device(user):
    """The authenticator app being set up (one per account, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def confirm_app_device(*, device, token):
    """Confirms the app when `token` is its current code; returns the new backup codes, or
    None when the code is wrong. Earlier confirmed apps of the account are replaced."""
    if not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_backup_codes(user=device.user)


@transaction.atomic
def new_backup_codes(*, user):
    """Replaces the account's backup codes by BACKUP_CODE_COUNT new ones (each works once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def reset_second_factor(*, user, by=None):
    """A lost device: removes every second factor of `user`, who sets up a new one at the
    next sign-in. Logged twice: in the admin's history of the account (when a staff member
    did it) and in the security log."""
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    if by is not None:
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=[user],
            action_flag=CHANGE,
            change_message="Second factor reset (lost device).",
            single_object=True,
        )
    logger.warning(
        "second factor reset",
        extra={"user_id": user.pk, "by_user_id": getattr(by, "pk", None), "devices": removed},
    )
    return removed
