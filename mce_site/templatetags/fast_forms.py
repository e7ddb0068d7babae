"""`{% fast_form form %}`: a form with a crispy FormHelper, written by
mce_site.form_rendering instead of crispy's templates (the hot forms: sign-up, change)."""

from django import template
from django.template.backends.utils import csrf_input

from mce_site.form_rendering import render_form

register = template.Library()


@register.simple_tag(takes_context=True)
def fast_form(context, form):
    request = context["request"]
    return render_form(form, csrf_input=lambda: csrf_input(request))  # asked only to post
