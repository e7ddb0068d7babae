from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "registration.outbox"
    label = "outbox"
    verbose_name = _("Email outbox")

    def ready(self):
        from . import checks, tracking  # noqa: F401  (system checks, the tracking webhook receiver)
