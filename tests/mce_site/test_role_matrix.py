"""Who sees what in the back office: every URL of both admin sites, enumerated from the URL
resolver at run time (so pages other apps add later are covered), requested as every role.

Model pages (list, add, change, delete, history) are expected to answer as the role's
permissions say; other pages need an entry in PAGE_RULES, so a new page cannot slip in
without someone deciding who may open it. Throughout, a registrant's name appears only for
roles that may see personal data."""

import pytest
from django.contrib.admin.sites import all_sites
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, reverse

from registration.hotline.services import log_call
from registration.questions.services import save_answers
from tests.factories import (
    make_conference,
    make_question,
    make_registration,
    make_session,
    make_speaker,
)
from tests.press.factories import make_contact, make_news, make_release

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "organiser", "hotline", "hotline_lead", "press_officer", "superuser"]
GROUPS = {
    "organiser": "Organisers",
    "hotline": "Hotline",
    "hotline_lead": "Hotline lead",
    "press_officer": "Press officer",
}
SECRET_NAME = "Zwetschkenbaum"
MODEL_ACTIONS = ("changelist", "add", "change", "delete", "history")
SITES = {site.name: site for site in all_sites}
MEMBER = "member of the site"


def _perm(*codenames):
    return lambda user: user.has_perms(codenames)


# Pages that are not a model's list, form, delete or history: who may open them (besides
# being a member of the site), and what a member without that gets.
PAGE_RULES = {
    "login": (None, 200),
    "logout": (None, 405),  # sign-out is a POST
    "password_change": (None, None),
    "password_change_done": (None, None),
    "index": (None, None),
    "jsi18n": (None, None),
    "autocomplete": (None, None),  # answers 403 without its query parameters
    "view_on_site": (None, None),
    "app_list": ("app", 404),
    "dashboard": (None, None),
    "check_in": (_perm("hotline.add_checkin"), 403),
    "check_in_list": (None, None),
    "participants": (_perm("hotline.export_registrations"), 403),
    "registration_export": (_perm("hotline.export_registrations"), 403),
    "registration_booking": (_perm("registration.change_registration"), 403),
    "registration_answers": (_perm("registration.change_registration"), 403),
    "registration_do": (_perm("registration.change_registration"), 403),
    "registration_personal_data": (_perm("hotline.erase_personal_data"), 403),
    "registration_erase": (_perm("hotline.erase_personal_data"), 403),
    "registration_certificate": (_perm("registration.view_registration"), 403),
    "registration_mass_email": (_perm("hotline.email_many_registrants"), 403),
    "registration_registration_simple_history": (_perm("registration.view_registration"), 403),
    "auth_user_password_change": (_perm("auth.change_user"), 403),
    # Programme import (conferences/imports.py): adds and changes rows, so it needs both.
    **{
        f"conferences_{model}_import": (
            _perm(f"conferences.add_{model}", f"conferences.change_{model}"),
            403,
        )
        for model in ("session", "speaker", "topic")
    },
    **{
        f"conferences_{model}_process_import": (None, None)
        for model in ("session", "speaker", "topic")
    },
    # Nobody reads an authenticator's secret key again (OTP_ADMIN_HIDE_SENSITIVE_DATA).
    "otp_totp_totpdevice_config": (lambda user: False, 403),
    "otp_totp_totpdevice_qrcode": (lambda user: False, 403),
}
# What members get on pages open to them (several where the answer depends on the data).
OPEN_PAGE_STATUSES = {
    "login": {302},  # a member is sent on to the index
    "logout": {405},
    "autocomplete": {403},
    "view_on_site": {302, 404},
    "registration_certificate": {404},  # nobody of the test world was checked in
    # Confirming an import is a POST (after the preview); its permission: test_imports.py.
    **{f"conferences_{model}_process_import": {405} for model in ("session", "speaker", "topic")},
}


def _admin_urls():
    """(site, url name, URL pattern) for every page of every admin site."""

    def walk(resolver, namespace=None):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, entry.namespace or namespace)
            elif namespace in SITES and entry.name:
                yield namespace, entry.name, entry

    return sorted({(ns, name): entry for ns, name, entry in walk(get_resolver())}.items())


ADMIN_URLS = _admin_urls()


