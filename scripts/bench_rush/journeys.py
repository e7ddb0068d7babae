"""What the simulated people do, and phases that run many of them at once.

A sign-up is the journey of a person in a browser: open the form, send it, land on the
"check your email" page, open the confirmation link from the email (its token is looked up
in the database: only the email carries it), press the button, land on the manage page."""

import itertools
import random
import re
import threading
import time
from dataclasses import dataclass, field

from .browser import Browser, RequestFailed, RequestLog, local_path, read_form

# Only fields we know; a new optional field is left empty, a new required one shows up as
# "form rejected" with the form's message in the report.
PERSONAL = {
    "first_name": "Zoë",
    "last_name": "Łukasiewicz",
    "organisation": "City of Leipzig",
    "position": "CIO",
    "city": "Leipzig",
    "privacy_consent": "on",
}


# Most take the gala dinner; the others make the dinner fill before the conference does.
DINNER_SHARE = 0.8


@dataclass(frozen=True)
class Pauses:
    """How long a person takes between two requests, in seconds (drawn uniformly between the
    two figures): nobody sends the form the moment it opens."""

    filling_in: tuple = (5.0, 10.0)  # reading and typing the form (autofill helps)
    opening_email: tuple = (2.0, 5.0)  # switching to the mailbox and opening the link
    pressing: tuple = (0.5, 1.5)  # reading the confirmation page, pressing its button


def pause(person, span, rng):
    """Waits as the person would, never past the phase's hard stop."""
    if span:
        seconds = rng.uniform(*span)
        time.sleep(max(min(seconds, person.browser.hard_stop - time.monotonic()), 0))


class JourneyFailed(Exception):
    """The site answered, but not as a working site would (the reason is reported)."""


@dataclass
class Person:
    email: str
    browser: Browser = None
    token: str = ""
    signed_up: bool = False


@dataclass
class Site:
    """What the journeys need to know about the site under test."""

    slug: str
    category: str  # the form value of a category that may attend every day
    balancer: object
    timeout: float
    lookup_tokens: object  # (slug, email) -> (manage token, confirm token) or None

    @property
    def form_path(self):
        return f"/conferences/{self.slug}/register-now/"


def expect(answer, *statuses, what):
    if answer.status >= 500:
        raise JourneyFailed(f"{what}: server error {answer.status}")
    if answer.status not in statuses:
        raise JourneyFailed(f"{what}: HTTP {answer.status}")


def sign_up_fields(form, site, email, rng):
    """A valid sign-up from what the form offers: every day, mostly the dinner, two tables."""
    fields = dict(form.hidden) | PERSONAL | {"email": email}
    categories = form.choices.get("category", [])
    fields["category"] = site.category if site.category in categories else categories[0]
    fields["days"] = form.choices.get("days", [])
    if "gala_dinner" in form.choices:
        fields["gala_dinner"] = "yes" if rng.random() < DINNER_SHARE else "no"
    countries = form.choices.get("country", [])
    fields["country"] = "DE" if "DE" in countries else countries[0]
    tables = form.choices.get("first_table_choice", [])
    if len(tables) >= 2:
        fields["first_table_choice"], fields["second_table_choice"] = rng.sample(tables, 2)
    return fields


def form_errors(html):
    """The messages of the form's error summary, as text."""
    summary = html.partition("registration-error-summary")[2].partition("</div>")[0]
    items = re.findall(r"<li>(.*?)</li>", summary, re.S) or ["no message"]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip() for item in items]


def sign_up(person, site, rng, pauses=None):
    """`pauses` (a Pauses) makes the person take their time; None sends each request as
    soon as the previous answer is in (the most the site can do)."""
    browser = person.browser
    form_page = browser.get(site.form_path, "form GET")
    expect(form_page, 200, what="form GET")
    form = read_form(form_page.body, id="registration-form")
    if not form.choices.get("category"):
        raise JourneyFailed("form GET: no registration form on the page")
    pause(person, pauses and pauses.filling_in, rng)
    sent = browser.post(
        site.form_path, sign_up_fields(form, site, person.email, rng), "sign-up POST"
    )
    if sent.status == 200:
        raise JourneyFailed(f"form rejected: {'; '.join(form_errors(sent.body)[:2])}")
    expect(sent, 302, 303, what="sign-up POST")
    expect(browser.get(local_path(sent.location), "thanks page"), 200, what="thanks page")
    tokens = site.lookup_tokens(site.slug, person.email)
    if not tokens:
        raise JourneyFailed("sign-up POST: no registration stored")
    person.token, confirm_token = tokens
    confirm_path = f"/registration/{confirm_token}/confirm/"
    pause(person, pauses and pauses.opening_email, rng)
    page = browser.get(confirm_path, "confirm GET")
    expect(page, 200, what="confirm GET")
    button = read_form(page.body, action=confirm_path)
    pause(person, pauses and pauses.pressing, rng)
    page = browser.post(confirm_path, button.hidden, "confirm POST")
    expect(page, 302, 303, what="confirmation")
    # The confirmation link shows the outcome on its own page; the manage link is emailed.
    outcome = browser.get(local_path(page.location), "confirmation page")
    expect(outcome, 200, what="confirmation page")
    person.signed_up = True


