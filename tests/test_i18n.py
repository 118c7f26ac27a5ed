"""The one catalogue: every string a person reads is a message of it, and English translates every message.

Marked strings are found as Babel extracts them (workshop/messages.py); unmarked ones by reading the sources:
text and readable attributes in the Jinja templates, string literals in the JavaScript, and the Dutch words in
Python's string literals, outside the calls that translate them."""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_javascript
from babel.messages.pofile import read_po
from jinja2 import Environment

from workshop.messages import KEYWORDS, ROOT, extracted, po_path, untranslated

# Words only Dutch has (not English): a string literal with one of them is Dutch text for a person.
DUTCH = re.compile(r"\b(de|het|een|niet|geen|je|jouw|deze|dit|dat|wat|moet|kan|zijn|wordt|bij|voor|naar|ook|nog|"
                   r"van|en|op|te|om|er|hier|als|maar|wel|alleen|gesloten|opgeslagen|sessie|deelnemers?|activiteit|"
                   r"kaart(en)?|vraag|vragen|antwoord(en)?|organisatie|procesbegeleider|sluiten|openen|"
                   r"verwijderen|bewaren|toevoegen|kies|stuur|vul)\b", re.IGNORECASE)
TRANSLATING = {"_", "gettext", "ngettext", "pgettext", "lazy_gettext", "lazy_ngettext", "N_", "t", "tn"}
# Not translated on purpose: the app's name, and the words of the file formats' machine names.
NOT_TEXT = {"Werkatelier", "QR", "PDF", "CSV", "JSON", "xlsx", "Excel", "English", "Nederlands",
            # KeyboardEvent.key values (keys the console answers), not words
            "ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown", "PageDown", "PageUp", "Escape", "Enter"}
READABLE_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-description", "aria-roledescription"}


def sources(pattern: str) -> list[Path]:
    return sorted(p for p in ROOT.glob(pattern) if "vendor" not in p.parts)


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


# --- templates ---------------------------------------------------------------------------------------------------

class Texts(HTMLParser):
    """The text nodes and readable attribute values of an HTML page (outside script and style)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        self.found += [value for name, value in attrs if name in READABLE_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.found.append(data)


def readable(text: str) -> bool:
    words = re.sub("§", " ", text)
    return any(re.search(r"[A-Za-zÀ-ÿ]{2,}", word) and word not in NOT_TEXT
               for word in re.findall(r"[\wÀ-ÿ’'-]+", words))


def unmarked_in_template(path: Path) -> list[str]:
    """The template's literal text: what is outside {{ }} and {% %}, tags stripped (a tag stands for §)."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    literal, tag, in_attribute_block = [], [], False
    for _, token, value in env.lex(path.read_text()):
        if token == "name":
            tag.append(value)
        elif token == "block_end":  # {% block body_class %}phone{% endblock %}: a class name, not text
            in_attribute_block, tag = tag[:1] == ["block"] and tag[-1].startswith("body_"), []
        if token == "data" and not in_attribute_block:
            literal.append(value)
        elif token in ("variable_begin", "block_begin"):
            literal.append("§")
    texts = Texts()
    texts.feed("".join(literal))
    return [text.strip() for text in texts.found if readable(text)]


# --- JavaScript --------------------------------------------------------------------------------------------------

def human(text: str) -> bool:
    """A JavaScript string a person reads: Dutch words, or a capitalised word (class names and ids are lower case)."""
    text = re.sub(r"\$\{[^}]*\}", " ", text)
    return bool(DUTCH.search(text) or re.match(r"^\s*[A-ZÀ-Ý][a-zà-ÿ]{2,}", text)) and text.strip() not in NOT_TEXT


# A comment, or a string literal ('…', "…" or `…`): comments are matched first where they start, so a string's
# "//" stays in the string.
JS_LITERAL = re.compile(r"//[^\n]*|/\*.*?\*/|(\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)", re.DOTALL)


