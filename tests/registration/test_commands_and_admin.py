"""Cron commands and the participant-category admin."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from registration.models import Registration
from tests.factories import make_conference, make_registration

pytestmark = pytest.mark.django_db


def test_expire_command_expires_stale_pending_and_promotes(capsys, sent, mailoutbox):
    conference = make_conference(capacity=1)
    stale = make_registration(
        conference, status=Registration.Status.PENDING, expires_at=timezone.now()
    )
    waiting = make_registration(
        conference, status=Registration.Status.WAITLISTED, waitlisted_at=timezone.now()
    )
    with sent():
        call_command("expire_registrations")
    assert "1 expired, 0 offers lapsed, 0 reminders, 1 promoted." in capsys.readouterr().out
    stale.refresh_from_db()
    waiting.refresh_from_db()
    assert (stale.status, waiting.status) == ("expired", "confirmed")
    assert [m.to for m in mailoutbox] == [[waiting.email]]


def test_reminders_go_once_to_confirmed_registrants_of_conferences_starting_soon(sent, mailoutbox):
    soon = make_conference(start_date=timezone.localdate() + datetime.timedelta(days=2))
    later = make_conference(start_date=timezone.localdate() + datetime.timedelta(days=20))
    confirmed = make_registration(soon, language="de")
    make_registration(soon, status=Registration.Status.CANCELLED)
    make_registration(later)
    with sent():
        call_command("send_registration_reminders", "--days-before", "3")
        call_command("send_registration_reminders", "--days-before", "3")
    assert [m.to for m in mailoutbox] == [[confirmed.email]]
    assert mailoutbox[0].attachments  # the personal calendar


def test_category_admin_lists_categories_with_their_conference(
    admin_client, django_assert_max_num_queries
):
    conference = make_conference()
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("admin:registration_participantcategory_changelist"))
    assert response.status_code == 200
    assert "Member city" in response.content.decode()
    assert conference.title in response.content.decode()


def test_registrations_are_not_in_the_main_admin(admin_client):
    from django.contrib import admin

    assert Registration not in admin.site._registry