def cancel(person, site, rng):
    browser = person.browser
    fields = {"csrfmiddlewaretoken": browser.csrf_token()}
    answer = browser.post(f"/registration/{person.token}/cancel/", fields, "cancel POST")
    expect(answer, 302, 303, what="cancel POST")
    expect(browser.get(local_path(answer.location), "manage page"), 200, what="manage page")


def open_form(person, site, rng):
    expect(person.browser.get(site.form_path, "form GET"), 200, what="form GET")


def health_check(person, site, rng):
    expect(person.browser.get("/healthz", "healthz GET"), 200, what="healthz GET")


@dataclass
class PhaseRun:
    """What one phase did: its requests, journeys finished and failed, and its duration."""

    log: RequestLog = field(default_factory=RequestLog)
    finished: int = 0
    not_started: int = 0
    failures: dict = field(default_factory=dict)  # reason -> count
    seconds: float = 0.0
    crashes: list = field(default_factory=list)  # bugs of the benchmark, raised at the end
    finish_times: list = field(default_factory=list)  # monotonic, of finished journeys
    at_once: int = 0  # people under way at the same time, at most
    arrivals_per_minute: float | None = None  # None: a fixed number of clients

    @property
    def per_minute(self):
        """Journeys finished per minute. With arrivals at a set rate, between the first and
        the last to finish: the start-up and the last people's tail are not the site's
        pace. With fixed clients, over the whole phase."""
        if self.arrivals_per_minute and self.finished >= 2:
            span = self.finish_times[-1] - self.finish_times[0]
            return (self.finished - 1) / span * 60 if span > 0 else 0.0
        return self.finished / self.seconds * 60 if self.seconds else 0.0


class _Phase:
    """The bookkeeping shared by both ways of running people."""

    def __init__(self, people, journey, site, *, cap_seconds, seed):
        self.run = PhaseRun()
        self.queue = iter(people)
        self.journey, self.site, self.seed = journey, site, seed
        self.lock = threading.Lock()
        self.started = time.monotonic()
        self.deadline = self.started + cap_seconds
        self.hard_stop = self.deadline + site.timeout
        self.under_way = 0

    def next_person(self):
        with self.lock:
            if time.monotonic() >= self.deadline or self.run.crashes:
                return None
            return next(self.queue, None)

    def go(self, person, number):
        """One person's journey, from start to finish or failure."""
        rng = random.Random(self.seed * 1000 + number)
        if person.browser is None:
            person.browser = Browser(self.site.balancer, timeout=self.site.timeout)
        person.browser.start_phase(self.run.log, self.hard_stop)
        with self.lock:
            self.under_way += 1
            self.run.at_once = max(self.run.at_once, self.under_way)
        try:
            self.journey(person, self.site, rng)
            outcome = None
        except (JourneyFailed, RequestFailed) as failure:
            outcome = str(failure)
        except Exception as crash:
            self.run.crashes.append(crash)  # a bug of ours: stop the phase, raise it below
            raise
        finally:
            with self.lock:
                self.under_way -= 1
        with self.lock:
            if outcome is None:
                self.run.finished += 1
                self.run.finish_times.append(time.monotonic())
            else:
                self.run.failures[outcome] = self.run.failures.get(outcome, 0) + 1

    def finish(self, threads):
        for thread in threads:
            thread.join()
        self.run.seconds = time.monotonic() - self.started
        if self.run.crashes:
            raise self.run.crashes[0]
        self.run.not_started = sum(1 for _ in self.queue)
        return self.run


def run_phase(people, journey, site, *, clients, cap_seconds, seed=1):
    """Runs `journey` once per person with `clients` people at a time. After `cap_seconds`
    nobody new starts; journeys under way get one request timeout more, then give up."""
    phase = _Phase(people, journey, site, cap_seconds=cap_seconds, seed=seed)

    def client(number):
        while (person := phase.next_person()) is not None:
            phase.go(person, number)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    return phase.finish(threads)


def run_arrivals(people, journey, site, *, per_minute, cap_seconds, seed=1):
    """People arrive at a steady `per_minute`, whether or not the site keeps up (as in a
    rush: nobody waits for the others to finish), each on a thread of their own."""
    phase = _Phase(people, journey, site, cap_seconds=cap_seconds, seed=seed)
    phase.run.arrivals_per_minute = per_minute
    threads = []
    for number in itertools.count():
        time.sleep(max(phase.started + number * 60 / per_minute - time.monotonic(), 0))
        person = phase.next_person()
        if person is None:
            break
        thread = threading.Thread(target=phase.go, args=(person, number), daemon=True)
        thread.start()
        threads.append(thread)
    return phase.finish(threads)
