"""What attendees do themselves from their manage link beyond choosing seats: correct their
details (a new address counts once its link is followed), show a ticket at the door, and
mark the sessions they plan to attend. The rules live in `registration.services`; this app
holds the rows they write and the reads of them."""
