"""Fill the kk and ru catalogs from a table of translations, and the en catalog with the
English source text. Run after `make messages`:

    uv run --with polib python tools/fill_catalogs.py TABLE.py

TABLE.py defines T = {msgid: (kk, ru)} and PLURALS = {msgid: ([kk forms], [ru forms])}.
Reports every msgid still without a translation; exits 1 if there is one.
"""

import runpy
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "eacademy" / "locale"


def main(table_path: str) -> int:
    table = runpy.run_path(table_path)
    singles, plurals = table["T"], table.get("PLURALS", {})
    missing = 0
    for index, language in enumerate(("kk", "ru")):
        po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
        for entry in po:
            if "fuzzy" in entry.flags and entry.msgid not in singles and entry.msgid not in plurals:
                # msgmerge guessed from a similar string: a guess is not a translation
                entry.msgstr = ""
                entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
            if entry.msgid_plural:
                forms = plurals.get(entry.msgid, ([], []))[index]
                if forms:
                    entry.msgstr_plural = dict(enumerate(forms))
                elif not all(entry.msgstr_plural.values()):
                    print(f"{language}: no translation for {entry.msgid!r}")
                    missing += 1
            elif entry.msgid in singles:
                entry.msgstr = singles[entry.msgid][index]
            elif not entry.msgstr:
                print(f"{language}: no translation for {entry.msgid!r}")
                missing += 1
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.save()
    english = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    for entry in english:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    english.save()
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
