"""Indexes for the hotline's search on PostgreSQL: accent- and case-folded trigram search
over everything a caller may say (name, email, organisation, city, phone, reference).

The query in `registration/hotline/queries.py` uses exactly the expression indexed here.
SQLite has neither extension; the search falls back to plain `icontains` there."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # unaccent() is only STABLE (its dictionary could change); naming the dictionary makes
    # the wrapper safe to declare IMMUTABLE, which an index expression requires.
    """
    CREATE OR REPLACE FUNCTION hotline_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    """,
    """
    CREATE OR REPLACE FUNCTION hotline_search_document(
        first_name text, last_name text, email text, organisation text, city text,
        phone text, booking_reference text
    ) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT hotline_unaccent(lower(concat_ws(' ',
        first_name, last_name, email, organisation, city,
        regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'), booking_reference))) $$
    """,
    """
    CREATE INDEX IF NOT EXISTS hotline_registration_search_trgm
    ON registration_registration USING gin (hotline_search_document(
        first_name, last_name, email, organisation, city, phone, booking_reference
    ) gin_trgm_ops)
    """,
]

BACKWARD = [
    "DROP INDEX IF EXISTS hotline_registration_search_trgm",
    "DROP FUNCTION IF EXISTS hotline_search_document(text, text, text, text, text, text, text)",
    "DROP FUNCTION IF EXISTS hotline_unaccent(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("hotline", "0001_initial"),
        ("registration", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
