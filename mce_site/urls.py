from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from conferences.api import api
from mce_site import views
from mce_site.accessibility.views import statement as accessibility_statement
from mce_site.email_webhook import tracking_webhook_urls

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("", include("registration.outbox.urls")),
    path("favicon.ico", views.favicon),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("admin/", admin.site.urls),
    path("", include("mce_site.staff.urls")),
    # The configured email provider's tracking webhook only, e.g. /anymail/postmark/tracking/
    *tracking_webhook_urls(),
    path("", include("registration.hotline.urls")),
    path("", include("conferences.seo_urls")),
    # The read-only open data API; texts in both languages, so outside the language prefixes.
    path("api/v1/", api.urls),
]

# English at unprefixed URLs, German under /de/.
urlpatterns += i18n_patterns(
    path("imprint/", TemplateView.as_view(template_name="pages/imprint.html"), name="imprint"),
    path("privacy/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path("accessibility/", accessibility_statement, name="accessibility"),
    path("", include("conferences.press.urls")),
    path("", include("registration.urls")),
    path("", include("conferences.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
handler500 = "mce_site.views.server_error"
