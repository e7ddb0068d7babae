"""Smoke test of the production stack that deploy/smoke/run-stack.sh starts, over HTTPS through
nginx as a visitor sees it: pages, a sign-up, its email (sent by the worker into the SMTP sink's
maildir), the confirmation, static files, compression, HTTP/2 and the security headers.
Prints one line per check and exits 1 when one fails.

Usage: check_stack.py --site-url https://mce.localtest:PORT --http-port PORT --ca CERT
--maildir DIR. The host name is not looked up: every connection goes to 127.0.0.1 with that
name in TLS (SNI, certificate check) and in the Host header."""

import argparse
import gzip
import http.client
import mailbox
import re
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from email import message_from_binary_file, policy
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.bench_rush.browser import local_path, read_form  # noqa: E402
from scripts.bench_rush.journeys import PERSONAL, form_errors  # noqa: E402

SLUG = "2018-leipzig"  # the demo conference that load_demo opens for registration
EMAIL_WAIT_SECONDS = 30
YEAR = 31536000


class CheckFailed(Exception):
    pass


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    def header(self, name):
        return self.headers.get(name, "")


class Visitor:
    """One browser: cookies, gzip accepted, every connection to 127.0.0.1 under the site's name."""

    def __init__(self, site_url, ca):
        parts = urlsplit(site_url)
        self.site_url = site_url
        self.host, self.port = parts.hostname, parts.port or 443
        self.context = ssl.create_default_context(cafile=ca)
        self.cookies = {}

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def post(self, path, fields, referer):
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.site_url,
            "Referer": self.site_url + referer,
        }
        return self.request("POST", path, urlencode(fields, doseq=True), headers)

    def request(self, method, path, body=None, headers=None):
        headers = {"Accept-Encoding": "gzip", "Accept-Language": "en", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPSConnection(self.host, self.port, timeout=20)
        raw = socket.create_connection(("127.0.0.1", self.port), timeout=20)
        connection.sock = self.context.wrap_socket(raw, server_hostname=self.host)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        if response.getheader("Content-Encoding") == "gzip":
            content = gzip.decompress(content)
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.coded_value
        return Answer(response.status, response.headers, content.decode("utf-8", "replace"))


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def expect_page(answer, what):
    expect(answer.status == 200, f"{what}: HTTP {answer.status} {answer.header('Location')}")
    return answer


class Smoke:
    def __init__(self, options):
        self.options = options
        self.visitor = Visitor(options.site_url, options.ca)
        self.email = f"smoke.{int(time.time())}@example.org"
        self.found = {}  # what one check learnt for the next ones
        self.results = []

    def run(self):
        for check in (
            self.event_page_over_http2,
            self.event_page_headers,
            self.plain_http_redirects,
            self.programme_and_session,
            self.hashed_static_file,
            self.sign_up,
            self.confirmation_email,
            self.confirmation,
        ):
            title = check.__doc__.strip()
            started = time.monotonic()
            try:
                outcome, detail = "ok", check() or ""
            except (CheckFailed, OSError, http.client.HTTPException) as failure:
                outcome, detail = "FAIL", f"{type(failure).__name__}: {failure}"
            self.results.append((title, outcome, time.monotonic() - started, detail))
        width = max(len(title) for title, *_ in self.results)
        for title, outcome, seconds, detail in self.results:
            print(f"{title:<{width}}  {outcome:<4}  {seconds:4.1f}s  {detail}")
        return all(outcome == "ok" for _, outcome, *_ in self.results)

    def event_page_over_http2(self):
        """event page over HTTP/2 (curl)"""
        address = f"{self.visitor.host}:{self.visitor.port}:127.0.0.1"
        version = subprocess.run(
            ["curl", "-sS", "--http2", "--cacert", self.options.ca, "--resolve", address,
             "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
             f"{self.options.site_url}/conferences/{SLUG}/"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        expect(version.stdout == "2 200", f"curl: {version.stdout} {version.stderr.strip()}")
        return "HTTP/2, 200"

    def event_page_headers(self):
        """event page: gzip, HTTPS seen by Django, security headers"""
        page = expect_page(self.visitor.get(f"/conferences/{SLUG}/"), "event page")
        expect(page.header("Content-Encoding") == "gzip", "HTML not gzip-compressed")
        # Django sends HSTS only on requests it takes for HTTPS: X-Forwarded-Proto arrived.
        expect("max-age=31536000" in page.header("Strict-Transport-Security"), "no HSTS")
        for name, value in (
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
        ):
            expect(page.header(name) == value, f"{name}: {page.header(name)!r}")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page.text)
        expect(canonical and canonical[1].startswith(self.options.site_url + "/"), "canonical")
        self.found["event_page"] = page.text
        return f"gzip, HSTS, canonical {canonical[1]}"

    def plain_http_redirects(self):
        """http:// answers with a redirect to https://"""
        connection = http.client.HTTPConnection("127.0.0.1", self.options.http_port, timeout=10)
        connection.request("GET", "/programme/", headers={"Host": self.visitor.host})
        response = connection.getresponse()
        location = response.getheader("Location", "")
        connection.close()
        expect(response.status == 301, f"HTTP {response.status}")
        expect(location == f"https://{self.visitor.host}/programme/", location)
        return f"301 {location}"

    def programme_and_session(self):
        """programme and one session page"""
        programme = expect_page(self.visitor.get(f"/conferences/{SLUG}/programme/"), "programme")
        sessions = re.findall(rf'href="(/conferences/{SLUG}/programme/[\w-]+/)"', programme.text)
        expect(sessions, "no session linked from the programme")
        expect_page(self.visitor.get(sessions[0]), "session page")
        return f"{len(set(sessions))} sessions linked, {sessions[0]} 200"

    def hashed_static_file(self):
        """hashed static file: compressed, cached for a year"""
        found = re.search(r'(/static/[\w/.-]+\.[0-9a-f]{12}\.css)"', self.needs("event_page"))
        expect(found, "no hashed stylesheet on the event page")
        answer = self.visitor.get(found[1])
        expect(answer.status == 200, f"HTTP {answer.status}")
        expect(answer.header("Content-Encoding") == "gzip", "not gzip (gzip_static)")
        expect(f"max-age={YEAR}" in answer.header("Cache-Control"), answer.header("Cache-Control"))
        return f"{found[1]}: gzip, {answer.header('Cache-Control')}"

    def sign_up(self):
        """sign-up: form, POST with the CSRF token, thank-you page"""
        form_path = f"/conferences/{SLUG}/register-now/"
        page = expect_page(self.visitor.get(form_path), "form")
        csrf = [c for c in page.headers.get_all("Set-Cookie") or [] if c.startswith("csrftoken=")]
        expect(csrf and "; Secure" in csrf[0], f"CSRF cookie not Secure: {csrf}")
        form = read_form(page.text, id="registration-form")
        expect(form.choices.get("category"), "no registration form on the page")
        errors = []
        # The first category that may take every day (the demo reserves days for some).
        for category in form.choices["category"]:
            fields = dict(form.hidden) | PERSONAL | {"email": self.email, "category": category}
            fields |= {"days": form.choices.get("days", []), "country": "DE"}
            if "gala_dinner" in form.choices:
                fields["gala_dinner"] = "yes"
            sent = self.visitor.post(form_path, fields, referer=form_path)
            if sent.status in (302, 303):
                self.found["sign_up"] = self.email
                expect_page(self.visitor.get(local_path(sent.header("Location"))), "thank-you page")
                return f"{sent.status} to {local_path(sent.header('Location'))}, 200"
            expect(sent.status == 200, f"sign-up POST: HTTP {sent.status}")
            errors = form_errors(sent.text)
        raise CheckFailed(f"form rejected: {'; '.join(errors[:2])}")

    def confirmation_email(self):
        """confirmation email sent by the worker, link to SITE_URL"""
        self.needs("sign_up")
        deadline = time.monotonic() + EMAIL_WAIT_SECONDS
        while time.monotonic() < deadline:
            for message in self._mail():
                if self.email in message["To"]:
                    body = message.get_body(("plain",)).get_content()
                    links = re.findall(r"https?://\S+/confirm/", body)
                    expect(links, "no confirmation link in the email")
                    expect(links[0].startswith(self.options.site_url + "/"), links[0])
                    self.found["confirm_path"] = urlsplit(links[0]).path
                    return f"{message['Subject']!r}, link on {self.options.site_url}"
            time.sleep(0.5)
        raise CheckFailed(f"no email to {self.email} within {EMAIL_WAIT_SECONDS}s")

    def _mail(self):
        def parse(file):
            return message_from_binary_file(file, policy=policy.default)

        if not Path(self.options.maildir, "new").is_dir():
            return []  # the sink makes the maildir with its first message
        return list(mailbox.Maildir(self.options.maildir, factory=parse, create=False))

    def needs(self, key):
        if key not in self.found:
            raise CheckFailed(f"not tried: an earlier check found no {key.replace('_', ' ')}")
        return self.found[key]

    def confirmation(self):
        """confirmation link: page with a button, POST confirms"""
        path = self.needs("confirm_path")
        page = expect_page(self.visitor.get(path), "confirm page")
        button = read_form(page.text, action=path)
        expect("csrfmiddlewaretoken" in button.hidden, "no confirm button (form) on the page")
        sent = self.visitor.post(path, button.hidden, referer=path)
        expect(sent.status in (302, 303), f"confirm POST: HTTP {sent.status}")
        outcome = expect_page(self.visitor.get(local_path(sent.header("Location"))), "outcome")
        return f"{sent.status}, then 200 ({len(outcome.text)} characters)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-url", required=True)
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--ca", required=True, help="the self-signed certificate")
    parser.add_argument("--maildir", required=True)
    return 0 if Smoke(parser.parse_args()).run() else 1


if __name__ == "__main__":
    sys.exit(main())
