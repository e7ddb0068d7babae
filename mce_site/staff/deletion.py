"""Delete confirmations in admin list what a delete would remove or is blocked by. For staff
who may not see registrants (no `hotline.use_back_office`), rows that hold personal data are
never listed: the delete is refused with a message that counts them instead."""

from django.apps import apps
from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.utils.text import capfirst
from django.utils.translation import gettext as _

PERSONAL_DATA_PERMISSION = "hotline.use_back_office"


def personal_data_models():
    """Registration and every model that refers to it, found at run time (so models added
    later are covered), with their history models."""
    registration = apps.get_model("registration", "Registration")
    found = {registration}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if field.is_relation and field.many_to_one and field.related_model is registration:
                found.add(model)
    for model in list(found):
        history = getattr(model, "history", None)
        if history is not None and hasattr(history, "model"):
            found.add(history.model)
    return found


class PersonalDataSafeDeletion:
    def get_deleted_objects(self, objs, request):
        if request.user.has_perm(PERSONAL_DATA_PERMISSION):
            return super().get_deleted_objects(objs, request)
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        personal = personal_data_models()
        counts = {}
        for model, instances in collector.model_objs.items():
            if model in personal:
                counts[model] = counts.get(model, 0) + len(instances)
        for instance in collector.protected:
            if type(instance) in personal:
                counts[type(instance)] = counts.get(type(instance), 0) + 1
        if not counts:
            return super().get_deleted_objects(objs, request)
        summary = ", ".join(
            f"{count} × {capfirst(model._meta.verbose_name_plural)}"
            for model, count in counts.items()
        )
        refusal = _(
            "%(summary)s: personal data, which you may not see. It must be erased in the "
            "hotline back office before this can be deleted."
        ) % {"summary": summary}
        return [], {}, set(), [refusal]
