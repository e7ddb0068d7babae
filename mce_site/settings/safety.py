"""What production refuses to start with, one clear message per problem.

Plain functions of the values prod.py has read (no Django import), so each rule is tested
without starting a site."""

import ipaddress
from urllib.parse import urlsplit

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
WEAK_SECRET_MARKERS = ("django-insecure", "change-me", "changeme", "secret")


def secret_key_problem(key):
    """A production site must never run on a missing, short or placeholder key: sessions,
    password resets and personal manage links are signed with it."""
    if len(key) < 50 or len(set(key)) < 5 or any(m in key.lower() for m in WEAK_SECRET_MARKERS):
        return (
            "SECRET_KEY must be set to a random value of at least 50 characters in production "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    return None


def is_loopback_host(host):
    host = (host or "").strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def production_problems(
    *,
    debug,
    secret_key,
    allowed_hosts,
    site_url,
    email_backend,
    local_email_allowed,
    tracking_provider,
    webhook_secret,
    proxy_count,
    proxy_ssl_header,
    on_loopback,
):
    """Every unsafe setting, each as one sentence that says what to do."""
    problems = [secret_key_problem(secret_key)]
    if debug:
        problems.append("DEBUG is on: set DEBUG=false (debug pages show settings and code).")
    if not allowed_hosts:
        problems.append("ALLOWED_HOSTS is empty: set it to the site's host names.")
    url = urlsplit(site_url)
    if on_loopback:
        problems.append(_loopback_problem(allowed_hosts))
    else:
        if url.scheme != "https":
            problems.append(f"SITE_URL must start with https:// (it is {site_url!r}).")
        if is_loopback_host(url.hostname):
            problems.append(
                f"SITE_URL points to this machine ({site_url!r}): links in emails would not "
                "work; set it to the public address."
            )
        if email_backend in LOCAL_EMAIL_BACKENDS and not local_email_allowed:
            problems.append(
                f"EMAIL_BACKEND {email_backend} never delivers mail: set EMAIL_PROVIDER (or an "
                "SMTP backend), or ALLOW_LOCAL_EMAIL_BACKEND=true if that is really wanted."
            )
        if tracking_provider and not webhook_secret:
            problems.append(
                f"The {tracking_provider} tracking webhook has no secret: set "
                "ANYMAIL_WEBHOOK_SECRET=user:long-random-password (and the same in the "
                "provider's webhook address)."
            )
    problems.extend(_proxy_problems(proxy_count, proxy_ssl_header))
    return [problem for problem in problems if problem]


def _loopback_problem(allowed_hosts):
    others = [host for host in allowed_hosts if not is_loopback_host(host)]
    if others:
        return (
            f"PRODUCTION_ON_LOOPBACK=1 is for this machine only, but ALLOWED_HOSTS names "
            f"{', '.join(others)}: unset PRODUCTION_ON_LOOPBACK for a public site."
        )
    return None


def _proxy_problems(proxy_count, proxy_ssl_header):
    if proxy_ssl_header and proxy_count < 1:
        return [
            "SECURE_PROXY_SSL_HEADER trusts a proxy's X-Forwarded-Proto but "
            "TRUSTED_PROXY_COUNT=0: set TRUSTED_PROXY_COUNT to the number of proxies in front "
            "(1 for nginx), or SECURE_PROXY_SSL_HEADER=false when gunicorn faces the internet."
        ]
    if not proxy_ssl_header and proxy_count > 0:
        return [
            f"TRUSTED_PROXY_COUNT={proxy_count} but SECURE_PROXY_SSL_HEADER=false: behind a "
            "proxy, let it set X-Forwarded-Proto and set SECURE_PROXY_SSL_HEADER=true."
        ]
    return []
