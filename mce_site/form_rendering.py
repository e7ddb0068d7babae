"""Bootstrap 5 form fields rendered in Python, for the forms on the hot path (the public
registration form and the attendee's change form).

crispy-bootstrap5 renders each field through five to eight nested templates, and Django
renders each widget and each <option> through templates of its own: on the registration form
that was about 85 % of the request's CPU (profile: `make profile PAGE=...`). `FastField` is a
crispy layout object that writes the same markup as crispy-bootstrap5's `field.html` (labels,
`requiredField` asterisks, `is-invalid`, error and help blocks, fieldsets with legends for
radio and checkbox groups), taking every attribute from Django's own `BoundField` and widget
(`build_widget_attrs`, `get_context`), so `required`, `aria-invalid` and `aria-describedby`
stay exactly Django's. Widgets it does not know are rendered by Django as before.

The country list (about 250 options) is the same for every visitor of a language: its
options are written once per language and process (`country_options`)."""

from crispy_forms.layout import HTML, Column, Fieldset, LayoutObject, Row
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_countries.widgets import LazySelectMixin

ASTERISK = '<span class="asteriskField">*</span>'
CSRF_SLOT = "slot-csrf-input"  # where shared markup takes the visitor's CSRF field
_country_options_by_language = {}


class FastField(LayoutObject):
    """A crispy layout object: `Layout(FastField("first_name"), ...)`; see `fast_fields`."""

    def __init__(self, name):
        self.name = name
        self.fields = [name]

    def render(self, form, context, template_pack=None, **kwargs):
        return render_field(form[self.name])


def fast_fields(*names):
    return [FastField(name) for name in names]


def render_field(bound):
    widget = bound.field.widget
    if widget.is_hidden:
        return _widget_html(bound, None)
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return _choice_group(bound)
    if isinstance(widget, forms.CheckboxInput):
        return _checkbox(bound)
    css = "form-select" if isinstance(widget, forms.Select) else "form-control"
    return format_html(
        '<div id="div_{}" class="mb-3"> {} {} {} {} </div>',
        bound.auto_id,
        _label(bound, "label", f'for="{bound.id_for_label}" class="form-label'),
        _widget_html(bound, css),
        _errors(bound, "span"),
        _help(bound),
    )


def _checkbox(bound):
    return format_html(
        '<div class="mb-3"> <div id="div_{}" class="form-check"> {} <label for="{}" '
        'class="form-check-label{}">{}{}</label> {} {} </div> </div>',
        bound.auto_id,
        _widget_html(bound, "form-check-input"),
        bound.id_for_label,
        " requiredField" if bound.field.required else "",
        bound.label,
        mark_safe(ASTERISK) if bound.field.required else "",
        _errors(bound, "span"),
        _help(bound),
    )


def _choice_group(bound):
    """A radio or checkbox group in a fieldset whose legend is the question."""
    describedby = bound.aria_describedby
    return format_html(
        '<div id="div_{}" class="mb-3"> <fieldset{}> {} <div > {} </div> {} </fieldset> </div>',
        bound.auto_id,
        format_html(' aria-describedby="{}"', describedby) if describedby else "",
        _label(bound, "legend", 'class="form-label'),
        _options(bound),
        _help(bound),
    )


def _options(bound):
    widget = bound.field.widget
    attrs = bound.build_widget_attrs({"id": widget.attrs.get("id") or bound.auto_id})
    values = widget.format_value(bound.value())
    invalid = " is-invalid" if bound.errors else ""
    rows = []
    for _group, options, _index in widget.optgroups(bound.html_name, values, attrs):
        for option in options:
            rows.append(
                format_html(
                    '<div class="form-check"> <input type="{}" class="form-check-input{}" '
                    'name="{}" value="{}"{}> <label for="{}" class="form-check-label">{}</label>',
                    option["type"],
                    invalid,
                    bound.html_name,
                    option["value"],
                    _attrs(option["attrs"]),
                    option["attrs"].get("id", ""),
                    option["label"],
                )
            )
    if rows:  # crispy-bootstrap5 puts the errors into the last option's block
        rows[-1] = format_html("{} {}", rows[-1], _errors(bound, "p"))
    return mark_safe(" </div> ".join(rows) + " </div>" if rows else "")


