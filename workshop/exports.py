"""Spreadsheet exports of a session: csv (a row per answer and per card) and xlsx (a sheet per activity with its
aggregate as the beamer showed it, and a sheet with every answer and card). Pure: they take what
`Workshops.export(code)` and `Workshops.results(code)` return and give bytes. No Flask here.

Texts come from people, so a text that starts like a formula (= + - @) is never a formula: in the csv it gets a
leading ' (Excel then shows it as text), in the xlsx it is stored as a string cell, marked to stay text.
"""

import csv
import io
from dataclasses import dataclass

from flask_babel import gettext as _, lazy_gettext, ngettext, pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .changes import gain, shift
from .errors import WorkshopError
from .kinds import choice, kind_from, points, scale, text
from .organisations import organisation_label
from .report import column_name
from .report_changes import series_of
from .tables import Shaded, Table, local_date, local_time, score_colour, yes_no
from .themes import card_theme, themed_cards

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheet programs read as the start of a formula
RAW_SHEET = lazy_gettext("Alle antwoorden")
OVERVIEW_SHEET = lazy_gettext("Sessie")
CHANGES_SHEET = lazy_gettext("Wat is er veranderd")
MAX_WIDTH = 50  # characters; longer texts wrap
BOLD = Font(bold=True)
HEADING = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
PERCENT, SIGNED_PERCENT, SIGNED = "0%", "+0%;-0%;0%", "+0.00;-0.00;0.00"


@dataclass(frozen=True)
class Formatted:
    """A number with the format a spreadsheet shows it in (a share as a percentage, a change with its sign)."""

    value: float
    format: str


# --- every answer and card, a row each (csv and the raw sheet) -------------------------------------------------


def columns() -> list[str]:
    """The column headers of the csv and the raw sheet, in the export's language."""
    return [_("activiteit"), _("activiteit (titel)"), _("vraag"), _("vraag (label)"), _("soort"), _("antwoord"),
            _("antwoord (label)"), pgettext("export column", "deelnemer"), _("naam"), _("organisatie"), _("tijd"),
            _("gewijzigd"), _("verborgen"), _("uitgelicht"), _("thema"), _("samengevoegd met"), _("partner")]


def kind_names() -> dict[str, str]:
    """The answer kinds as the export names them ('keuze', 'schaal', 'kaart', 'punten'), in its language."""
    return {"choice": _("keuze"), "scale": _("schaal"), "text": pgettext("answer kind", "kaart"), "points": _("punten")}


def answer_rows(export: dict) -> list[list]:
    """A row per answer and per card (cards are answers too) in the order of the activities and their items,
    then in the order given; columns as `columns()`. Scale values are numbers, cards are in whether hidden or not."""
    activities = export["session"]["activities"]
    people = {p["id"]: p for p in export["participants"]}
    kinds = answer_kinds(activities)
    names = kind_names()
    entries = {entry["id"]: entry for entry in export["entries"]}
    theme_names = {theme["id"]: theme["name"] for theme in export.get("themes", [])}
    rows = []
    for record in [*export["answers"], *export["entries"]]:
        place, activity = next(((n, a) for n, a in enumerate(activities) if a["id"] == record["activity_id"]),
                               (len(activities), {"title": "", "items": []}))
        position, item = next(((n, i) for n, i in enumerate(activity["items"]) if i["id"] == record["item"]),
                              (len(activity["items"]), {}))
        person = people.get(record["participant_id"], {})
        if "text" in record:  # a card
            kind, value, label = "text", record["text"], ""
            changed, hidden, highlighted = local_time(record["edited_at"]), record["hidden"], record["highlighted"]
            theme, merged_into = card_theme(record, entries, theme_names), record.get("merged_into") or ""
        else:
            kind, value = item.get("kind", ""), record["value"]
            known = kinds.get((record["activity_id"], record["item"]))
            label = known.display(value) if known else ""
            if kind == "scale" and value.isdecimal():
                value = int(value)
            changed, hidden, highlighted = "", False, False
            theme, merged_into = "", ""
        rows.append(((place, position), [
            record["activity_id"], activity["title"], record["item"], item.get("label", ""), names.get(kind, kind),
            value, label, record["participant_id"], person.get("name", ""), person.get("organisation", ""),
            local_time(record["at"]), changed, yes_no(hidden), yes_no(highlighted), theme, merged_into,
            record.get("partner") or ""]))
    rows.sort(key=lambda row: row[0])  # stable: within an item the order given (answers by time, cards as written)
    return [row for _, row in rows]


