"""Tables of a spreadsheet sheet, as the xlsx export writes them: a caption, headers, rows; a cell may be shaded.
Each answer kind makes its own tables (workshop/kinds/); exports.py writes them. Pure, no openpyxl here."""

import colorsys
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_babel import gettext as _


@dataclass(frozen=True)
class Shaded:
    """A cell value with a background colour (RRGGBB), e.g. a heat-map cell."""

    value: object
    colour: str


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list
    rows: list


def yes_no(value) -> str:
    return _("ja") if value else _("nee")


def score_colour(score: float) -> str:
    """Light red (0) through orange to light green (1): the beamer's hue, light enough for black print."""
    red, green, blue = colorsys.hls_to_rgb(score * 130 / 360, 0.8, 0.6)
    return "".join(f"{round(part * 255):02X}" for part in (red, green, blue))


def dutch_time(iso: str):
    """A stored UTC time as a moment in the Netherlands (in UTC where the machine has no time zone data)."""
    moment = datetime.fromisoformat(iso)
    try:
        return moment.astimezone(ZoneInfo("Europe/Amsterdam"))
    except ZoneInfoNotFoundError:
        return moment


def local_date(iso: str) -> str:
    """'2026-11-23T09:30:00.000+00:00' -> '23-11-2026', the day in the Netherlands."""
    return dutch_time(iso).strftime("%d-%m-%Y")


def local_time(iso: str | None) -> str:
    """'2026-11-23T09:30:05.123+00:00' -> '23-11-2026 10:30:05', as the clock in the room showed it."""
    return dutch_time(iso).strftime("%d-%m-%Y %H:%M:%S") if iso else ""