def _label(bound, tag, opening):
    if not bound.label:
        return ""
    required = bound.field.required
    classes = (" requiredField" if required else "") + (" fs-6" if tag == "legend" else "")
    return format_html(
        '<{} {}{}">{}{}</{}>',
        tag,
        mark_safe(opening),
        classes,
        bound.label,
        mark_safe(ASTERISK) if required else "",
        tag,
    )


def _errors(bound, tag):
    if not bound.errors:
        return ""
    auto_id = bound.auto_id
    items = format_html_join(
        "",
        '<{0} id="error_{1}_{2}"><strong>{3}</strong></{0}>',
        ((tag, n, auto_id, error) for n, error in enumerate(bound.errors, start=1)),
    )
    return format_html('<div id="{}_error" class="invalid-feedback"> {} </div>', auto_id, items)


def _help(bound):
    if not bound.help_text:
        return ""
    # Help texts are written by us, and may hold markup (crispy prints them |safe too).
    help_text = mark_safe(bound.help_text)
    return format_html('<div id="{}_helptext" class="form-text">{}</div>', bound.auto_id, help_text)


def _widget_html(bound, css):
    """The widget's tag, from Django's own widget context; its templates are skipped for the
    inputs, text areas and selects we know, and used for any other widget."""
    widget = bound.field.widget
    attrs = {}
    if css:  # crispy's classes: the widget's own, its class name, Bootstrap's
        own = widget.attrs.get("class", "")
        name = type(widget).__name__.lower()
        classes = (own if name in own else f"{own} {name}").split() + css.split()
        attrs["class"] = " ".join(dict.fromkeys(classes + ["is-invalid"] * bool(bound.errors)))
    attrs = bound.build_widget_attrs(attrs, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    if type(widget).template_name not in _WRITERS or isinstance(widget, forms.SelectMultiple):
        return widget.render(bound.html_name, bound.value(), attrs, bound.form.renderer)
    if _is_country_select(widget):  # get_context would build all ~250 options again
        return _country_select(widget, bound, attrs)
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    return _WRITERS[type(widget).template_name](widget, context)


def _attrs(attrs):
    """Django's widgets/attrs.html: ` name="value"`, a bare name for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {name}")
        elif value is not False:
            parts.append(f' {name}="{conditional_escape(value)}"')
    return mark_safe("".join(parts))


def _input(widget, context):
    value = context["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        context["type"],
        context["name"],
        format_html(' value="{}"', value) if value is not None else "",
        _attrs(context["attrs"]),
    )


def _textarea(widget, context):
    return format_html(
        '<textarea name="{}"{}>\n{}</textarea>',
        context["name"],
        _attrs(context["attrs"]),
        context["value"] or "",
    )


def _select(widget, context):
    options = _select_options(context["optgroups"])
    return format_html(
        '<select name="{}"{}> {}</select>', context["name"], _attrs(context["attrs"]), options
    )


def _country_select(widget, bound, attrs):
    options = _mark_selected(country_options(widget), widget.format_value(bound.value()))
    return format_html(
        '<select name="{}"{}> {}</select>',
        bound.html_name,
        _attrs(widget.build_attrs(widget.attrs, attrs)),
        options,
    )


def _select_options(optgroups):
    lines = []
    for group, options, _index in optgroups:
        rendered = "".join(
            format_html(
                '<option value="{}"{}>{}</option>', o["value"], _attrs(o["attrs"]), o["label"]
            )
            for o in options
        )
        lines.append(
            format_html('<optgroup label="{}">{}</optgroup>', group, mark_safe(rendered))
            if group
            else rendered
        )
    return mark_safe(" ".join(lines))


def _is_country_select(widget):
    return isinstance(widget, LazySelectMixin)


def country_options(widget):
    """The country <option>s, none selected, written once per language: the list is fixed by
    the settings (COUNTRIES_*), its names by the language."""
    language = get_language()
    if language not in _country_options_by_language:
        optgroups = widget.optgroups("country", [], {})
        _country_options_by_language[language] = _select_options(optgroups)
    return _country_options_by_language[language]


def _mark_selected(options, values):
    for value in values or ():
        needle = format_html('<option value="{}">', value)
        options = options.replace(needle, needle[:-1] + " selected>", 1)
    return mark_safe(options)


_WRITERS = {
    "django/forms/widgets/text.html": _input,
    "django/forms/widgets/email.html": _input,
    "django/forms/widgets/url.html": _input,
    "django/forms/widgets/number.html": _input,
    "django/forms/widgets/tel.html": _input,
    "django/forms/widgets/hidden.html": _input,
    "django/forms/widgets/password.html": _input,
    "django/forms/widgets/date.html": _input,
    "django/forms/widgets/checkbox.html": _input,
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/select.html": _select,
}


def render_form(form, *, csrf_input):
    """The whole <form> of a crispy FormHelper layout made of Fieldset, HTML and fields, as
    crispy-bootstrap5's `whole_uni_form.html` writes it (used by `{% fast_form %}`).

    A form whose blank markup is the same for many visitors but for a few values of their own
    says so by `shared_markup()` → (cache key, {slot: the visitor's value}), or None: its
    markup is then written once per key and kept in the cache, with slots where the visitor's
    values (and the CSRF token) go, filled in for each request.

    `csrf_input` may be a function giving the field: it is asked only for a form that posts,
    since asking hands the visitor a CSRF cookie (and a page with a cookie is not stored)."""
    csrf = csrf_input if callable(csrf_input) else lambda: csrf_input
    sharing = form.shared_markup() if hasattr(form, "shared_markup") else None
    if sharing is None:
        return _render_form(form, csrf)
    key, own_values = sharing
    markup = cache.get(key)
    if markup is None:
        markup = str(_render_form(form, lambda: CSRF_SLOT))
        for slot, value in own_values.items():
            markup = markup.replace(value, slot)
        cache.set(key, markup, settings.REFERENCE_CACHE_SECONDS)
    if CSRF_SLOT in markup:
        own_values = {CSRF_SLOT: csrf(), **own_values}
    for slot, value in own_values.items():
        markup = markup.replace(slot, conditional_escape(value))
    return mark_safe(markup)


def _render_form(form, csrf):
    helper = form.helper
    attrs = helper.get_attributes()["attrs"]  # crispy's own: action, id, class, attrs
    post = helper.form_method.lower() == "post" and not helper.disable_csrf
    return format_html(
        '<form{} method="{}"> {} {} {} {} </form>',
        _attrs(attrs),
        helper.form_method,
        csrf() if post else "",
        _non_field_errors(form),
        mark_safe(" ".join(_layout_part(form, part) for part in helper.layout.fields)),
        mark_safe(" ".join(_submit(button) for button in helper.inputs)),
    )


def _layout_part(form, part):
    if isinstance(part, str):
        return render_field(form[part])
    if isinstance(part, FastField):
        return render_field(form[part.name])
    if isinstance(part, Fieldset):
        inner = mark_safe(" ".join(_layout_part(form, child) for child in part.fields))
        return format_html("<fieldset> <legend>{}</legend> {} </fieldset>", part.legend, inner)
    if isinstance(part, Row | Column):
        inner = mark_safe(" ".join(_layout_part(form, child) for child in part.fields))
        classes = part.css_class or ""
        if isinstance(part, Row):
            classes = f"row {classes}"
        elif "col" not in classes:
            classes = f"col-md {classes}"
        return format_html('<div class="{}"> {} </div>', classes.strip(), inner)
    if isinstance(part, HTML):  # ours hold markup only, no template code
        return str(part.html)
    raise TypeError(f"render_form does not know {type(part).__name__}")


def _non_field_errors(form):
    errors = form.non_field_errors()
    if not errors:
        return ""
    items = format_html_join("", "<li>{}</li>", ((error,) for error in errors))
    return format_html(
        '<div class="alert alert-block alert-danger"><ul class="m-0">{}</ul></div>', items
    )


def _submit(button):
    return format_html(
        '<div class="mb-3"> <div class=""> <input type="{}" name="{}" value="{}" class="{}" '
        'id="{}" /> </div> </div>',
        button.input_type,
        button.name,
        button.value,
        button.field_classes,
        button.id,
    )
