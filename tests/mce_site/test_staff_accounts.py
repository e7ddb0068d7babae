"""Staff accounts resist attack: locked after repeated failed sign-ins, a second factor with
backup codes (required in production), a logged reset of a lost device, sessions that end."""

import time

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mce_site.staff import middleware as staff_sessions
from mce_site.staff.second_factor import confirm_app_device, pending_app_device

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase-1848"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "desk", password=PASSWORD, is_staff=True, is_superuser=True
    )


@pytest.fixture(autouse=True)
def _no_pause_after_a_wrong_code(settings):
    # django-otp makes each wrong code double the wait for the next try (1 s, 2 s, ...);
    # these tests type the right code right after a wrong one.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def second_factor_required(settings):
    settings.STAFF_SECOND_FACTOR_REQUIRED = True


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrolled(user):
    device = pending_app_device(user)
    codes = confirm_app_device(device=device, token=current_code(device))
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # the code may be used again
    return device, codes


def sign_in(client, password=PASSWORD, code="", username="desk"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "otp_token": code, "next": "/admin/"},
    )


def test_a_wrong_password_five_times_locks_the_account_with_a_clear_message(client, staff):
    for _ in range(4):
        assert sign_in(client, password="wrong").status_code == 200
    response = sign_in(client, password="wrong")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    # Locked: even the right password does not get in now.
    assert sign_in(client).status_code == 429


def test_signing_in_without_a_second_factor_works_where_it_is_optional(client, staff):
    assert sign_in(client).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_without_a_second_factor_must_set_one_up_where_it_is_required(
    client, staff, second_factor_required
):
    sign_in(client)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("staff:second_factor")
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert "otpauth://" not in response.content.decode()  # shown as a QR code and a key
    assert "<svg" in response.content.decode()
    assert client.post(reverse("staff:second_factor"), {"token": "000000"}).status_code == 200
    response = client.post(reverse("staff:second_factor"), {"token": current_code(device)})
    codes = response.context["codes"]
    assert len(codes) == 10
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("hotline:index")).status_code == 200


def test_with_a_second_factor_the_code_is_required_and_checked(client, staff):
    device, _codes = enrolled(staff)
    response = sign_in(client)
    assert response.status_code == 200
    assert "one-time code is missing or wrong" in response.content.decode()
    assert sign_in(client, code="123456").status_code == 200
    assert sign_in(client, code=current_code(device)).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_backup_code_signs_in_once(client, staff, second_factor_required):
    _device, codes = enrolled(staff)
    assert sign_in(client, code=codes[0]).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()
    assert sign_in(client, code=codes[0]).status_code == 200
    assert StaticToken.objects.filter(device__user=staff).count() == 9


def test_wrong_codes_count_towards_the_lock(client, staff):
    enrolled(staff)
    for _ in range(4):
        sign_in(client, code="000000")
    assert sign_in(client, code="000000").status_code == 429


def test_a_superuser_resets_a_lost_device_and_it_is_logged(
    client, staff, django_user_model, caplog
):
    colleague = django_user_model.objects.create_user("colleague", is_staff=True)
    enrolled(colleague)
    client.force_login(staff)
    with caplog.at_level("WARNING", logger="mce_site.security"):
        response = client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "reset_second_factor_action", "_selected_action": [colleague.pk]},
        )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert not StaticToken.objects.filter(device__user=colleague).exists()
    entry = LogEntry.objects.get(object_id=str(colleague.pk))
    assert (entry.user, entry.change_message) == (staff, "Second factor reset (lost device).")
    assert any(r.getMessage() == "second factor reset" for r in caplog.records)


def test_only_superusers_may_reset_a_second_factor(client, django_user_model):
    from django.contrib.auth.models import Permission

    manager = django_user_model.objects.create_user("manager", is_staff=True)
    manager.user_permissions.add(*Permission.objects.filter(codename__endswith="_user"))
    client.force_login(manager)
    page = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "reset_second_factor_action" not in page


def test_staff_sessions_end_after_the_idle_time_and_after_twelve_hours(
    client, staff, monkeypatch, settings
):
    assert settings.STAFF_SESSION_MAX_HOURS == 12
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    clock = {"now": time.time()}
    monkeypatch.setattr(staff_sessions.time, "time", lambda: clock["now"])

    def admin_after(minutes):
        clock["now"] += minutes * 60
        return client.get(reverse("admin:index")).status_code

    client.force_login(staff)
    assert admin_after(50) == 200  # within the idle time
    assert admin_after(61) == 302  # idle for more than an hour
    client.force_login(staff)
    busy_day = [admin_after(30) for _ in range(2 * 12)]  # a request every half hour
    assert set(busy_day) == {200}
    assert admin_after(30) == 302  # twelve and a half hours after signing in


def test_password_validators_stay(settings):
    names = [v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
