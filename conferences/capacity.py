"""Seats are configured in this app (the conference, each day, the gala dinner, each World
Café table) and counted by the registration app, which this lower app never imports.

At start-up the registration app plugs in a `SeatCounter` (see `RegistrationConfig.ready`):
pages ask it whether registration is full and for the live figures, and a capacity change
in admin asks it whether the new number still covers the seats taken. Without a counter
(conferences used on its own) nothing is ever full and every capacity is accepted."""

from typing import Protocol


class SeatCounter(Protocol):
    def is_full(self, conference) -> bool:
        """Every seat of the conference as a whole is held."""

    def participation_facts(self, conference) -> dict:
        """{"participants": n, "countries": n} of confirmed registrations."""

    def check_capacity(self, instance) -> None:
        """Raises ValidationError when `instance` (a Conference, Day or WorldCafeTable about
        to be saved) would have fewer seats than are taken."""


_counter = None


def use_seat_counter(counter):
    global _counter
    _counter = counter


def is_full(conference):
    return _counter is not None and _counter.is_full(conference)


def participation_facts(conference):
    if _counter is None:
        return {"participants": 0, "countries": 0}
    return _counter.participation_facts(conference)


def check_capacity(instance):
    if _counter is not None:
        _counter.check_capacity(instance)
