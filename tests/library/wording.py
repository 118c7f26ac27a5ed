"""The library's wording checked against the handbooks: normalising text, the lines an instrument quotes, excerpts.

The handbooks (the seeds) are on a developer's machine only, so the passages the instruments quote are kept,
normalised, in tests/library/seeds/<handbook>.txt. Run `python -m tests.library.wording` where the seeds are
to write those excerpts again after changing an instrument.
"""

import re
import sys
import tomllib
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INSTRUMENTS = ROOT / "workshop" / "library" / "instruments"
TEMPLATES = ROOT / "workshop" / "library" / "templates"
HANDBOOKS = ROOT / "workshop" / "library" / "handbooks.toml"
EXCERPTS = Path(__file__).resolve().parent / "seeds"
SEEDS = ROOT.parent / "shared" / "seeds"  # beside the work tree on a developer's machine, maybe not in CI

QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "´": "'", "`": "'",
                        "“": '"', "”": '"', "„": '"', "‟": '"'})
DROPPED = str.maketrans("", "", "\u00ad•✔*")  # soft hyphen; the seeds' bullets and check marks; markdown emphasis
# A word broken at the end of a line: 'samen-\n\nwerking'. A hyphen followed by a space before the break
# ('afdelings- en organisatie') is a real one and stays.
HYPHENATION = re.compile(r"(?<=[^\W\d_])-\n\s*(?=[^\W\d_])")

# The five instruments that were Python modules before the library keep their special views, the keys for those
# and wording of their own; their files and tests are elsewhere. Templates may still name them.
OWN_VIEWS = {"succesfactoren", "quickscan", "motieven", "halen_brengen", "netwerkleiderschap"}
MERGE_GAP = 300  # quotes closer than this in a handbook share one excerpt passage


def normalise(text: str) -> str:
    """Text as compared: NFC, hyphenation and soft hyphens removed, quotes unified, bullets dropped, one line."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n")
    text = HYPHENATION.sub("", text.replace("\u00ad", ""))
    return " ".join(text.translate(QUOTES).translate(DROPPED).split())


def load(path: Path) -> dict:
    """One library file, parsed."""
    with path.open("rb") as file:
        return tomllib.load(file)


def instrument_files() -> list[Path]:
    """Every instrument file of the library but the five with views of their own."""
    return sorted(p for p in INSTRUMENTS.glob("*.toml") if p.stem not in OWN_VIEWS)


def template_files() -> list[Path]:
    """Every starter template of the library."""
    return sorted(TEMPLATES.glob("*.toml"))


def option_labels(item: dict) -> list[str]:
    """The labels of a choice or points item's options, plain or {value, label}."""
    return [o["label"] if isinstance(o, dict) else o for o in item.get("options", [])]


def quoted_lines(instrument: dict) -> list[tuple[str, str]]:
    """(where, text) for every line an instrument takes word for word from its handbook."""
    lines = []
    for group in instrument.get("groups", []):
        if "question" in group:
            lines.append((f"group {group['id']} question", group["question"]))
    for item in instrument.get("items", []):
        where = f"item {item.get('id')}"
        if "question" in item:
            lines.append((f"{where} question", item["question"]))
        lines += [(f"{where} help", line) for line in item.get("help", [])]
        lines += [(f"{where} option", label) for label in option_labels(item)]
    return lines


def template_lines(template: dict) -> list[tuple[str, str]]:
    """(where, text) for a template's title and its activities' titles: the handbook's headings."""
    titles = [(f"activity {n} title", a["title"]) for n, a in enumerate(template["activities"], 1) if "title" in a]
    return [("title", template["title"]), *titles]


def found_in(line: str, text: str, option: bool = False) -> bool:
    """Whether a quoted line occurs in normalised text; an option label may capitalise its first letter."""
    wanted = normalise(line)
    if wanted in text:
        return True
    return option and wanted[:1].lower() + wanted[1:] in text


def seed_text(handbook: str) -> str:
    """A handbook's full text, normalised."""
    [path] = SEEDS.glob(f"{handbook}_*.txt")
    return normalise(path.read_text(encoding="utf-8"))


def passages(handbook: str) -> list[str]:
    """The stretches of a handbook that its instruments and templates quote, quotes close together merged."""
    seed = seed_text(handbook)
    spans = []
    quoting = [(p, load(p), quoted_lines) for p in instrument_files()] + [(p, load(p), template_lines)
                                                                         for p in template_files()]
    for path, data, lines in quoting:
        if data.get("handbook") != handbook:
            continue
        for where, line in lines(data):
            text = normalise(line)
            start = seed.find(text)
            if start < 0:
                text = text[:1].lower() + text[1:]
                start = seed.find(text)
            if start < 0:
                raise SystemExit(f"{path.name} {where}: not in handbook {handbook}: {line!r}")
            spans.append((start, start + len(text)))
    merged = []
    for start, end in sorted(spans):
        if merged and start - merged[-1][1] < MERGE_GAP:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [seed[start:end] for start, end in merged]


def write_excerpts() -> None:
    """Write tests/library/seeds/<handbook>.txt from the seeds: one quoted passage a paragraph."""
    for handbook in load(HANDBOOKS):
        found = passages(handbook)
        target = EXCERPTS / f"{handbook}.txt"
        if found:
            target.write_text("\n\n".join(found) + "\n", encoding="utf-8")
        elif target.exists():
            target.unlink()


if __name__ == "__main__":
    if not SEEDS.is_dir():
        sys.exit(f"The handbooks are not here: {SEEDS}")
    write_excerpts()
