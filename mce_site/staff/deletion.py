"""Delete confirmations in admin list what a delete would remove or is blocked by. For staff
who may not see registrants (no `hotline.use_back_office`), rows that hold personal data are
never listed: the delete is refused with a message that counts them instead."""

from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from mce_site.personal_data import personal_data_models

PERSONAL_DATA_PERMISSION = "hotline.use_back_office"


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
