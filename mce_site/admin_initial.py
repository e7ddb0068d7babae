"""Admin "add" pages take initial values from the query string (`?day=3`). Given a value that
is no key of the related table (`?day=2099-99-99`), the autocomplete widget queries with it
and fails with a server error; such a value is dropped, as if it had not been given."""

from django.core.exceptions import FieldDoesNotExist, ValidationError


class ValidInitialDataMixin:
    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            if not _fits(self.model, name, value):
                del initial[name]
        return initial


def _fits(model, name, value):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return True
    if not field.is_relation or field.target_field is None:
        return True
    try:
        for one in value if isinstance(value, list) else [value]:
            field.target_field.to_python(one)
    except ValidationError:
        return False
    return True
