"""The library's data files: every instrument and template is well formed, and its wording is the handbook's.

Pure and fast: tomllib only, not the app's loader. The wording is checked against the excerpts in
tests/library/seeds/ everywhere, and the excerpts against the handbooks themselves where those are (not in CI).
No line needs an exception list: every question, help line, group question and option label is the handbook's
own text (an option label may capitalise its first letter: 'Formeel' for '… formeel, of informeel?'); titles,
purposes, intros and labels are the app's words. The five instruments with views of their own are tested elsewhere.
"""

import re

import pytest

from . import wording
from .wording import EXCERPTS, SEEDS, found_in, load, normalise, option_labels, quoted_lines, template_lines

KINDS = {"stoplicht", "choice", "scale", "text", "points"}
FILE_ID = re.compile(r"[a-z0-9_]+")
ITEM_ID = re.compile(r"[a-z0-9-]+")
THEME = re.compile(r"[a-zà-ÿ]+")
MAX_ITEMS, MAX_LABEL, MAX_LINE, MAX_OPTIONS, MAX_OPTION_LABEL = 40, 120, 400, 12, 80
MAX_PURPOSE, MAX_TEXT_LENGTH, MAX_TEXT_ENTRIES = 140, 280, 10

INSTRUMENT_KEYS = {"title", "purpose", "handbook", "source", "themes", "intro", "per_organisation", "groups", "items",
                   "layout"}
REQUIRED_INSTRUMENT_KEYS = INSTRUMENT_KEYS - {"per_organisation", "groups", "layout"}
GROUP_KEYS = {"id", "label", "question"}
ITEM_KEYS = {"id", "label", "question", "help", "group", "kind"}
KIND_KEYS = {"stoplicht": set(), "choice": {"options", "multiple"}, "scale": {"low", "high", "low_label", "high_label"},
             "text": {"max_length", "max_entries", "placeholder"}, "points": {"options", "points"}}
TEMPLATE_KEYS = {"title", "purpose", "handbook", "source", "activities"}
ACTIVITY_KEYS = {"instrument", "title", "intro"}

HANDBOOKS = load(wording.HANDBOOKS)
INSTRUMENTS = {path.stem: load(path) for path in wording.instrument_files()}
TEMPLATES = {path.stem: load(path) for path in wording.template_files()}


def excerpt_paragraphs(handbook: str) -> list[str]:
    """The kept passages of a handbook, one a paragraph."""
    path = EXCERPTS / f"{handbook}.txt"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def quoted_in_excerpt(line: str, handbook: str, option: bool = False) -> bool:
    """Whether a line occurs, word for word, inside one kept passage of its handbook."""
    return any(found_in(line, normalise(p), option) for p in excerpt_paragraphs(handbook))


def is_text(value, limit: int) -> bool:
    """A non-empty string of at most `limit` characters."""
    return isinstance(value, str) and 0 < len(value.strip()) <= limit


def test_the_handbooks_are_the_five_seeds_with_a_title_and_a_short_name():
    assert list(HANDBOOKS) == ["000", "001", "002", "003", "004"]
    for book in HANDBOOKS.values():
        assert set(book) == {"title", "short"} and is_text(book["title"], MAX_LABEL)
        assert 2 <= len(book["short"].split()) <= 4


def test_the_library_has_at_least_ten_new_instruments_from_the_handbooks_the_issue_names():
    assert len(INSTRUMENTS) >= 10
    assert {"000", "001", "004"} <= {i["handbook"] for i in INSTRUMENTS.values()}


@pytest.mark.parametrize("name", sorted(INSTRUMENTS))
def test_an_instrument_has_its_keys_and_stays_within_the_limits(name):
    instrument = INSTRUMENTS[name]
    assert FILE_ID.fullmatch(name)
    assert REQUIRED_INSTRUMENT_KEYS <= set(instrument) <= INSTRUMENT_KEYS
    assert is_text(instrument["title"], MAX_LABEL) and is_text(instrument["purpose"], MAX_PURPOSE)
    assert is_text(instrument["source"], MAX_LINE) and is_text(instrument["intro"], MAX_LINE)
    assert instrument["handbook"] in HANDBOOKS
    assert 1 <= len(instrument["themes"]) <= 4 and all(THEME.fullmatch(t) for t in instrument["themes"])
    assert isinstance(instrument.get("per_organisation", False), bool)
    assert instrument.get("layout", "eigen") in ("eigen", "stoplicht")  # the handbook layouts are tested elsewhere
    groups = instrument.get("groups", [])
    for group in groups:
        assert GROUP_KEYS - {"question"} <= set(group) <= GROUP_KEYS
        assert ITEM_ID.fullmatch(group["id"]) and is_text(group["label"], MAX_LABEL)
        assert is_text(group.get("question", "x"), MAX_LINE)
    assert len({g["id"] for g in groups}) == len(groups)
    items = instrument["items"]
    assert 1 <= len(items) <= MAX_ITEMS
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        check_item(item, {g["id"] for g in groups})
    used = {i.get("group") for i in items}
    assert all(g["id"] in used for g in groups), "a group without items"


