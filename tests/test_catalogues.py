"""Every string the user can see is translated in every language.

The strings are extracted from the code and templates as `make messages` does (GNU gettext's
xgettext, through Django's makemessages), into a copy of the catalogues, so a template string or
a lazy string that is missing from a catalogue, untranslated or fuzzy fails here.
"""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
# English is the source language: its msgids are the English text.
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogues as they would be after `make messages`, in a temporary folder."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext (xgettext) is needed: apt-get install gettext")
    # makemessages writes to the `locale` folder of the current directory: it runs in a
    # temporary tree of links to the sources with a copy of the catalogues, never on ours.
    tree = tmp_path_factory.mktemp("catalogues")
    for source in ROOT.iterdir():
        if source.name not in {"locale", ".venv", ".git", "staticfiles", "test-artifacts"}:
            (tree / source.name).symlink_to(source)
    locale = tree / "locale"
    shutil.copytree(ROOT / "locale", locale, ignore=shutil.ignore_patterns("*.mo"))
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tree)
        patch.setattr(settings, "LOCALE_PATHS", [locale])
        call_command(
            "makemessages",
            locale=TRANSLATED,
            no_obsolete=True,
            symlinks=True,
            ignore_patterns=["staticfiles", "test-artifacts", "node_modules"],
            verbosity=0,
        )
    return locale


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated_in(language, extracted):
    catalogue = polib.pofile(str(extracted / language / "LC_MESSAGES" / "django.po"))
    missing = [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete
        and (
            "fuzzy" in entry.flags
            or (not entry.msgid_plural and not entry.msgstr)
            or (entry.msgid_plural and not all(entry.msgstr_plural.values()))
        )
    ]
    assert missing == [], f"{len(missing)} strings lack a {language} translation"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_committed_catalogue_is_the_extracted_one(language, extracted):
    """`make messages` was run: the committed catalogue has every string the code has."""
    committed = {
        e.msgid for e in polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    }
    current = {
        e.msgid
        for e in polib.pofile(str(extracted / language / "LC_MESSAGES" / "django.po"))
        if not e.obsolete
    }
    assert sorted(current - committed) == []
