"""gunicorn's settings for every run of the site under gunicorn: production, `make serve`
(production settings on the loopback address) and the production smoke test.

`gunicorn` reads this file from the working directory by itself; every value can be changed
by the environment variables named below. The access log names the route that answered
(`/registration/<str:token>/`), never the path or query string, which can carry a personal
token, nor the visitor's address; every line of gunicorn's own logs passes the same redaction
filter as the site's (mce_site/log_redaction.py)."""

import gc
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gunicorn.glogging import Logger  # noqa: E402

from mce_site.log_redaction import RedactSecrets  # noqa: E402

wsgi_app = "mce_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Slow clients are nginx's business; a request body larger than this is refused early.
limit_request_line = 4094
limit_request_fields = 100
# No control socket (gunicorn 24+): its default path, $HOME/.gunicorn/gunicorn.ctl, would be
# shared by the two servers (mce-web@8001, mce-web@8002) and is read-only under the units'
# ProtectSystem=strict; systemd reloads with SIGHUP instead.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
# The route is put into the WSGI environ by mce_site.middleware.RequestLogMiddleware.
access_log_format = '%(t)s "%(m)s %({mce.route}e)s" %(s)s %(B)s %(M)sms'


class RedactingLogger(Logger):
    """gunicorn's logger with the site's redaction filter on each of its handlers."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(RedactSecrets())


logger_class = RedactingLogger


def post_worker_init(worker):
    """Moves everything the loaded site holds (modules, URL patterns, translations: about
    200,000 objects) out of the garbage collector's sight: a full collection then walks only
    what requests leave behind, instead of pausing a page for tens of milliseconds."""
    gc.freeze()
