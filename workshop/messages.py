"""The catalogue's upkeep: `python -m workshop.messages` (make messages) extracts every string a person reads
from Python, the Jinja templates, the JavaScript and the library (babel.cfg) and brings each translation's .po
file up to date with it: new messages are added untranslated, messages no longer used are dropped."""

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from .i18n import LANGUAGES, SOURCE, TRANSLATIONS

ROOT = Path(__file__).resolve().parent.parent
# Besides gettext's own: t() and tn() of static/js/i18n.js, lazy_gettext for messages made at import.
KEYWORDS = {**DEFAULT_KEYWORDS, "t": None, "tn": (1, 2), "lazy_gettext": None, "lazy_ngettext": (1, 2)}


def extracted() -> Catalog:
    """Every message of the app, with the files it is used in."""
    with (ROOT / "babel.cfg").open() as file:
        method_map, options_map = parse_mapping_cfg(file)
    catalog = Catalog(project="Werkatelier", locale=SOURCE)
    for path, line, message, comments, context in extract_from_dir(ROOT, method_map, options_map, KEYWORDS,
                                                                   comment_tags=("Translators:",)):
        catalog.add(message, locations=[(path, None)], auto_comments=comments, context=context)
    return catalog


def untranslated(message) -> bool:
    """A message without its translation (a plural one: without any of its forms), or one marked fuzzy."""
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return not all(forms) or message.fuzzy


def po_path(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"


def update(language: str, template: Catalog):
    path = po_path(language)
    if path.exists():
        with path.open("rb") as file:
            catalog = read_po(file, locale=language)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = Catalog(project="Werkatelier", locale=language, fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    with path.open("wb") as file:
        write_po(file, catalog, width=0, sort_output=True, ignore_obsolete=True, include_lineno=False)
    missing = sum(1 for message in catalog if message.id and untranslated(message))
    print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {missing} untranslated")


def main(languages=None):
    template = extracted()
    for language in languages or [language for language in LANGUAGES if language != SOURCE]:
        update(language, template)


if __name__ == "__main__":
    main(sys.argv[1:])
