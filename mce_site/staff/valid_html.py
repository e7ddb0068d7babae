"""Admin widgets Django renders as invalid HTML (the Nu Html Checker's errors), fixed in one
place for every admin that uses them:

- an autocomplete <select> with an empty <option> that has no label, or, when the field is
  required, without the empty placeholder <option> a required <select> must start with;
- a hidden "initial-" input (fields with a callable default) that repeats the field's
  aria-describedby, which hidden inputs must not have;
- the read-only password summary, a <div> that gets the field's `disabled` attribute."""

from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.forms import ReadOnlyPasswordHashWidget

EMPTY_LABEL = "---------"  # what Django's plain <select> shows for "nothing chosen"


class AutocompleteSelectWithEmptyChoice(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        options = [option for _group, group_options, _index in groups for option in group_options]
        for option in options:
            if option["value"] == "" and not option["label"]:
                option["label"] = EMPTY_LABEL
        if not options or options[0]["value"] != "":
            # A required single <select> starts with an empty placeholder option.
            placeholder = self.create_option(name, "", EMPTY_LABEL, not options, 0)
            groups[0][1].insert(0, placeholder)
        return groups


class ValidHtmlAdminMixin:
    """For ModelAdmins and inlines: autocomplete fields and callable defaults as valid HTML."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelectWithEmptyChoice(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        # The hidden initial value only tells an untouched extra inline row from a new one;
        # a main form does not need it.
        if formfield is not None and not getattr(self, "parent_model", None):
            formfield.show_hidden_initial = False
        return formfield


class PasswordSummaryWidget(ReadOnlyPasswordHashWidget):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("disabled", None)  # a <div> cannot be disabled
        return context
