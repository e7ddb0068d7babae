"""WSGI entry point for gunicorn: `gunicorn mce_site.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mce_site.settings.prod")
application = get_wsgi_application()
