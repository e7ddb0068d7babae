"""The rows of a back-office list, as Django's admin writes them, for less.

Django's admin works out each cell from scratch: which field the column shows, its classes,
whether it links, the change URL (reversed per link) with the list's filters appended (the
URL resolved again per link), the empty value, the choices' labels, and a `format_html` per
cell. On the registrations list that was two thirds of the page's time for 50 rows. Here
what is the same for every row is worked out once per page; each cell then costs a lookup
and a string. `tests/hotline/test_changelist_rows.py` compares the output with Django's.

Only what the back office uses is written here: a popup or an editable list (list_editable)
falls back to Django's rows."""

import datetime
import html

from django.contrib.admin.templatetags.admin_list import (
    _coerce_field_name,
    items_for_result,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
    quote,
)
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

_PK = "8314159265"  # stands for the primary key in the change URL worked out once


class _Column:
    """What Django's items_for_result decides per cell that depends only on the column."""

    def __init__(self, cl, field_name, index, *, links, first):
        model_admin = cl.model_admin
        self.name = field_name
        self.field = _model_field(cl.model, field_name)
        self.empty = model_admin.get_empty_value_display()
        self.links = links
        self.tag = "th" if links and first else "td"
        attr = None if self.field else _attribute(model_admin, cl.model, field_name)
        # A ModelAdmin method is called directly (lookup_field finds it anew per cell).
        self.admin_method = attr if _is_admin_method(model_admin, cl.model, field_name) else None
        self.empty = getattr(attr, "empty_value_display", self.empty)
        self.boolean = getattr(attr, "boolean", False)
        if isinstance(attr, property) and hasattr(attr, "fget"):
            self.boolean = getattr(attr.fget, "boolean", False)
        classes = ["field-" + _coerce_field_name(field_name, index)]
        if field_name == "action_checkbox":
            classes = ["action-checkbox"]
        if isinstance(self.field, (models.DateField, models.TimeField, models.ForeignKey)):
            classes.append("nowrap")
        self.classes = " ".join(classes)
        self.choices = None
        if self.field is not None and getattr(self.field, "flatchoices", None):
            try:
                # Labels translated once per page, not once per cell.
                self.choices = {key: str(label) for key, label in self.field.flatchoices}
            except TypeError:  # list-like choices: Django's own path handles them
                self.choices = None
        # Plain text shows as itself (display_for_field's answer, without its type tests).
        self.is_text = type(self.field) in (models.CharField, models.TextField, models.EmailField)
        self.is_relation = self.field is not None and isinstance(
            self.field.remote_field, models.ManyToOneRel
        )
        self.labels = {}  # a related row's label by its key: a page shows a few, many times
        # The format is looked up once per page; Django's localize() does per cell.
        self.datetime_format = None
        if isinstance(self.field, models.DateTimeField):
            self.datetime_format = get_format("DATETIME_FORMAT")

    def display(self, result, model_admin):
        """The cell's content (escaped or safe) and classes, as Django's admin shows them."""
        try:
            if self.admin_method is not None:
                value = self.admin_method(result)
            elif self.field is None:
                _field, _attr, value = lookup_field(self.name, result, model_admin)
            else:
                value = getattr(result, self.name)
        except ObjectDoesNotExist:
            return self.empty, self.classes
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if self.field is None:
            nowrap = isinstance(value, (datetime.date, datetime.time))
            classes = self.classes + " nowrap" if nowrap else self.classes
            return display_for_value(value, self.empty, self.boolean), classes
        if self.is_relation:
            return self._label(result, value), self.classes
        if self.choices is not None:
            return self.choices.get(value, self.empty), self.classes
        if self.datetime_format is not None:
            if value is None:
                return self.empty, self.classes
            return dateformat.format(template_localtime(value), self.datetime_format), self.classes
        if self.is_text:
            return (self.empty if value in (None, "") else value), self.classes
        return display_for_field(value, self.field, self.empty, avoid_link=self.links), self.classes

    def _label(self, result, value):
        if value is None:
            return self.empty
        key = getattr(result, self.field.attname)
        if key not in self.labels:
            self.labels[key] = mark_safe(escaped(value))
        return self.labels[key]


def escaped(content):
    """conditional_escape without its lazy-string wrapper (a thousand calls a page; the
    sidebar's links use it too)."""
    if hasattr(content, "__html__"):
        return content.__html__()
    return html.escape(str(content))


def _model_field(model, name):
    """The model field Django's admin shows the column as, None for a value (a callable, a
    property, the automatic primary key)."""
    if callable(name):
        return None
    try:
        field = _get_non_gfk_field(model._meta, name)
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
        return None
    return None if field.auto_created else field


def _is_admin_method(model_admin, model, name):
    """Whether lookup_field would call the ModelAdmin's method `name` with the row."""
    if not isinstance(name, str) or name == "__str__" or not hasattr(model_admin, name):
        return False
    try:
        _get_non_gfk_field(model._meta, name)
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
        return True
    return False


def _attribute(model_admin, model, name):
    if callable(name):
        return name
    if hasattr(model_admin, name) and name != "__str__":
        return getattr(model_admin, name)
    return getattr(model, name, None)


def _change_url_parts(cl):
    """The change URL with the list's filters, split where the primary key goes."""
    url = reverse(
        f"admin:{cl.opts.app_label}_{cl.opts.model_name}_change",
        args=(_PK,),
        current_app=cl.model_admin.admin_site.name,
    )
    url = add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url)
    before, _sep, after = url.partition(_PK)
    return escape(before), escape(after)


def _columns(cl):
    links = cl.list_display_links
    columns, first = [], True
    for index, name in enumerate(cl.list_display):
        linked = links is not None and ((first and not links) or name in links)
        columns.append(_Column(cl, name, index, links=linked, first=first))
        first = first and not linked
    return columns


def result_rows(cl):
    """Each row of the page as one safe string of cells (without the <tr>)."""
    if getattr(cl, "formset", None) or cl.is_popup or cl.to_field:
        return [mark_safe("".join(items_for_result(cl, result, None))) for result in cl.result_list]
    columns = _columns(cl)
    before, after = _change_url_parts(cl)
    pk_attname, model_admin = cl.pk_attname, cl.model_admin
    rows = []
    for result in cl.result_list:
        url = before + escape(quote(getattr(result, pk_attname))) + after
        cells = []
        for column in columns:
            content, classes = column.display(result, model_admin)
            content = escaped(content)
            if column.links:
                content = f'<a href="{url}">{content}</a>'
            cells.append(f'<{column.tag} class="{classes}">{content}</{column.tag}>')
        rows.append(mark_safe("".join(cells)))
    return rows
