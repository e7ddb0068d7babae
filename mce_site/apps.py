from django.apps import AppConfig


class MceSiteConfig(AppConfig):
    name = "mce_site"
    verbose_name = "Site"
