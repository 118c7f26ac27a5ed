"""The library's messages still without a translation: `python -m workshop.library.untranslated en [file.toml ...]`
lists, per file (every library file when none are named), the texts its translation misses; exit status 1 if any."""

import sys
import tomllib
from pathlib import Path

from ..i18n import LIBRARY, catalogue
from .extract import texts

FOLDER = Path(__file__).resolve().parent


def missing(language: str, path: Path) -> list[str]:
    """The texts of a library file that have no (or only a fuzzy) translation in `language`."""
    messages = catalogue(language)
    untranslated = []
    for text in dict.fromkeys(texts(tomllib.loads(path.read_text(encoding="utf-8")))):
        message = messages.get(text, context=LIBRARY)
        if message is None or not message.string or message.fuzzy:
            untranslated.append(text)
    return untranslated


def main(language: str, paths: list[Path]) -> int:
    paths = paths or [FOLDER / "handbooks.toml", *sorted(FOLDER.glob("*/*.toml"))]
    total = 0
    for path in paths:
        for text in missing(language, path):
            print(f"{path.name}: {text}")
            total += 1
    print(f"{total} untranslated in {len(paths)} files", file=sys.stderr)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], [Path(arg) for arg in sys.argv[2:]]))
