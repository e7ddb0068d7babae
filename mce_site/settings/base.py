"""Settings shared by every environment. Everything that differs between machines comes
from environment variables (a `.env` file in the project directory is read when present);
`.env.example` documents each one."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Absolute base URL for links in emails, feeds and canonical tags built outside a request.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before django.contrib.admin (whose
    # default site is ours: sign-in with a second factor, see mce_site/staff/).
    "modeltranslation",
    "mce_site.staff.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_include_bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "anymail",
    "django_countries",
    "phonenumber_field",
    "simple_history",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "import_export",
    "mce_site",
    "mce_site.staff",
    "mce_site.accessibility",
    "conferences",
    "conferences.press",
    "registration",
    "registration.hotline",
    "registration.outbox",
    "registration.self_service",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but for the security headers: compresses what every other middleware wrote.
    "mce_site.compression.CompressTextMiddleware",
    "mce_site.middleware.PermissionsPolicyMiddleware",
    "mce_site.middleware.RejectNulCharactersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "conferences.api.preflight.ApiPreflightMiddleware",
    "mce_site.middleware.RequestLogMiddleware",
    # Stored public pages for anonymous visitors, without the middleware below.
    "conferences.caching.StoredPublicPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "mce_site.staff.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Answers with the lock-out page once a staff account or address is locked.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mce_site.urls"
WSGI_APPLICATION = "mce_site.wsgi.application"
ASGI_APPLICATION = "mce_site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mce_site.context_processors.site",
            ],
        },
    },
    {
        # Only for the hottest loops (see mce_site/jinja2.py); pages are Django templates.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "mce_site.jinja2.environment",
            "autoescape": True,
            "trim_blocks": True,
            "lstrip_blocks": True,
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://mce")}
# Public pages are cached for this many seconds; saves in admin clear the cache at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# The rows every page of a conference reads (conferences/reference_rows.py), also cleared by
# saves in admin; kept with the page cache off too.
REFERENCE_CACHE_SECONDS = env.int("REFERENCE_CACHE_SECONDS", default=600)
# Seats left as the forms and the event page show them (registration.capacity.shown_seats) may
# be this many seconds old; the event page of an open registration is stored another 5 at most
# (10 in all). Seats are always given from the live counters.
SEATS_SHOWN_SECONDS = env.int("SEATS_SHOWN_SECONDS", default=5)

# django-axes counts failed staff sign-ins (password or one-time code) and locks the account
# and the address after AXES_FAILURE_LIMIT of them, for AXES_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "mce_site.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "mce_site.staff.views.locked_out"
AXES_VERBOSE = False  # its log lines name the account and the address

# A second factor (authenticator app or backup code) for staff: required in production
# (prod.py), optional here and in development and tests.
STAFF_SECOND_FACTOR_REQUIRED = False
OTP_TOTP_ISSUER = "MCE back office"
# Nobody, superusers included, reads an authenticator app's secret key in admin again: it
# would let them make a copy of a colleague's second factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Staff sessions: at most this long after signing in, and ended after this idle time.
STAFF_SESSION_MAX_HOURS = env.int("STAFF_SESSION_MAX_HOURS", default=12)
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=60)
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_HOURS * 3600

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["mce_site.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Berlin")
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

PHONENUMBER_DEFAULT_REGION = None
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"

# Email. Three ways, the first that is set wins:
#  - EMAIL_PROVIDER: any django-anymail backend (mailgun, postmark, sendgrid, amazon_ses,
#    brevo, ...), its credentials as ANYMAIL_* variables, e.g. ANYMAIL_MAILGUN_API_KEY ->
#    ANYMAIL["MAILGUN_API_KEY"];
#  - EMAIL_URL: SMTP as one URL, e.g. smtp+tls://user:password@smtp.example.org:587
#    (smtp://, smtp+tls:// for STARTTLS, smtp+ssl:// for implicit TLS);
#  - EMAIL_BACKEND: a Django email backend by its dotted path.
# EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL
# and EMAIL_TIMEOUT set the SMTP connection one by one (and override the URL's parts).
# Development default: every mail is written as a file to var/mail/.
EMAIL_PROVIDER = env.str("EMAIL_PROVIDER", default="")
_email_url = env.email_url("EMAIL_URL") if env.str("EMAIL_URL", default="") else {}
if EMAIL_PROVIDER:
    EMAIL_BACKEND = f"anymail.backends.{EMAIL_PROVIDER}.EmailBackend"
else:
    EMAIL_BACKEND = env.str(
        "EMAIL_BACKEND",
        default=_email_url.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"),
    )
EMAIL_HOST = env.str("EMAIL_HOST", default=_email_url.get("EMAIL_HOST") or "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=_email_url.get("EMAIL_PORT") or 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default=_email_url.get("EMAIL_HOST_USER") or "")
EMAIL_HOST_PASSWORD = env.str(
    "EMAIL_HOST_PASSWORD", default=_email_url.get("EMAIL_HOST_PASSWORD") or ""
)
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=_email_url.get("EMAIL_USE_TLS", False))
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=_email_url.get("EMAIL_USE_SSL", False))
# Seconds an SMTP conversation may hang before the worker gives up and retries later.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=BASE_DIR / "var" / "mail")
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in env.ENVIRON.items()
    if key.startswith("ANYMAIL_")
}
# The provider whose delivery-tracking webhook is mounted (the only webhook mounted); it
# answers only calls carrying ANYMAIL_WEBHOOK_SECRET (HTTP basic auth).
EMAIL_TRACKING_PROVIDER = env.str("EMAIL_TRACKING_PROVIDER", default=EMAIL_PROVIDER)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Major Cities of Europe <operations@majorcities.eu>"
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# The email outbox (registration/outbox/): every email is a row written with the change that
# causes it; the worker claims due rows and sends them.
# Seconds a worker may hold a claimed email; a worker that died loses its claim after this.
OUTBOX_LEASE_SECONDS = env.float("OUTBOX_LEASE_SECONDS", default=300)
# Emails claimed at once by one worker.
OUTBOX_BATCH_SIZE = env.int("OUTBOX_BATCH_SIZE", default=10)
# Attempts before an email is marked failed (a crash during a send counts as one).
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=12)
# Pause after the n-th failure: base * 2^(n-1) seconds, at most the cap, with random jitter
# (each pause is 50-100 % of that), so a provider that comes back is not hit all at once.
OUTBOX_RETRY_BASE_SECONDS = env.float("OUTBOX_RETRY_BASE_SECONDS", default=30)
OUTBOX_RETRY_CAP_SECONDS = env.float("OUTBOX_RETRY_CAP_SECONDS", default=30 * 60)
# Longest a single sweep sends before the worker's other jobs and its heartbeat get a turn.
OUTBOX_SWEEP_SECONDS = env.float("OUTBOX_SWEEP_SECONDS", default=20)
# Mass emails by a hotline lead leave at this pace (each is due a little after the one
# before), so the provider's rate limit holds and booking emails never queue behind them.
MASS_EMAIL_PER_MINUTE = env.int("MASS_EMAIL_PER_MINUTE", default=60)

# The worker (`manage.py run_worker`): every WORKER_INTERVAL_SECONDS it writes a heartbeat
# and runs each job below in turn. A job is the dotted path of a function without arguments;
# one that raises is logged at ERROR and the others still run. Add periodic work here.
WORKER_JOBS = [
    # Holds and offers that ended, reminders, free seats to the waiting lists; before the
    # mail job, so the emails it writes leave in the same turn.
    "registration.capacity.sweep",
    "registration.outbox.sending.send_due_emails",
]
WORKER_INTERVAL_SECONDS = env.float("WORKER_INTERVAL_SECONDS", default=2)

# /monitoring/email answers 503 when the worker's last heartbeat or the oldest email due
# for sending is older than these (seconds). /healthz never looks at mail.
EMAIL_MONITOR_MAX_HEARTBEAT_AGE = env.int("EMAIL_MONITOR_MAX_HEARTBEAT_AGE", default=120)
EMAIL_MONITOR_MAX_DUE_AGE = env.int("EMAIL_MONITOR_MAX_DUE_AGE", default=600)

# Content-Security-Policy (django-csp): every script, style, image and font comes from this
# host, so the browser itself refuses any request to a CDN, font service or tracker.
# No inline scripts or styles: they live in static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Browser features no page uses, switched off (Permissions-Policy header on every response).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# /.well-known/security.txt: where to report a vulnerability, and for how many days from
# today the file says it is valid.
SECURITY_CONTACT = env.str("SECURITY_CONTACT", default="mailto:operations@majorcities.eu")
SECURITY_TXT_VALID_DAYS = 180

# The network's operations hotline, shown in the footer of every page.
NETWORK_NAME = "Major Cities of Europe"
HOTLINE = {
    "phone": env.str("HOTLINE_PHONE", default="+43 1 718 94 76-33"),
    "fax": env.str("HOTLINE_FAX", default="+43 1 718 94 76-22"),
    "email": env.str("HOTLINE_EMAIL", default="operations@majorcities.eu"),
}

# Rate limiting (django-ratelimit) needs a cache shared by all workers with atomic
# increments: Redis in production. Django's own RedisCache does that, but the library
# only knows django-redis by name, so its "not officially supported" warning is silenced.
RATELIMIT_USE_CACHE = "default"
# Number of reverse proxies of ours in front of the site (each appends to X-Forwarded-For).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "mce_site.client_ip.client_ip"
# "Per address" means one address, for IPv6 too; networks have limits of their own.
RATELIMIT_IPV6_MASK = 128
# Web sign-ups per client address and per network (IPv4 /24, IPv6 /64), in django-ratelimit's
# "count/period" form. A city hall's delegation behind one address must get through.
SIGN_UP_RATE_PER_ADDRESS = env.str("SIGN_UP_RATE_PER_ADDRESS", default="60/h")
SIGN_UP_RATE_PER_NETWORK = env.str("SIGN_UP_RATE_PER_NETWORK", default="120/h")
SIGN_UP_NETWORK_PREFIX_IPV4 = env.int("SIGN_UP_NETWORK_PREFIX_IPV4", default=24)
SIGN_UP_NETWORK_PREFIX_IPV6 = env.int("SIGN_UP_NETWORK_PREFIX_IPV6", default=64)
# "Lost your link?" requests per client address and per email address asked for (the same
# answer either way; the limit per email address keeps anyone from flooding a mailbox).
LOST_LINK_RATE_PER_ADDRESS = env.str("LOST_LINK_RATE_PER_ADDRESS", default="10/h")
LOST_LINK_RATE_PER_EMAIL = env.str("LOST_LINK_RATE_PER_EMAIL", default="5/h")
# Hours a new conference holds an unconfirmed web registration's seats (each conference can
# change its own value in admin).
DEFAULT_PENDING_HOLD_HOURS = env.int("DEFAULT_PENDING_HOLD_HOURS", default=4)
# Most web sign-ups of one conference that hold seats before their address is confirmed:
# beyond it a sign-up holds nothing until confirmed, so addresses nobody confirms (a bot's, a
# prankster's) cannot keep more seats than this from everyone else.
MAX_UNCONFIRMED_HOLDS_PER_CONFERENCE = env.int("MAX_UNCONFIRMED_HOLDS_PER_CONFERENCE", default=100)
# Most people one delegation registers in one go (registration/services/delegations.py): the
# sign-up transaction holds the counters it seats for all of them.
DELEGATION_MAX_SIZE = env.int("DELEGATION_MAX_SIZE", default=20)
RATELIMIT_VIEW = "mce_site.views.rate_limited"
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
# Requests per visitor address to the open data API (/api/v1/).
OPEN_DATA_API_RATE = env.str("OPEN_DATA_API_RATE", default="120/m")


LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    # Every line passes the redaction filter: no token, query string or address in any log.
    "filters": {"redact": {"()": "mce_site.log_redaction.RedactSecrets"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["redact"],
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Our middleware logs every request; runserver's own access lines would repeat them.
        "django.server": {"handlers": [], "level": "ERROR", "propagate": False},
        # django-axes would log each staff login attempt with the username and address.
        "axes": {"level": "WARNING"},
        # WeasyPrint (mce_site/pdf.py) reports every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}

# Programme import in admin (conferences/imports.py): in one transaction, each imported row
# in the admin's history like a save.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
