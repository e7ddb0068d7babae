"""`{% slug_url 'conferences:programme' slug=conference.slug %}`: `{% url %}` for URLs whose
parameters are all slugs (or none), through mce_site.slug_urls, at a fraction of reverse()'s
cost; `... as name` stores it like `{% url ... as name %}`. The pages of a conference asked
reverse() about 15 times each."""

from django import template

from mce_site.slug_urls import slug_url as _slug_url

register = template.Library()


@register.simple_tag
def slug_url(viewname, **slugs):
    return _slug_url(viewname, **slugs)