def check_item(item: dict, group_ids: set[str]) -> None:
    """One item: its keys, its kind, its lengths and its kind's fields."""
    kind = item["kind"]
    assert kind in KINDS
    assert {"id", "label", "question", "kind"} <= set(item) <= ITEM_KEYS | KIND_KEYS[kind], item["id"]
    assert ITEM_ID.fullmatch(item["id"]) and is_text(item["label"], MAX_LABEL)
    assert is_text(item["question"], MAX_LINE)
    assert all(is_text(line, MAX_LINE) for line in item.get("help", []))
    assert item.get("group") in group_ids | {None}
    if kind in ("choice", "points"):
        labels = option_labels(item)
        assert 2 <= len(labels) <= MAX_OPTIONS and len(set(labels)) == len(labels)
        assert all(is_text(label, MAX_OPTION_LABEL) for label in labels)
    if kind == "choice":
        assert isinstance(item.get("multiple", False), bool)
    if kind == "points":
        assert isinstance(item["points"], int) and 1 <= item["points"] <= 100
    if kind == "scale":
        assert all(isinstance(item[k], int) for k in ("low", "high")) and item["low"] < item["high"]
        assert all(is_text(item.get(k, "x"), MAX_OPTION_LABEL) for k in ("low_label", "high_label"))
    if kind == "text":
        assert 1 <= item.get("max_length", 1) <= MAX_TEXT_LENGTH
        assert 1 <= item.get("max_entries", 1) <= MAX_TEXT_ENTRIES
        assert is_text(item.get("placeholder", "x"), MAX_OPTION_LABEL)


@pytest.mark.parametrize("name", sorted(INSTRUMENTS))
def test_every_question_help_line_and_option_is_the_handbooks_own_wording(name):
    instrument = INSTRUMENTS[name]
    missing = [(where, line) for where, line in quoted_lines(instrument)
               if not quoted_in_excerpt(line, instrument["handbook"], where.endswith("option"))]
    assert not missing


def test_a_changed_word_is_caught():
    question = INSTRUMENTS["regiovisie_checklist"]["items"][0]["question"]
    assert quoted_in_excerpt(question, "000")
    assert not quoted_in_excerpt(question.replace("belanghebbenden", "partijen"), "000")
    assert not quoted_in_excerpt(question.replace("in de regio", "in het land"), "000")


def test_normalising_joins_a_word_broken_over_lines_and_keeps_a_real_hyphen():
    assert normalise("samen-\n\nwerking met ‘lokale’\tpartners") == "samenwerking met 'lokale' partners"
    assert normalise("afdelings- \n\nen organisatie") == "afdelings- en organisatie"
    assert normalise("•\t Ouder\ten\tkind **centraal**") == "Ouder en kind centraal"
    assert normalise("e\u0301e\u00adn") == "éen"


@pytest.mark.parametrize("handbook", sorted(HANDBOOKS))
def test_every_kept_passage_is_quoted_by_an_instrument_or_a_template(handbook):
    quotes = [line for i in INSTRUMENTS.values() if i["handbook"] == handbook for _, line in quoted_lines(i)]
    quotes += [line for t in TEMPLATES.values() if t["handbook"] == handbook for _, line in template_lines(t)]
    for paragraph in excerpt_paragraphs(handbook):
        assert any(found_in(line, paragraph, True) for line in quotes), paragraph[:80]


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the handbooks are not on this machine ({SEEDS})")
@pytest.mark.parametrize("handbook", sorted(HANDBOOKS))
def test_every_kept_passage_is_in_the_handbook_itself(handbook):
    seed = wording.seed_text(handbook)
    assert all(paragraph in seed for paragraph in excerpt_paragraphs(handbook))


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_a_template_names_existing_instruments(name):
    template = TEMPLATES[name]
    assert FILE_ID.fullmatch(name)
    assert set(template) == TEMPLATE_KEYS and template["handbook"] in HANDBOOKS
    assert is_text(template["title"], MAX_LABEL) and is_text(template["purpose"], MAX_PURPOSE)
    assert is_text(template["source"], MAX_LINE)
    assert 1 <= len(template["activities"]) <= MAX_ITEMS
    for activity in template["activities"]:
        assert {"instrument"} <= set(activity) <= ACTIVITY_KEYS
        assert (wording.INSTRUMENTS / f"{activity['instrument']}.toml").is_file(), activity["instrument"]
        assert is_text(activity.get("title", "x"), MAX_LABEL) and is_text(activity.get("intro", "x"), MAX_LINE)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_a_template_and_its_activities_are_titled_with_the_handbooks_headings(name):
    template = TEMPLATES[name]
    assert not [line for _, line in template_lines(template) if not quoted_in_excerpt(line, template["handbook"])]
