"""Short booking references that are easy to read out on the phone, e.g. MCE18-7KQ4."""

import secrets

from registration.models import Registration

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: nothing a caller or a hotline agent can mix up.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 4


def new_booking_reference(conference):
    """A reference not yet used; grows by one character if the short ones run out."""
    length = LENGTH
    for attempt in range(50):
        if attempt and attempt % 10 == 0:
            length += 1
        code = "".join(secrets.choice(ALPHABET) for _ in range(length))
        reference = f"{conference.booking_prefix}-{code}".upper()
        if not Registration.objects.filter(booking_reference=reference).exists():
            return reference
    raise RuntimeError("no free booking reference found")  # pragma: no cover
