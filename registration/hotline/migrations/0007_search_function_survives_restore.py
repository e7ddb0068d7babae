"""pg_restore runs with an empty search_path: the search function's call of hotline_unaccent()
must name its schema, or rebuilding the trigram index fails and a backup cannot be restored
(found by tests/mce_site/test_deploy_kit.py). Same function, schema-qualified call."""

from django.db import migrations

QUALIFIED = """
    CREATE OR REPLACE FUNCTION hotline_search_document(
        first_name text, last_name text, email text, organisation text, city text,
        phone text, booking_reference text
    ) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT public.hotline_unaccent(lower(concat_ws(' ',
        first_name, last_name, email, organisation, city,
        regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'), booking_reference))) $$
"""
UNQUALIFIED = QUALIFIED.replace("public.hotline_unaccent", "hotline_unaccent")


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("hotline", "0006_press_officer_accredits_press")]

    operations = [migrations.RunPython(_run(QUALIFIED), _run(UNQUALIFIED), elidable=False)]
