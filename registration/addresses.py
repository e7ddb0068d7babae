"""When two typed email addresses are the same person's for the duplicate check.

One address may hold seats for a conference only once. Mail providers deliver variants of an
address to the same mailbox, so the check compares a normalised form: case does not count,
a "+tag" after the name does not count (`name+1@example.org` is `name@example.org`), and for
Gmail only, dots in the name do not count and googlemail.com is gmail.com. Other providers
treat dots as part of the name, so there they count. Emails still go to the address as typed."""

GMAIL_DOMAINS = ("gmail.com", "googlemail.com")


def normalised_address(email):
    """The form of `email` the duplicate check compares (see the module docstring)."""
    local, at, domain = email.strip().lower().rpartition("@")
    if not at:
        return email.strip().lower()
    # "+tag" alone ("+1@example.org") is a name, not a tag.
    local = local.split("+", 1)[0] or local
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", "") or local, GMAIL_DOMAINS[0]
    return f"{local}@{domain}"
