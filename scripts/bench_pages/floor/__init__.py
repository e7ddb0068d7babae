"""The floor of the page benchmark: the least a Django page costs on this machine.

A project of its own, as `startproject` makes it (its default middleware, SQLite, one app's
templates), with one view that renders a 24-row table from a template. Served by gunicorn
next to the site in the same run, it turns CPU milliseconds into a ratio that holds on a
faster or busier machine."""
