"""{% hotline_result_list cl %} and {% hotline_list_filters cl %}: Django admin's
{% result_list %} and its filters, with the rows written by `changelist_rows` and the
sidebar by `changelist_sidebar` (the same HTML, a fraction of the time)."""

from django import template
from django.contrib.admin.templatetags.admin_list import result_headers, result_hidden_fields
from django.utils.safestring import mark_safe

from registration.hotline.changelist_rows import result_rows
from registration.hotline.changelist_sidebar import sidebar_filters_html

register = template.Library()


@register.inclusion_tag("hotline/includes/change_list_results.html")
def hotline_result_list(cl):
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": bool(cl.result_list),
        # As the admin's template writes each row (its loop around it, the newlines).
        "rows": mark_safe("".join(f"\n\n<tr>{row}</tr>\n" for row in result_rows(cl))),
    }


@register.simple_tag
def hotline_list_filters(cl):
    return sidebar_filters_html(cl)
