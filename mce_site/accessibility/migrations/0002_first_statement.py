import datetime

from django.db import migrations

# The first statement, from an audit of the site with axe-core 4.14 and the Nu HTML checker
# (every public page and back-office page) and by keyboard. Organisers keep it current in admin.
TEXTS = {
    "limitations": {
        "en": (
            "- The printable programme (PDF) is not tagged for screen readers. The same programme"
            " is on the programme page and in open formats (calendar file, JSON, XML).\n"
            "- Documents in the press kit come from partners and may not be accessible.\n"
            "- Partners' own websites, linked from the event pages, are not covered by this"
            " statement."
        ),
        "de": (
            "- Das Druckprogramm (PDF) ist nicht für Screenreader ausgezeichnet. Dasselbe"
            " Programm steht auf der Programmseite und in offenen Formaten (Kalenderdatei, JSON,"
            " XML) bereit.\n"
            "- Dokumente im Pressebereich stammen von Partnern und sind möglicherweise nicht"
            " barrierefrei.\n"
            "- Die Websites der Partner, auf die die Veranstaltungsseiten verweisen, sind nicht"
            " Teil dieser Erklärung."
        ),
    },
    "alternatives": {
        "en": (
            "The conference hotline registers you by phone, fax or email, reads documents out to"
            " you or sends them in another format, and notes your accessibility needs for the"
            " venue."
        ),
        "de": (
            "Die Konferenz-Hotline meldet Sie per Telefon, Fax oder E-Mail an, liest Ihnen"
            " Dokumente vor oder schickt sie in einem anderen Format und nimmt Ihre Bedürfnisse"
            " für den Veranstaltungsort auf."
        ),
    },
    "feedback": {
        "en": (
            "Please tell us about any barrier you meet on this site: write to"
            " [operations@majorcities.eu](mailto:operations@majorcities.eu) or call the hotline."
            " We answer within two weeks."
        ),
        "de": (
            "Bitte teilen Sie uns jede Barriere mit, auf die Sie auf dieser Website stoßen:"
            " schreiben Sie an [operations@majorcities.eu](mailto:operations@majorcities.eu)"
            " oder rufen Sie die Hotline an. Wir antworten innerhalb von zwei Wochen."
        ),
    },
    "enforcement": {
        "en": (
            "If our answer does not satisfy you, you can turn to the conciliation body under"
            " section 16 of the German Disability Equality Act (Schlichtungsstelle nach § 16 BGG),"
            " [www.schlichtungsstelle-bgg.de](https://www.schlichtungsstelle-bgg.de/). It helps"
            " free of charge to settle disputes about barriers."
        ),
        "de": (
            "Wenn unsere Antwort Sie nicht zufriedenstellt, können Sie sich an die"
            " Schlichtungsstelle nach § 16 des Behindertengleichstellungsgesetzes wenden,"
            " [www.schlichtungsstelle-bgg.de](https://www.schlichtungsstelle-bgg.de/). Sie hilft"
            " kostenlos, Streitigkeiten über Barrieren beizulegen."
        ),
    },
}


def first_statement(apps, schema_editor):
    AccessibilityStatement = apps.get_model("accessibility", "AccessibilityStatement")
    if AccessibilityStatement.objects.exists():
        return
    fields = {}
    for name, texts in TEXTS.items():
        fields[name] = texts["en"]
        fields.update({f"{name}_{language}": text for language, text in texts.items()})
    day = datetime.date(2026, 12, 3)
    AccessibilityStatement.objects.create(
        conformance="partial", prepared_on=day, reviewed_on=day, **fields
    )


class Migration(migrations.Migration):
    dependencies = [("accessibility", "0001_initial")]

    operations = [migrations.RunPython(first_statement, migrations.RunPython.noop)]
