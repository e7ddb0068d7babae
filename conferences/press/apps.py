from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "conferences.press"
    label = "press"
    verbose_name = _("Press")

    def ready(self):
        from conferences.demo import on_demo_shift

        from .demo import shift_embargoed_releases

        on_demo_shift(shift_embargoed_releases)
