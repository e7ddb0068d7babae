"""The demo has people in it: registrations made through the services, so the seat counters,
waiting lists and the back office agree; accounts to sign in with, in development only."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from registration.capacity.seating import SEATED
from registration.demo import DEMO_EMAIL_DOMAIN, PLANS
from registration.hotline.models import CheckIn
from registration.models import Booking, CapacityItem, Registration

pytestmark = pytest.mark.django_db
Status = Registration.Status


def _load_demo():
    call_command("load_demo", verbosity=0)
    call_command("load_demo_registrations", stdout=StringIO())


# One test for the whole demo: a few hundred sign-ups through the services take seconds.
def test_demo_conferences_have_a_few_hundred_registrations_of_every_kind():
    _load_demo()
    leipzig = Registration.objects.filter(conference__slug="2018-leipzig")
    assert leipzig.count() == PLANS["2018-leipzig"].people
    assert Registration.objects.count() == sum(plan.people for plan in PLANS.values())
    statuses = Counter(leipzig.values_list("status", flat=True))
    assert set(statuses) == {Status.CONFIRMED, Status.WAITLISTED, Status.PENDING, Status.CANCELLED}
    assert len(set(leipzig.values_list("category", flat=True))) >= 5
    assert len(set(leipzig.values_list("country", flat=True))) >= 10
    assert leipzig.filter(gala_dinner=True).exists()
    assert leipzig.filter(world_cafe_table__isnull=False).exists()
    assert leipzig.filter(email_status=Registration.EmailStatus.BOUNCED).count() == 5
    assert CheckIn.objects.filter(registration__conference__slug="2018-leipzig").count() == 45
    assert all(r.email.endswith("@" + DEMO_EMAIL_DOMAIN) for r in Registration.objects.all())

    # Waiting lists for the dinner, the reserved days and the World Café tables.
    waiting = Booking.objects.filter(state=Booking.State.WAITING)
    assert {"dinner", "day", "table"} <= set(waiting.values_list("item__kind", flat=True))

    # Made through the services: the seat counters equal the seats held.
    for item in CapacityItem.objects.all():
        seated = Booking.objects.filter(item=item, state__in=SEATED).count()
        assert (str(item), item.taken) == (str(item), seated)
        assert item.taken <= item.capacity

    # `make run` loads the demo each time: nobody is added twice.
    _load_demo()
    assert Registration.objects.count() == sum(plan.people for plan in PLANS.values())


def test_demo_accounts_are_made_and_printed_in_development_only(settings, capsys):
    from django.contrib.auth import get_user_model

    settings.DEBUG = False
    call_command("load_demo_registrations")
    assert not get_user_model().objects.filter(username__in=["organiser", "hotline"]).exists()
    settings.DEBUG = True
    call_command("load_demo_registrations")
    printed = capsys.readouterr().out
    assert "organiser / organiser-demo" in printed and "hotline / hotline-demo" in printed
    organiser = get_user_model().objects.get(username="organiser")
    assert organiser.is_staff and organiser.check_password("organiser-demo")
    assert organiser.groups.filter(name="Organisers").exists()
