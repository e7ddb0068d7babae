from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfServiceConfig(AppConfig):
    name = "registration.self_service"
    label = "self_service"
    verbose_name = _("Attendee self-service")
