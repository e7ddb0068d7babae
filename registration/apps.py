from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("Registration")

    def ready(self):
        from conferences.capacity import use_seat_counter
        from conferences.models import Conference, Day, WorldCafeTable

        from . import capacity

        # conferences configures seats and never imports us: we count them for its pages.
        use_seat_counter(capacity.SeatCounter())
        # The seat counters follow every saved capacity (admin, fixtures, shell). A signal,
        # because the configuration lives in the lower app; it only syncs the counters.
        for model in (Conference, Day, WorldCafeTable):
            post_save.connect(_sync_counters, sender=model, dispatch_uid=f"sync-{model.__name__}")


def _sync_counters(sender, instance, raw=False, **kwargs):
    from conferences.models import Conference

    from .capacity import sync_items

    conference = instance if isinstance(instance, Conference) else instance.conference
    if raw and not Conference.objects.filter(pk=conference.pk).exists():
        return  # fixtures: the conference row comes later and syncs everything
    sync_items(conference)  # a raised capacity is given to the waiting lists by the sweep
