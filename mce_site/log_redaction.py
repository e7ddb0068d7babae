"""No personal data or secret in any log line: a logging filter for every handler (ours and
gunicorn's) that rewrites what a record would print.

Our request log already names the route instead of the path (see `middleware.py`), but other
libraries log paths too (Django's "Not Found: /registration/<token>/", tracebacks, warnings).
So each record's message, its extra fields and its traceback are rewritten: personal tokens
(anything that looks like a random token, and whatever follows a personal-link prefix), query
strings and email addresses are replaced by placeholders. No import of Django: gunicorn's
config uses it before Django starts."""

import logging
import re

# Paths whose next segment is a personal secret (the manage link and its sub-pages).
PERSONAL_LINK_PREFIXES = ("registration",)
# A path that starts with one (after a language prefix), not a file or an admin URL that
# merely contains the word: "/registration/<token>/", "/de/registration/<token>/".
_PERSONAL_LINK = re.compile(
    r"(?<![\w./-])(/(?:[a-z]{2}/)?(?:" + "|".join(PERSONAL_LINK_PREFIXES) + r")/)(?!<)[^/\s\"'?#]+"
)
# Random tokens (secrets.token_urlsafe, signed values): 20+ URL-safe characters mixing upper-
# and lower-case letters with a digit, "-" or "_". Slugs are lower-case, words have no digits.
_TOKEN = re.compile(
    r"(?<![A-Za-z0-9_\-])"
    r"(?=[A-Za-z0-9_\-:]*[A-Z])(?=[A-Za-z0-9_\-:]*[a-z])(?=[A-Za-z0-9_\-:]*[0-9_\-])"
    r"[A-Za-z0-9_\-:]{20,}"
)
_QUERY = re.compile(r"\?[^\s\"'<>]+")
_EMAIL = re.compile(r"[^\s@\"'<>(),;:]+@[^\s@\"'<>(),;:]+\.[A-Za-z]{2,}")
_STANDARD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
}
_PLAIN = (int, float, bool, type(None))


def redact(text):
    """`text` with personal links, tokens, query strings and email addresses replaced."""
    text = _PERSONAL_LINK.sub(r"\1<token>", text)
    text = _QUERY.sub("?<query>", text)
    text = _EMAIL.sub("<email>", text)
    return _TOKEN.sub("<token>", text)


class RedactSecrets(logging.Filter):
    """Rewrites a record in place (message, extra fields, traceback); never drops one."""

    _traceback_formatter = logging.Formatter()

    def filter(self, record):
        record.msg = redact(record.getMessage())
        record.args = ()
        for name, value in list(vars(record).items()):
            if name in _STANDARD_ATTRIBUTES or isinstance(value, _PLAIN):
                continue
            setattr(record, name, redact(value if isinstance(value, str) else str(value)))
        if record.exc_info:
            record.exc_text = self._traceback_formatter.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