def unmarked_in_javascript(path: Path) -> list[str]:
    """String literals a person reads that are not messages given to t() or tn()."""
    source = path.read_text()
    with path.open("rb") as file:
        marked = {text for _, _, message, _ in extract_javascript(file, KEYWORDS, [], {})
                  for text in (message if isinstance(message, tuple) else (message,)) if text}
    found = []
    for match in JS_LITERAL.finditer(source):
        literal = match.group(1)
        if literal and literal[1:-1] not in marked and human(literal[1:-1]):
            found.append(literal[1:-1])
    return found


# --- Python ------------------------------------------------------------------------------------------------------

def translating(node) -> bool:
    return isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in TRANSLATING


def unmarked_in_python(path: Path) -> list[str]:
    """Dutch string literals (f-strings too) that no gettext call translates; docstrings aside, and the ids of
    (id, translated label) pairs such as a layout's views ("vragen", _("Per vraag"))."""
    tree = ast.parse(path.read_text())
    inside = set()
    for node in ast.walk(tree):
        if translating(node):
            inside.update(id(n) for arg in node.args for n in ast.walk(arg))
        if isinstance(node, ast.Tuple) and len(node.elts) == 2 and translating(node.elts[1]):
            inside.add(id(node.elts[0]))
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and node.body \
                and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
            inside.add(id(node.body[0].value))
    found = []
    for node in ast.walk(tree):
        if id(node) in inside:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and DUTCH.search(node.value) \
                and not re.fullmatch(r"[a-z]{2}", node.value):  # a language code
            found.append(node.value)
    return found


CHECKS = {"templates/**/*.html": unmarked_in_template, "static/js/**/*.js": unmarked_in_javascript,
          "workshop/**/*.py": unmarked_in_python, "run.py": unmarked_in_python}
ALL_SOURCES = {relative(path): check for pattern, check in CHECKS.items() for path in sources(pattern)}


@pytest.mark.parametrize("source", sorted(ALL_SOURCES))
def test_every_string_a_person_reads_is_in_the_catalogue(source):
    assert ALL_SOURCES[source](ROOT / source) == [], f"{source}: mark these with _() / t() (and run make messages)"


def test_the_checks_find_unmarked_strings(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<p>{{ _("Goed") }}</p><button aria-label="Sluiten">{{ x }}</button>\n<h2>Doe mee</h2>')
    assert unmarked_in_template(page) == ["Sluiten", "Doe mee"]
    script = tmp_path / "page.js"
    script.write_text('el.textContent = t("Opgeslagen");\nbox.className = "card waiting";\n'
                      'toast(`Je hebt ${n} kaarten`);\nconst label = "Sluiten";')
    assert unmarked_in_javascript(script) == ["Je hebt ${n} kaarten", "Sluiten"]
    module = tmp_path / "module.py"
    module.write_text('"""Docstring van de module."""\nraise WorkshopError(_("Kies een optie."))\n'
                      'raise WorkshopError(f"Deze vraag {n} bestaat niet.")\nlog.info("session %s opened", code)\n'
                      'views = (("vragen", _("Per vraag")), ("kaarten", "Kaarten per rol"))\n')
    assert unmarked_in_python(module) == ["Deze vraag ", " bestaat niet.", "kaarten", "Kaarten per rol"]


# --- the catalogue -----------------------------------------------------------------------------------------------

def english():
    with po_path("en").open("rb") as file:
        return read_po(file, locale="en")


def test_the_english_catalogue_is_up_to_date_and_complete():
    """`make messages` has been run after the last change, and every message has its English translation."""
    catalogue = english()
    used = {(m.id, m.context): m for m in extracted() if m.id}
    translated = {(m.id, m.context): m for m in catalogue if m.id}
    assert sorted(set(used) - set(translated), key=str) == [], "new messages: run make messages"
    assert sorted(set(translated) - set(used), key=str) == [], "messages no longer used: run make messages"
    missing = [key for key, m in translated.items() if untranslated(m)]
    assert missing == [], "messages without an English translation"


def placeholders(text) -> set[str]:
    joined = " ".join(text) if isinstance(text, (tuple, list)) else text
    return set(re.findall(r"%\(\w+\)[sd]|\{\w+\}", joined))


def test_translations_keep_the_placeholders():
    wrong = [m.id for m in english() if m.id and m.string and placeholders(m.string) != placeholders(m.id)]
    assert wrong == []
