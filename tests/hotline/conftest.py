"""Staff users of the back office and a conference with registrations."""

from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories import make_conference

hotline_roles = import_module("registration.hotline.migrations.0003_hotline_group")


def _staff(django_user_model, username, *, groups=(), permissions=()):
    user = django_user_model.objects.create_user(
        username=username, password="pw", is_staff=True, email=f"{username}@example.org"
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    user.user_permissions.add(*permissions)
    return user


@pytest.fixture
def hotline_user(django_user_model):
    return _staff(django_user_model, "hotline", groups=["Hotline"])


@pytest.fixture
def organiser_user(django_user_model):
    """Staff who may edit the whole programme (every conferences permission) but is not in
    the Hotline group."""
    programme = Permission.objects.filter(content_type__app_label="conferences")
    return _staff(django_user_model, "organiser", permissions=programme)


@pytest.fixture
def hotline_lead_user(django_user_model):
    return _staff(django_user_model, "lead", groups=["Hotline lead"])


@pytest.fixture
def hotline_client(client, hotline_user):
    client.force_login(hotline_user)
    return client


@pytest.fixture
def hotline_lead_client(client, hotline_lead_user):
    """Exports, erasure and emails to many people are the hotline lead's."""
    client.force_login(hotline_lead_user)
    return client


@pytest.fixture
def conference():
    return make_conference(capacity=10, gala_dinner_capacity=5)


@pytest.fixture
def hotline_group():
    """The group as its data migration makes it (a transactional test may run after
    another one's flush, which empties the table)."""
    group, _ = Group.objects.get_or_create(name=hotline_roles.GROUP_NAME)
    for app_label, codenames in hotline_roles.PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    return group
