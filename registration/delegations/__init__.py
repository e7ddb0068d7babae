"""Delegations on the public site: the form that registers several people in one go, its
pages, and what the lead's manage page shows. The rules are registration/services/delegations.py."""
