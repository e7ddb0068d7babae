"""Back-office accounts for the demo, so a newcomer can sign in to /operations/ and /admin/.
Development only: the passwords are in the README, and production requires a second factor
anyway (`load_demo_registrations` refuses to make them unless DEBUG is on)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

# (username, password, group, what they see) — the README lists the same.
DEMO_ACCOUNTS = [
    ("organiser", "organiser-demo", "Organisers", "/admin/"),
    ("hotline", "hotline-demo", "Hotline", "/operations/"),
]


def make_demo_accounts():
    """Creates (or resets to the documented password) each demo account; returns them as
    (username, password, where) for printing."""
    User = get_user_model()
    made = []
    for username, password, group_name, where in DEMO_ACCOUNTS:
        user, _created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@demo.example"}
        )
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=group_name))
        made.append((username, password, where))
    return made