def answer_kinds(activities: list[dict]) -> dict:
    """(activity id, item id) -> the answer kind of each choice, scale and points item, read from its definition."""
    kinds = {}
    for activity in activities:
        for item in activity["items"]:
            try:
                kind = kind_from(item, item["id"])
            except WorkshopError:  # a definition stored by older code that no longer reads: no labels for it
                continue
            if hasattr(kind, "display"):
                kinds[activity["id"], item["id"]] = kind
    return kinds


def neutralised(value) -> str:
    """A csv cell: text, with a leading ' when a spreadsheet would otherwise read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(export: dict) -> bytes:
    """Every answer and card, a row each. Separated by ';' because Dutch Excel uses ';' as its list separator
    (the ',' is its decimal comma): a double-clicked ';' file opens in columns there. UTF-8 with a BOM, which
    tells Excel the encoding, so 'ë' and emoji survive. (No 'sep=;' first line: with it Excel ignores the BOM.)"""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(columns())
    writer.writerows([neutralised(cell) for cell in row] for row in answer_rows(export))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --- tables per activity type -----------------------------------------------------------------------------------


def items_of(activity: dict, summaries: dict, kind: str) -> list[dict]:
    return [item for item in activity["items"] if item.get("kind") == kind and item["id"] in summaries]


def generic_tables(activity: dict, aggregate: dict) -> list[Table]:
    """Any layout without tables of its own (an own activity, the quick scan): per answer kind its tables."""
    summaries = aggregate["items"]
    return (choice.tables(items_of(activity, summaries, "choice"), summaries)
            + scale.tables(items_of(activity, summaries, "scale"), summaries)
            + points.tables(items_of(activity, summaries, "points"), summaries)
            + text.tables(items_of(activity, summaries, "text"), summaries))


def stoplicht_tables(activity: dict, aggregate: dict) -> list[Table]:
    """The factors with the most rood first (the points for action), then the heat map per organisation."""
    options = activity["items"][0]["options"] if activity["items"] else []
    colours = [o["value"] for o in options]
    counts = {item["id"]: item for item in aggregate["items"]}
    priority = Table(_("Per factor, meeste rood eerst (rood = actie nodig)"),
                     [_("prioriteit"), _("factor"), *(f"{o['value']} ({o['label'].lower()})" for o in options), _("totaal")],
                     [[rank, counts[i]["label"], *(counts[i][c] for c in colours), counts[i]["total"]]
                      for rank, i in enumerate(aggregate["priority"], start=1)])
    organisations = aggregate["organisations"]
    heatmap = Table(_("Per organisatie (heatmap): per cel %(options)s; de kleur loopt van rood (iedereen nee) naar "
                      "groen (iedereen ja)", options=" / ".join(o["label"].lower() for o in options)),
                    [_("factor"), *(organisation_label(org["name"]) for org in organisations)],
                    [[_("aantal personen"), *(org["respondents"] for org in organisations)]]
                    + [[item["label"], *(heat_cell(org["items"].get(item["id"]), colours) for org in organisations)]
                       for item in aggregate["items"]])
    return [priority, heatmap] if organisations else [priority]


def heat_cell(cell: dict | None, colours: list[str]):
    if not cell or not cell["total"]:
        return "–"
    return Shaded(" / ".join(str(cell[c]) for c in colours), score_colour(cell["score"]))


def motieven_tables(activity: dict, aggregate: dict) -> list[Table]:
    """The motive cards per kind with their organisation, the visible cards per organisation, the two scales."""
    summaries = aggregate["items"]
    motives = items_of(activity, summaries, "text")
    per_org = Table(_("Zichtbare kaarten per organisatie"),
                    [_("organisatie"), _("personen"), *(m["label"] for m in motives)],
                    [[organisation_label(org["name"]), org["respondents"],
                      *(org["cards"].get(m["id"], 0) for m in motives)]
                     for org in aggregate.get("organisations", [])])
    return (text.tables(motives, summaries, _("Motieven per soort"))
            + [per_org]
            + scale.tables(items_of(activity, summaries, "scale"), summaries, _("In hoeverre…")))


def halen_brengen_tables(activity: dict, aggregate: dict) -> list[Table]:
    """The worksheet per organisation (belangen, halen, brengen and the balance), then the details."""
    summaries = aggregate["items"]
    columns = items_of(activity, summaries, "text")
    matrix = Table(_("Per organisatie: belangen, halen, brengen en balans (gemiddelde, aantal antwoorden)"),
                   [_("organisatie"), _("personen"), *(c["label"] for c in columns), _("balans"), _("aantal"),
                    _("verschil van inzicht")],
                   [[organisation_label(org["name"]), org["respondents"],
                     *(card_lines(org["cards"].get(c["id"], [])) for c in columns),
                     org["balans"]["mean"], org["balans"]["n"],
                     yes_no(org["balans"]["disagree"]) if org["balans"]["n"] else ""]
                    for org in aggregate.get("organisations", [])])
    return ([matrix, reciprocity_table(aggregate)]
            + scale.tables(items_of(activity, summaries, "scale"), summaries, _("Balans"))
            + text.tables(columns, summaries, partner=True))


def reciprocity_table(aggregate: dict) -> Table:
    """Per pair of organisations what one asks of the other and what the other offers it, flagged."""
    cards = {card["id"]: card for org in aggregate.get("organisations", []) for item in org["cards"].values()
             for card in item}
    flags = reciprocity_flags()
    return Table(_("Wederkerigheid: wie vraagt wat van wie"),
                 [_("organisatie die vraagt"), _("van organisatie"), _("gevraagd"), _("aangeboden"), _("signaal")],
                 [[pair["asker"], pair["giver"], card_lines([cards[i] for i in pair["asks"]]),
                   card_lines([cards[i] for i in pair["brings"]]), flags[pair["flag"]]]
                  for pair in aggregate.get("reciprocity", {}).get("pairs", [])])


def reciprocity_flags() -> dict[str, str]:
    """The flags of a pair as the export and the report word them, in their language."""
    return {"matched": _("gevraagd en aangeboden"), "unmet": _("gevraagd, niemand biedt het aan"),
            "unasked": _("aangeboden, niemand vraagt het")}


def card_lines(cards: list[dict]) -> str:
    """Cards in one cell, one per line, hidden and highlighted ones marked."""
    return "\n".join(f"• {card['text']}" + f" ({_('verborgen')})" * card["hidden"]
                     + f" ({_('uitgelicht')})" * card["highlighted"] for card in cards)


def netwerkleiderschap_tables(activity: dict, aggregate: dict) -> list[Table]:
    """Per role its place in the quadrant and coverage, the names mentioned most, the balance, the cards."""
    summaries = aggregate["items"]
    axes = dict(map(tuple, activity["rows"])) | dict(map(tuple, activity["columns"]))
    options = next((i["options"] for i in activity["items"] if i["id"].endswith("-belegd")), [])
    roles = Table(_("Per rol: voldoende belegd?"), [_("rol"), _("kwadrant"), _("kernvraag"),
                                                    *(o["label"] for o in options), _("totaal")], [])
    names = Table(_("Namen die het vaakst genoemd zijn (zichtbare kaarten)"), [_("rol"), _("naam"), _("genoemd door")],
                  [])
    for role in aggregate["roles"]:
        coverage = role["coverage"]
        roles.rows.append([role["label"], f"{axes.get(role['row'], role['row'])} × "
                                          f"{axes.get(role['column'], role['column'])}", role["question"],
                           *(coverage["counts"].get(o["value"], 0) for o in options), coverage["total"]])
        names.rows.extend([role["label"], name["name"], name["count"]] for name in role["names"])
        if role["more_names"]:
            names.rows.append([role["label"], ngettext("en nog %(num)s andere naam", "en nog %(num)s andere namen",
                                               role["more_names"]), ""])
    balance = [i for i in items_of(activity, summaries, "choice") if not i["id"].endswith("-belegd")]
    return ([roles, names] + choice.tables(balance, summaries, _("De rollen samen"))
            + text.tables(items_of(activity, summaries, "text"), summaries))


# Layouts whose beamer shows more than the per-item summaries of their kinds; any other layout gets
# `generic_tables` (the quick scan's grades per condition with mean, median, sd and 'verschil van inzicht' are
# just that). The stoplicht layout is the succesfactoren's, and that of an own activity of stoplicht items only.
TABLES = {
    "stoplicht": stoplicht_tables,
    "motieven": motieven_tables,
    "halen_brengen": halen_brengen_tables,
    "netwerkleiderschap": netwerkleiderschap_tables,
}


# --- what changed: rounds and a network's sessions side by side ---------------------------------------------------


def change_tables(activities: list[dict], results: dict, code: str, language: str) -> list[Table]:
    """Per chain of rounds and per instrument of a network: a row per item (per option of a choice) for everyone
    and each organisation, a column per round or session (oldest first), the change first → last and its
    direction."""
    tables = []
    for series in series_of(activities, results, code):
        names = [column_name(column, language) for column in series["columns"]]
        rows = []
        for item in series["order"]:
            groups = [(_("iedereen"), series["items"].get(item, []))] + [
                (organisation_label(org["name"]), org["items"].get(item, [])) for org in series["organisations"]]
            options = series["options"].get(item, [])
            for who, briefs in groups:
                rows.extend(change_cells(series["labels"][item], who, briefs, options))
        tables.append(Table(f"{series['title']}: {names[0]} → {names[-1]}",
                            [_("vraag"), _("antwoord"), _("organisatie"), *names, _("verandering"), _("richting")],
                            rows))
    return tables


def change_cells(label: str, who: str, briefs: list, options: list[dict]) -> list[list]:
    """One item of one group: a row with its means (a scale), or a row per option with its shares (a choice)."""
    first, last = (briefs[0], briefs[-1]) if briefs else (None, None)
    change = shift(first, last)
    direction = direction_word(gain(first, last, {o["value"]: o["tone"] for o in options}), change)
    kind = next((brief["kind"] for brief in briefs if brief), None)
    if kind == "scale":
        return [[label, _("gemiddelde"), who, *(brief["mean"] if brief else None for brief in briefs),
                 Formatted(change["mean"], SIGNED) if change else None, direction]]
    if kind != "choice":
        return []
    return [[label, option["label"], who,
             *(Formatted(brief["shares"][option["value"]], PERCENT)
               if brief and brief["n"] and option["value"] in brief["shares"] else None for brief in briefs),
             Formatted(change["shares"][option["value"]], SIGNED_PERCENT)
             if change and option["value"] in change["shares"] else None, direction]
            for option in options]


def direction_word(improvement: float | None, change: dict | None) -> str:
    if change is None:
        return ""
    if improvement is None:
        return _("verschoven")
    return _("beter") if improvement > 0 else _("slechter") if improvement < 0 else _("gelijk")


# --- the workbook -----------------------------------------------------------------------------------------------


def theme_tables(aggregate: dict) -> list[Table]:
    """The themes of an activity with cards: each with its count and its cards, then the cards in none."""
    if not aggregate.get("themes"):
        return []
    rows = [[group["name"], group["count"], theme_card_lines(group["cards"])] for group in themed_cards(aggregate)]
    rows.append([_("zonder thema"), aggregate["unthemed"], ""])
    return [Table(_("Thema's"), [_("thema"), pgettext("export column", "kaarten"), _("kaarten in dit thema")], rows)]


def theme_card_lines(cards: list[dict]) -> str:
    """Theme cards one per line; a card that others were merged into says how many it stands for."""
    return "\n".join(f"• {card['text']}" + (f" (×{card['stands_for']})" if card["stands_for"] > 1 else "") for card in cards)


def xlsx_bytes(export: dict, results: dict) -> bytes:
    """The workbook: 'Sessie' (the session), a sheet per activity with its aggregate as tables, 'Wat is er veranderd'
    (when the session has rounds or belongs to a network), and 'Alle antwoorden'."""
    session = export["session"]
    book = Workbook()
    book.properties.creator = "Werkatelier"
    book.properties.title = session["title"]
    names = sheet_names(session["activities"])
    overview = book.active
    overview.title = str(OVERVIEW_SHEET)
    write_sheet(overview, session["title"],
                [(_("Datum"), local_date(session["created_at"])), (_("Code"), session["code"]),
                 (_("Deelnemers"), session["participants"]), (_("Activiteiten"), len(session["activities"]))],
                [Table(_("Activiteiten"), [_("nr"), _("activiteit"), _("soort"), _("personen"), _("werkblad"),
                                           _("verborgen")],
                       [[n, a["title"], a["type"], results[str(a["id"])]["respondents"], name,
                         yes_no(a.get("hidden", False))]
                        for n, (a, name) in enumerate(zip(session["activities"], names, strict=True), start=1)])])
    for activity, name in zip(session["activities"], names, strict=True):
        aggregate = results[str(activity["id"])]
        tables = TABLES.get(activity["layout"], generic_tables)(activity, aggregate) + theme_tables(aggregate)
        write_sheet(book.create_sheet(name), activity["title"],
                    [(_("Soort"), activity["type"]), (_("Personen"), aggregate["respondents"]),
                     (_("Verborgen kaarten"), hidden_count(export, activity["id"])),
                     (_("Bron"), activity.get("source") or _("eigen activiteit van de procesbegeleider"))],
                    tables)
    changes = change_tables(session["activities"], results, session["code"], session["language"])
    if changes:
        write_sheet(book.create_sheet(str(CHANGES_SHEET)), str(CHANGES_SHEET), [], changes)
    raw = book.create_sheet(str(RAW_SHEET))
    write_table(raw, 1, Table("", columns(), answer_rows(export)), caption=False)
    raw.auto_filter.ref = raw.dimensions
    fit_columns(raw)
    raw.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def hidden_count(export: dict, activity_id: int) -> int:
    return sum(1 for e in export["entries"] if e["activity_id"] == activity_id and e["hidden"])


def sheet_names(activities: list[dict]) -> list[str]:
    """'1 Kritische succesfactoren', …: numbered (so never starting with '), at most 31 characters (else cut off
    with …), none of []:*?/\\, unique regardless of case."""
    taken = {str(OVERVIEW_SHEET).casefold(), str(RAW_SHEET).casefold(), str(CHANGES_SHEET).casefold()}
    names = []
    for number, activity in enumerate(activities, start=1):
        title = "".join(" " if ch in "[]:*?/\\" else ch for ch in activity["title"])
        name = " ".join(f"{number} {title}".split())
        if len(name) > 31:
            name = name[:30].rstrip() + "…"
        while name.casefold() in taken:  # cannot happen with numbers, but Excel refuses a workbook if it does
            name = f"{name[:28]} {len(taken)}"
        taken.add(name.casefold())
        names.append(name)
    return names


def write_sheet(sheet, heading: str, facts: list[tuple], tables: list[Table]):
    """A heading, a few facts (label and value), then each table with its caption; the heading stays in view.
    The columns fit the labels and the tables: the heading, the captions and the values of the facts run over."""
    put(sheet, 1, 1, heading).font = HEADING
    row = 2
    for label, value in facts:
        put(sheet, row, 1, label).font = BOLD
        put(sheet, row, 2, value)
        row += 1
    widths = {1: max((len(label) for label, _ in facts), default=0)}
    for table in tables:
        row = write_table(sheet, row + 1, table, widths=widths)
    fit_columns(sheet, widths)
    sheet.freeze_panes = "A2"


def write_table(sheet, row: int, table: Table, caption: bool = True, widths: dict | None = None) -> int:
    """Write a table from `row` on (caption, bold header, rows); returns the row after it."""
    if caption:
        put(sheet, row, 1, table.caption).font = BOLD
        row += 1
    for column, header in enumerate(table.headers, start=1):
        put(sheet, row, column, header).font = BOLD
    for number, values in enumerate([table.headers, *table.rows]):
        for column, value in enumerate(values, start=1):
            if number:
                put(sheet, row + number, column, value)
            if widths is not None:
                widths[column] = max(widths.get(column, 0), text_width(value))
    return row + len(table.rows) + 1


def put(sheet, row: int, column: int, value):
    """Write one cell; a text is always a string cell, never a formula, and long or multi-line text wraps."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, Formatted):
        cell.value, cell.number_format = value.value, value.format
        return cell
    if isinstance(value, Shaded):
        cell.fill = PatternFill("solid", fgColor=value.colour)
        cell.alignment = Alignment(horizontal="center")
        value = value.value
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would store '=…' as a formula
        cell.quotePrefix = value.startswith(FORMULA_START)  # and Excel keeps it text when the cell is edited
        if "\n" in value or len(value) > MAX_WIDTH:
            cell.alignment = WRAP
    elif isinstance(value, float):
        cell.number_format = "0.00"
    return cell


def text_width(value) -> int:
    text = getattr(value, "value", value)
    return max((len(line) for line in str("" if text is None else text).split("\n")), default=0)


def fit_columns(sheet, widths: dict | None = None):
    """Columns as wide as their widest cell (of the tables only: headings and facts may run over), 8 to 50."""
    if widths is None:
        widths = {}
        for row in sheet.iter_rows():
            for cell in row:
                widths[cell.column] = max(widths.get(cell.column, 0), text_width(cell.value))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), MAX_WIDTH + 2)
