"""Fills German translations into locale/de/LC_MESSAGES/django.po from a JSON file of
{"English msgid": "German msgstr"} (plural entries: {"msgid": ["singular", "plural"]}).

    python manage.py makemessages -l de --ignore '.venv/*' --ignore 'tests/*'
    python scripts/translate.py my-strings.json
    python scripts/translate.py --missing     # lists what is still untranslated
"""

import json
import sys
from pathlib import Path

import polib

PO_FILE = Path(__file__).resolve().parent.parent / "locale" / "de" / "LC_MESSAGES" / "django.po"


def fill(translations):
    po = polib.pofile(str(PO_FILE), wrapwidth=100)
    filled = 0
    for entry in po:
        german = translations.get(entry.msgid)
        if german is None:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: german[0], 1: german[1]}
        else:
            entry.msgstr = german
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    po.save()
    return filled


def missing():
    po = polib.pofile(str(PO_FILE))
    return [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]


if __name__ == "__main__":
    if sys.argv[1:] == ["--missing"]:
        for msgid in missing():
            print(json.dumps(msgid, ensure_ascii=False))
    else:
        count = fill(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
        print(f"filled {count} entries; {len(missing())} still missing")
