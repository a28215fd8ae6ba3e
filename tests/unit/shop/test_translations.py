"""The Indonesian catalogue of our own strings: complete, compiled, current, and used.

Refresh it after changing strings (the .mo is committed so that machines without
GNU gettext serve the translations too):

    .venv/bin/python manage.py makemessages -l id -e html,txt,py \
        --ignore=.venv --ignore=var --ignore=test-artifacts --ignore=tests
    # translate the new entries in locale/id/LC_MESSAGES/django.po, then
    .venv/bin/python manage.py compilemessages --ignore=.venv -l id
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.services import require
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

ROOT = Path(__file__).resolve().parents[3]
MESSAGES = ROOT / "locale" / "id" / "LC_MESSAGES"
PO = MESSAGES / "django.po"
MO = MESSAGES / "django.mo"
# What makemessages reads (-e html,txt,py); the rest of the tree is left out of the copy.
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
NOT_SOURCES = {".git", ".venv", "var", "test-artifacts", "tests", "node_modules", "locale",
               "__pycache__", "static"}


def catalog_read(path: Path):
    reader = read_mo if path.suffix == ".mo" else read_po
    with path.open("rb") as handle:
        return reader(handle)


def key(message):
    """(context, msgid) with msgid a (singular, plural) pair for plural entries."""
    msgid = tuple(message.id) if isinstance(message.id, (list, tuple)) else message.id
    context = message.context
    if isinstance(context, bytes):  # read_mo leaves the msgctxt undecoded
        context = context.decode("utf-8")
    return (context, msgid)


def strings(message) -> tuple:
    """The msgstr, or the plural msgstr[n], as a tuple (read_mo gives lists)."""
    if isinstance(message.string, (list, tuple)):
        return tuple(message.string)
    return (message.string,)


def translations(catalog) -> dict:
    return {
        key(message): strings(message)
        for message in catalog
        if message.id and not message.fuzzy and any(strings(message))
    }


def test_the_committed_mo_is_compiled_from_the_po():
    po, mo = translations(catalog_read(PO)), translations(catalog_read(MO))
    assert po, "the .po has no translations"
    assert mo == po, (
        "locale/id/LC_MESSAGES/django.mo is out of date: run "
        "`manage.py compilemessages --ignore=.venv -l id` and commit the .mo"
    )


def test_every_msgid_is_translated_and_none_is_fuzzy():
    catalog = catalog_read(PO)
    assert not catalog.fuzzy, "the header is marked fuzzy"
    untranslated, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            fuzzy.append(message.id)
        if not all(strings(message)):
            untranslated.append(message.id)
    assert not untranslated, f"untranslated in {PO.relative_to(ROOT)}: {untranslated}"
    assert not fuzzy, f"fuzzy (ignored by compilemessages) in {PO.relative_to(ROOT)}: {fuzzy}"


def test_translations_keep_the_placeholders_and_one_plural_form():
    catalog = catalog_read(PO)
    assert catalog.num_plurals == 1  # Indonesian: Plural-Forms: nplurals=1; plural=0;
    problems = [(message.id, [str(error) for error in errors])
                for message, errors in catalog.check() if errors]
    assert not problems


def source_copy(destination: Path) -> None:
    """The files makemessages reads, under the same paths, without the test suite."""
    for directory, subdirectories, files in os.walk(ROOT):
        here = Path(directory)
        subdirectories[:] = [name for name in subdirectories
                             if name not in NOT_SOURCES and not name.startswith(".")]
        for name in files:
            if Path(name).suffix in SOURCE_SUFFIXES:
                target = destination / (here / name).relative_to(ROOT)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(here / name, target)


def test_the_catalogue_has_every_msgid_the_code_marks(tmp_path):
    require("GNU gettext", shutil.which("xgettext") is not None and shutil.which("msguniq")
            is not None, "makemessages needs xgettext (apt-get install gettext)")
    copy = tmp_path / "src"
    source_copy(copy)
    (copy / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shop.settings.test",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "-e", "html,txt,py",
         "--ignore=.venv", "--ignore=var", "--ignore=test-artifacts", "--ignore=tests"],
        cwd=copy, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    wanted = {key(message) for message in catalog_read(copy / "locale/id/LC_MESSAGES/django.po")
              if message.id}
    committed = {key(message) for message in catalog_read(PO) if message.id}
    missing = sorted(wanted - committed, key=str)
    assert not missing, (
        f"{len(missing)} marked string(s) are not in {PO.relative_to(ROOT)}: {missing}. "
        "Run makemessages (see this module's docstring), translate, compilemessages."
    )


@pytest.mark.parametrize("language, expected", [
    ("id", {"Approved": "Lolos kurasi", "Changes requested": "Perlu perbaikan",
            "Basket": "Keranjang", "Bank transfer": "Transfer bank", "Wood carving": "Ukiran kayu",
            "Eco-print": "Ecoprint", "Awaiting payment": "Menunggu pembayaran"}),
    ("en", {"Approved": "Approved", "Changes requested": "Changes requested",
            "Bank transfer": "Bank transfer", "Wood carving": "Wood carving"}),
])
def test_gettext_answers_in_the_active_language(language, expected):
    with translation.override(language):
        assert {msgid: translation.gettext(msgid) for msgid in expected} == expected


def test_labels_contexts_and_plurals_are_indonesian():
    from catalogue.states import CurationState

    with translation.override("id"):
        assert str(CurationState.APPROVED.label) == "Lolos kurasi"
        assert str(CurationState.IN_REVIEW.label) == "Sedang ditinjau"
        assert translation.pgettext("buyer account menu", "Account") == "Akun"
        assert translation.pgettext("price", "from") == "mulai"
        assert (translation.ngettext("%(counter)s product", "%(counter)s products", 3)
                % {"counter": 3}) == "3 produk"


def test_our_catalogue_comes_before_oscars():
    """Where Oscar has the same msgid, ours is used ("Keranjang", not Oscar's "Troli belanja")."""
    assert settings.LOCALE_PATHS[0] == ROOT / "locale"
    with translation.override("id"):
        assert translation.gettext("Basket") == "Keranjang"
        assert translation.gettext("Home") == "Beranda"


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["header", "cookie"])
@pytest.mark.parametrize("language, shown, not_shown", [
    ("id", "Buatan tangan dari berbagai daerah di Indonesia", "Handmade in the regions of Indonesia"),
    ("en", "Handmade in the regions of Indonesia", "Buatan tangan dari berbagai daerah di Indonesia"),
])
def test_home_page_speaks_the_chosen_language(client, how, language, shown, not_shown):
    if how == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get("/")
    else:
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    page = response.content.decode()
    assert shown in page
    assert not_shown not in page
    assert f'<html lang="{language}"' in page
