"""The front-end files the set-up installs into static/ (never fetched at run time): the server checks them at start."""

from pathlib import Path

VENDOR_FILES = ("vendor/socket.io.min.js",)  # from npm (package.json), copied by `make run` / `make test`


def missing_frontend_files(static_dir: Path) -> list[str]:
    """The installed front-end files that are absent or empty; every live page needs them."""
    return [name for name in VENDOR_FILES
            if not (static_dir / name).is_file() or (static_dir / name).stat().st_size == 0]
