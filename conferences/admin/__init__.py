"""Django admin for organisers: the whole programme without help from a developer.
Every content admin clears the public page cache on save (ClearsPublicPagesOnSaveMixin)."""

from . import edition, programme  # noqa: F401 - registers the ModelAdmins
