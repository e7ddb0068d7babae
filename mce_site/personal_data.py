"""Which tables hold registrants' personal data, found at run time: Registration, every model
with a foreign key to it (whatever app adds one later) and their history models. The admin's
delete confirmations and the hotline's erasure both ask here."""

from django.apps import apps


def registration_model():
    return apps.get_model("registration", "Registration")


def models_referring_to(model):
    """Every model with a foreign key (or one-to-one key) to `model`, many-to-many tables
    Django makes itself included."""
    return [
        candidate
        for candidate in apps.get_models(include_auto_created=True)
        if any(
            field.is_relation
            and field.many_to_one | field.one_to_one
            and field.concrete
            and field.related_model is model
            for field in candidate._meta.get_fields()
        )
    ]


def history_model(model):
    """The django-simple-history model of `model`, or None."""
    history = getattr(model, "history", None)
    return getattr(history, "model", None)


def personal_data_models():
    """Tables whose rows may name or reach a registrant (the many-to-many tables Django makes
    itself only link a registration to days: not counted)."""
    registration = registration_model()
    referring = [m for m in models_referring_to(registration) if not m._meta.auto_created]
    found = {registration, *referring}
    return found | {history_model(m) for m in found if history_model(m) is not None}
