"""What a hostile or broken client can send: paths for every URL pattern, query strings,
methods, headers, charsets and bodies (hypothesis strategies)."""

import json
import re
from urllib.parse import quote, urlencode

from django.urls import LocalePrefixPattern, URLPattern, URLResolver
from django.urls.resolvers import RoutePattern
from hypothesis import strategies as st

# Text as people and bots type it: any character but lone surrogates, with NUL bytes, control
# characters, right-to-left marks and long runs made likely.
odd_text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    st.sampled_from(["\x00", "a\x00b", "%00", "../../etc/passwd", "' OR 1=1 --", "\u202e", ""]),
    st.text("\x00\x01\x1f\x7f 'ä%&=?#/\\", max_size=20),
    st.just("x" * 5000),
)
huge_int = st.one_of(st.integers(0, 2**31), st.integers(2**31, 10**40), st.just(0))

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]
CHARSETS = ["utf-8", "latin-1", "utf-16", "utf-32", "koi8-r", "no-such-charset", "utf-8\x01", ""]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/json",
    "multipart/form-data",
    "multipart/form-data; boundary=xyz",
    "text/plain",
    "application/xml",
    "",
]
FORM_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "days",
    "category",
    "country",
    "phone",
    "privacy_consent",
    "submission_key",
    "gala_dinner",
    "token",
    "reference",
    "day",
    "q",
    "page",
    "topic",
    "outcome",
    "action",
    "_selected_action",
    "csrfmiddlewaretoken",
    "username",
    "password",
    "otp_token",
    "conference",
    "select_across",
    "index",
    "RecordType",
]

json_values = st.recursive(
    st.none() | st.booleans() | huge_int | st.floats(allow_nan=False) | odd_text,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FORM_FIELDS) | odd_text, children, max_size=4)
    ),
    max_leaves=10,
)
form_data = st.dictionaries(
    st.sampled_from(FORM_FIELDS) | odd_text,
    st.one_of(odd_text, huge_int.map(str), st.lists(odd_text, max_size=3)),
    max_size=6,
)


@st.composite
def bodies(draw):
    """(bytes, content type) of a request body."""
    kind = draw(st.sampled_from(["none", "form", "json", "bytes", "encoded"]))
    charset = draw(st.sampled_from(CHARSETS))
    content_type = draw(st.sampled_from(CONTENT_TYPES))
    if charset and content_type:
        content_type = as_the_server_passes_it(f"{content_type}; charset={charset}")
    if kind == "none":
        return b"", content_type
    if kind == "form":
        return urlencode(draw(form_data), doseq=True).encode(), content_type
    if kind == "json":
        return json.dumps(draw(json_values)).encode(), content_type
    if kind == "encoded":  # a form in another charset than the one declared
        text = urlencode(draw(form_data), doseq=True)
        return text.encode("utf-16", errors="replace"), content_type
    return draw(st.binary(max_size=300)), content_type


# gunicorn refuses a header holding NUL, CR or LF (RFC 9110, 5.5) before Django sees it, and
# hands the others over as bytes read as Latin-1 (PEP 3333).
_REFUSED_BY_THE_SERVER = re.compile(r"[\x00\r\n]")


def as_the_server_passes_it(value):
    return _REFUSED_BY_THE_SERVER.sub("", value).encode().decode("latin-1")


def header_value(strategy):
    return strategy.map(as_the_server_passes_it)


headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_ACCEPT_LANGUAGE": header_value(
            st.sampled_from(["de", "de-AT,de;q=0.9", "*", "xx-yy", ";q="]) | odd_text
        ),
        "HTTP_X_FORWARDED_FOR": header_value(
            st.sampled_from(["1.2.3.4", "::1, 10.0.0.1", "junk", ""]) | odd_text
        ),
        "HTTP_X_FORWARDED_PROTO": header_value(st.sampled_from(["https", "http", "gopher"])),
        "HTTP_REFERER": header_value(odd_text),
        "HTTP_COOKIE": header_value(
            st.sampled_from(["sessionid=garbage", "csrftoken=\x00", "a=b; c"]) | odd_text
        ),
        "HTTP_IF_MODIFIED_SINCE": header_value(
            st.sampled_from(["Sat, 29 Oct 1994 19:43:31 GMT", "junk"])
        ),
        "HTTP_RANGE": header_value(st.sampled_from(["bytes=0-10", "bytes=-5", "bytes=junk"])),
        "HTTP_AUTHORIZATION": header_value(
            st.sampled_from(["Basic aG9vazpzM2NyZXQ=", "Basic !!", "Bearer x"]) | odd_text
        ),
        "HTTP_ACCEPT": header_value(
            st.sampled_from(["text/html", "*/*", "application/json", "junk"])
        ),
        "HTTP_USER_AGENT": header_value(odd_text),
        "HTTP_X_REQUESTED_WITH": st.just("XMLHttpRequest"),
    },
)
query_strings = st.one_of(
    st.just(""),
    form_data.map(lambda data: urlencode(data, doseq=True)),
    st.text(max_size=80).map(lambda text: quote(text, safe="=&")),
    st.sampled_from(["page=999999999999999999999", "day=2099-99-99", "q=%00", "o=-1.2.x"]),
)

_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def url_patterns(resolver, pieces=()):
    """Every URL pattern of the site with the chain of patterns that leads to it."""
    for entry in resolver.url_patterns:
        chain = (*pieces, entry.pattern)
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry, chain)
        elif isinstance(entry, URLPattern):
            yield chain, entry


def _piece(pattern, real_values):
    if isinstance(pattern, LocalePrefixPattern):
        return st.sampled_from(["", "de/"])
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        parts = []
        position = 0
        for match in _PARAM.finditer(route):
            parts.append(st.just(route[position : match.start()]))
            converter = pattern.converters[match["name"]]
            random = st.from_regex(f"^(?:{converter.regex})$", fullmatch=True).filter(
                lambda value: not value.startswith(("/", ".")) and ".." not in value
            )
            known = real_values.get(match["name"], [])
            value = st.sampled_from(known) | random if known else random
            parts.append(value.map(lambda v: quote(str(v), safe="/")))
            position = match.end()
        parts.append(st.just(route[position:]))
        return st.tuples(*parts).map("".join)
    regex = pattern.regex.pattern
    return st.from_regex(regex, fullmatch=True).map(lambda v: quote(v, safe="/"))


def paths(chain, real_values):
    """Paths the resolver sends to this pattern: known values (real objects) and random
    values of the right shape for its parameters."""
    return st.tuples(*[_piece(piece, real_values) for piece in chain]).map(
        lambda parts: "/" + "".join(parts)
    )
