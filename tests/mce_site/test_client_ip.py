"""Rate limits count per visitor, also behind our reverse proxy, and a forged
X-Forwarded-For cannot pick another visitor's address."""

from django.test import RequestFactory

from mce_site.client_ip import client_ip

factory = RequestFactory()


def request(remote_addr, forwarded_for=None):
    headers = {"x-forwarded-for": forwarded_for} if forwarded_for else {}
    return factory.get("/", REMOTE_ADDR=remote_addr, headers=headers)


def test_without_proxies_the_connection_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("10.0.0.2", "198.51.100.7")) == "198.51.100.7"


def test_a_forged_leftmost_entry_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    forged = "1.2.3.4, 198.51.100.7"
    assert client_ip(request("10.0.0.2", forged)) == "198.51.100.7"


def test_missing_or_garbage_header_falls_back_to_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("10.0.0.2")) == "10.0.0.2"
    assert client_ip(request("10.0.0.2", "not-an-ip")) == "10.0.0.2"


def test_networks_are_slash_24_for_ipv4_and_slash_64_for_ipv6(settings):
    from mce_site.client_ip import client_network

    settings.TRUSTED_PROXY_COUNT = 0
    assert client_network("g", request("203.0.113.77")) == "203.0.113.0/24"
    assert client_network("g", request("2001:db8:1:2:3:4:5:6")) == "2001:db8:1:2::/64"
