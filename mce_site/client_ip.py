"""The visitor's IP address for rate limiting, also behind our own reverse proxies.

Behind a proxy REMOTE_ADDR is the proxy, so every visitor would share one rate limit.
X-Forwarded-For can be forged by the client except for the entries our own proxies
append, so we count TRUSTED_PROXY_COUNT entries from the right and never trust more."""

import ipaddress

from django.conf import settings


def client_ip(request):
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if _is_ip(h)]
        if len(hops) >= proxies:
            return hops[-proxies]
    # Every real request has REMOTE_ADDR; requests Django builds itself (force_login) do not.
    return request.META.get("REMOTE_ADDR", "")


def _is_ip(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_network(group, request):
    """The visitor's network as a django-ratelimit key: /24 for IPv4 and /64 for IPv6 by
    default (SIGN_UP_NETWORK_PREFIX_IPV4/_IPV6), so one office, a hotel or a whole IPv6
    subnet share a limit that one attacker rotating addresses cannot escape."""
    address = ipaddress.ip_address(client_ip(request))
    prefix = (
        settings.SIGN_UP_NETWORK_PREFIX_IPV4
        if address.version == 4
        else settings.SIGN_UP_NETWORK_PREFIX_IPV6
    )
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))
