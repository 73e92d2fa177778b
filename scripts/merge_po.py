"""A git merge driver for .po files: the union of both sides' translations.

Register it once per clone:
    git config merge.po-union.driver ".venv/bin/python scripts/merge_po.py %O %A %B"
(.gitattributes names the files). Afterwards run `make messages` to refresh source references.
"""

import sys

import polib


def key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def main(base_path: str, ours_path: str, theirs_path: str) -> int:
    ours = polib.pofile(ours_path)
    theirs = polib.pofile(theirs_path)
    index = {key(entry): entry for entry in ours}
    for entry in theirs:
        if entry.obsolete:
            continue
        mine = index.get(key(entry))
        if mine is None:
            ours.append(entry)
            index[key(entry)] = entry
        elif not mine.translated() and entry.translated():
            mine.msgstr = entry.msgstr
            mine.msgstr_plural = entry.msgstr_plural
            mine.flags = [flag for flag in mine.flags if flag != "fuzzy"]
        for occurrence in entry.occurrences:
            if mine is not None and occurrence not in mine.occurrences:
                mine.occurrences.append(occurrence)
    ours.save(ours_path)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