@pytest.fixture
def world(django_user_model):
    conference = make_conference()
    registration = make_registration(conference, first_name="Wilhelmine", last_name=SECRET_NAME)
    registration.city = "Linz"
    registration.save()  # a history version
    staff = django_user_model.objects.create_superuser("root", password="pw")
    log_call(registration=registration, staff_user=staff, channel="phone", text="Anruf")
    make_session(conference, speakers=[make_speaker()])
    # A question answered with the name: its admin pages must not show the answer to anyone
    # who may not see registrants.
    question = make_question(conference, label="Which topics interest you?")
    save_answers(registration=registration, answers={question: f"Ask {SECRET_NAME}"})
    make_release(conference, contact=make_contact())
    make_news()
    users = {"anonymous": None, "superuser": staff}
    for role, group in GROUPS.items():
        user = django_user_model.objects.create_user(role, password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        users[role] = user
    return {"conference": conference, "registration": registration, "users": users}


def _url(site_name, name, pattern, world, model):
    registration = world["registration"]
    values = {
        "conference_id": world["conference"].pk,
        "pk": registration.pk,
        "file_format": "csv",
        "action": "cancel",
        "version_id": registration.history.first().history_id,
        "content_type_id": ContentType.objects.get_for_model(type(world["conference"])).pk,
        "app_label": model._meta.app_label if model else None,
    }
    kwargs = {}
    obj = None
    for param in pattern.pattern.regex.groupindex:
        if param in ("object_id", "id"):
            obj = model.objects.first() if model else world["conference"]
            kwargs[param] = obj.pk if obj else 0
        elif param == "url":
            return None, None  # the catch-all "not found" pattern
        else:
            kwargs[param] = values[param]
    if pattern.pattern.regex.groups > len(kwargs):  # simple_history's unnamed groups
        args = [registration.pk, values["version_id"]]
        return reverse(f"{site_name}:{name}", args=args), registration
    return reverse(f"{site_name}:{name}", kwargs=kwargs), obj


def _model_page(site, name):
    """(ModelAdmin, action) when `name` is one of a registered model's standard pages."""
    for model, model_admin in site._registry.items():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        action = name.removeprefix(prefix)
        if name.startswith(prefix) and action in MODEL_ACTIONS:
            return model_admin, action
    return None, None


def _model_named_in(site, name):
    """The registered model a custom page belongs to ("auth_user_password_change")."""
    for model in site._registry:
        if name.startswith(f"{model._meta.app_label}_{model._meta.model_name}_"):
            return model
    return None


def _expected(site, name, model_admin, action, user, app_label, obj):
    request = RequestFactory().get("/")
    request.user = user
    if user is None:
        return {200} if name == "login" else {302}
    if not site.has_permission(request):
        return {200} if name == "login" else {302}
    if model_admin is not None:
        if obj is None and action == "history":
            return {302}  # admin answers "does not exist" before it checks permissions
        allowed = {
            "changelist": model_admin.has_view_or_change_permission(request),
            "add": model_admin.has_add_permission(request),
            "change": model_admin.has_view_or_change_permission(request, obj),
            "delete": model_admin.has_delete_permission(request, obj),
            "history": model_admin.has_view_or_change_permission(request, obj),
        }[action]
        if not allowed:
            return {403}
        return {302} if obj is None and action in ("change", "delete", "history") else {200}
    assert name in PAGE_RULES, f"{site.name}:{name} is a new page: add it to PAGE_RULES"
    rule, refused = PAGE_RULES[name]
    if rule == "app":
        allowed = bool(site.get_app_list(request, app_label))
    else:
        allowed = rule is None or rule(user)
    if not allowed:
        return {refused}
    return OPEN_PAGE_STATUSES.get(name, {200})


@pytest.mark.parametrize(
    ("site_and_name", "pattern"),
    ADMIN_URLS,
    ids=lambda v: ":".join(v) if isinstance(v, tuple) else "",
)
def test_every_back_office_page_answers_each_role_as_its_permissions_say(
    client, world, site_and_name, pattern
):
    site_name, name = site_and_name
    site = SITES[site_name]
    model_admin, action = _model_page(site, name)
    labels = [None]
    if name == "app_list":
        labels = sorted({model._meta.app_label for model in site._registry})
    for app_label in labels:
        model = model_admin.model if model_admin else _model_named_in(site, name)
        if app_label:
            model = next(m for m in site._registry if m._meta.app_label == app_label)
        url, obj = _url(site_name, name, pattern, world, model)
        if url is None:
            continue
        for role in ROLES:
            user = world["users"][role]
            client.logout()
            if user is not None:
                client.force_login(user)
            response = client.get(url)
            expected = _expected(site, name, model_admin, action, user, app_label, obj)
            assert response.status_code in expected, (role, url, response.status_code)
            sees_personal_data = user is not None and user.has_perm("hotline.use_back_office")
            if not sees_personal_data:
                assert SECRET_NAME not in response.content.decode(errors="replace"), (role, url)


def test_the_matrix_covers_both_sites_and_every_registered_model():
    names = {name for (_site, name), _pattern in ADMIN_URLS}
    for site in SITES.values():
        for model in site._registry:
            assert f"{model._meta.app_label}_{model._meta.model_name}_changelist" in names
    assert {"registration_erase", "registration_export", "dashboard"} <= names
