"""The duplicate check's address rule: variants of one mailbox count as one address."""

import pytest

from registration.addresses import normalised_address


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("Zoe@Example.ORG", "zoe@example.org"),
        ("zoe+conference@example.org", "zoe@example.org"),
        ("zoe+a+b@example.org", "zoe@example.org"),
        ("Jane.Doe+mce@gmail.com", "janedoe@gmail.com"),
        ("j.a.n.e.doe@googlemail.com", "janedoe@gmail.com"),
        (" zoe@example.org ", "zoe@example.org"),
    ],
)
def test_variants_of_one_mailbox_are_one_address(typed, normalised):
    assert normalised_address(typed) == normalised


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # Dots count everywhere but at Gmail: another provider may deliver them elsewhere.
        ("jane.doe@example.org", "janedoe@example.org"),
        ("jane.doe@outlook.com", "janedoe@outlook.com"),
        ("zoe@example.org", "zoe@example.com"),
        # A name that starts with "+" is a name, not a tag.
        ("+1@example.org", "@example.org"),
    ],
)
def test_different_mailboxes_stay_different(one, other):
    assert normalised_address(one) != normalised_address(other)
