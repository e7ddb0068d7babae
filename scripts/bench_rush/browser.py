"""A minimal browser for one simulated person: cookies, forms read from the HTML, redirects,
and every request timed into the phase's log. Plain http.client, one connection per request
(gunicorn's sync workers close it anyway)."""

import http.client
import itertools
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


class Balancer:
    """Sends each request to the next server in turn, like a load balancer in front."""

    def __init__(self, ports):
        self._ports = itertools.cycle(ports)
        self._lock = threading.Lock()

    def next_port(self):
        with self._lock:
            return next(self._ports)


@dataclass
class Answer:
    status: int
    location: str
    body: str


class RequestFailed(Exception):
    """No usable answer: a timeout, a refused or dropped connection."""


@dataclass
class RequestLog:
    """(kind, status or None for a failed request, seconds) of every request of a phase."""

    entries: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind, status, seconds):
        with self.lock:
            self.entries.append((kind, status, seconds))


class Browser:
    def __init__(self, balancer, *, timeout):
        self.balancer = balancer
        self.timeout = timeout
        self.cookies = {}
        self.log = RequestLog()
        self.hard_stop = 0.0

    def start_phase(self, log, hard_stop):
        """Requests go into this phase's log; none waits past `hard_stop` (monotonic)."""
        self.log, self.hard_stop = log, hard_stop

    def get(self, path, kind):
        return self._request("GET", path, kind)

    def post(self, path, fields, kind):
        return self._request("POST", path, kind, urlencode(fields, doseq=True))

    def csrf_token(self):
        return self.cookies.get("csrftoken", "")

    def _request(self, method, path, kind, body=None):
        headers = {"Accept-Language": "en", "Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        timeout = min(self.timeout, self.hard_stop - time.monotonic())
        started = time.perf_counter()
        try:
            if timeout <= 0:
                raise TimeoutError("phase time is up")
            connection = http.client.HTTPConnection(
                "127.0.0.1", self.balancer.next_port(), timeout=timeout
            )
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(
                response.status,
                response.getheader("Location", ""),
                response.read().decode("utf-8", "replace"),
            )
            self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
            connection.close()
        except (OSError, http.client.HTTPException) as error:
            self.log.add(kind, None, time.perf_counter() - started)
            raise RequestFailed(f"{kind}: {type(error).__name__}") from error
        self.log.add(kind, answer.status, time.perf_counter() - started)
        return answer

    def _keep_cookies(self, headers):
        for header in headers:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.coded_value  # sent back as received


def local_path(location):
    """The path (and query) of a redirect's Location, absolute or relative."""
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class FormReader(HTMLParser):
    """What one HTML form offers: hidden values, radio and checkbox values, select options and
    the other field names, by field name. New fields in the form are simply listed."""

    def __init__(self, **form_attrs):
        super().__init__(convert_charrefs=True)
        self.form_attrs = form_attrs  # which form, e.g. id="registration-form"
        self.inside = False
        self.hidden = {}
        self.choices = {}  # radio, checkbox and select: name -> [values]
        self.other = set()
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = all(attrs.get(k) == v for k, v in self.form_attrs.items())
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind == "hidden":
                self.hidden[name] = attrs.get("value", "")
            elif kind in ("radio", "checkbox") and "value" in attrs:
                self.choices.setdefault(name, []).append(attrs["value"])
            else:
                self.other.add(name)
        elif tag == "select" and name:
            self._select = name
            self.choices.setdefault(name, [])
        elif tag == "option" and self._select and attrs.get("value"):
            self.choices[self._select].append(attrs["value"])
        elif tag == "textarea" and name:
            self.other.add(name)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self.inside = False


def read_form(html, **form_attrs):
    """The first form with these attributes (all forms of the page when none are given)."""
    reader = FormReader(**form_attrs)
    reader.feed(html)
    return reader
