from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "registration.hotline"
    label = "hotline"
    verbose_name = _("Hotline back office")
