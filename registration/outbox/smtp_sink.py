"""A local SMTP server that keeps what it receives, for the email benchmark and for the tests
that run the worker as a real process. Built on aiosmtpd, a development dependency: import
this module only there."""

import logging
import socket
import threading
import time
from dataclasses import dataclass
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller

# aiosmtpd logs every SMTP command at INFO: the benchmark's and the tests' output stays readable.
logging.getLogger("mail.log").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Received:
    message_id: str
    recipients: tuple
    accepted_at: float  # time.monotonic() of this process


class SmtpSink:
    """`with SmtpSink() as sink:` listens on 127.0.0.1 on a free port. Set `refuse_with`
    (e.g. "451 4.3.0 Try again later") to refuse every recipient until it is None again."""

    def __init__(self):
        self.received = []
        self.refused = 0
        self.refuse_with = None
        self._lock = threading.Lock()
        self._controller = None
        self.port = None

    def __enter__(self):
        self.port = _free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def __exit__(self, *exc_info):
        self._controller.stop()

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def snapshot(self):
        with self._lock:
            return list(self.received)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_with:
            with self._lock:
                self.refused += 1
            return self.refuse_with
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        headers = BytesHeaderParser().parsebytes(envelope.content)
        received = Received(
            message_id=str(headers.get("Message-ID", "")),
            recipients=tuple(envelope.rcpt_tos),
            accepted_at=time.monotonic(),
        )
        with self._lock:
            self.received.append(received)
        return "250 Message accepted for delivery"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
