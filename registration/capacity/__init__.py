"""Capacity: who holds a seat of what, who waits for it, and who gets a seat that is freed.

The rule (the README repeats it):

* Items. A conference has capacity items: the conference as a whole, each day, the gala
  dinner and each World Café table, each with its own seats and its own waiting list in
  arrival order. Per item it chose, a registration holds a seat, is offered one, or waits.
* Core. A conference seat and at least one chosen day belong together; without them nothing
  else is held. If the conference is full, or every chosen day is full, or any chosen day
  is full for someone who asked to wait for the whole registration, the person holds
  nothing and waits for what is full.
* Otherwise each full day is waited for on its own while the other days are held; the gala
  dinner is held if it has a seat, else waited for; the table is the first choice if it has
  a seat, else the second, else (if the person wants to) they wait for whichever of the two
  frees first.
* A seat is free for someone only when nobody is queued for it: the waiting list goes first.
* Double opt-in: a web sign-up holds its seats until the address is confirmed by the link
  or the hold time ends (one reminder before), and its waiting places join the queue only
  once the address is confirmed. An unconfirmed address is never promoted.
* Promotion: seats freed on an item (cancellation, change, expiry, lapsed offer, raised
  capacity) go to that item's first queued people, item by item, in the worker's sweep a
  few seconds later (`promotion.sweep`); until then the queue keeps those seats from
  newcomers. Each promoted person gets one email. The conference decides: confirmed at
  once, or offered the seats for a set time, accepted with one click; a lapsed offer passes
  to the next person.
  Someone at the head of a core waiting list whose other core items are full moves to wait
  for those instead, keeping their arrival time.

Concurrency: a transaction locks the registration row, then only the counter rows of the
items it changes, by conditional updates in primary-key order (`taken = taken + 1 WHERE
taken < capacity`); the database refuses `taken > capacity`. No event-wide lock, and
nothing done under a lock grows with a waiting list: the head of a queue is an index range
scan. Expiry and offers are per booking, so the sweep touches only what is due.

Modules: `items` (the counters and the figures read from them), `seating` (the rule and the
moves that apply it), `promotion` (the worker's sweep)."""

from .items import (
    KIND_ORDER,
    Items,
    Kind,
    SeatCounter,
    item_figures,
    load_items,
    seats_left,
    shown_seats,
    sync_items,
)
from .promotion import (
    expire_unconfirmed,
    items_to_promote,
    lapse_offers_of,
    lock,
    promote_items,
    release_expired_holds,
    send_hold_reminders,
    sweep,
    waiting_position,
)
from .seating import (
    SEATED,
    Outcome,
    State,
    accept_offered,
    claim_seats,
    confirm_address,
    deadline,
    holds_conference_seat,
    lock_all_counters,
    release_all,
    reseat,
    update_status,
    write_bookings,
)

__all__ = [
    "KIND_ORDER",
    "SEATED",
    "Items",
    "Kind",
    "Outcome",
    "SeatCounter",
    "State",
    "accept_offered",
    "claim_seats",
    "confirm_address",
    "deadline",
    "expire_unconfirmed",
    "holds_conference_seat",
    "lock_all_counters",
    "item_figures",
    "items_to_promote",
    "lapse_offers_of",
    "load_items",
    "lock",
    "promote_items",
    "release_all",
    "release_expired_holds",
    "reseat",
    "seats_left",
    "send_hold_reminders",
    "shown_seats",
    "sweep",
    "sync_items",
    "update_status",
    "waiting_position",
    "write_bookings",
]
