"""Pure: what changed, for the report's chapter "Wat is er veranderd", its per-organisation tables and the xlsx
sheet of the same name. Built from a *series*: the measurements of one instrument side by side, oldest first — the
rounds of one activity in a session (from their aggregates' `compare`), or the sessions of a network (from an
aggregate's `trend`).

A series: `{"title", "kind": "rounds" | "network", "columns": [{"round": n} | {"code", "title", "created_at"}],
"before": index, "after": index (the two columns compared), "order": [item ids], "labels": {item: label},
"options": {item: [option as described: value, label, tone, icon]}, "items": {item: [brief | None per column]},
"organisations": [{"name", "items": {item: [brief | None per column]}}]}`. Briefs as workshop/changes.py makes them.
"""

from .activities import OWN
from .changes import gain, movement, shift
from .organisations import ordered, organisation_key
from .trend import network_name

TOP = 3  # the largest improvements and declines of the whole group, per instrument
BRIEFLY = 2  # those of each organisation
EXTREMES = ("groen", "rood")  # the tones whose shares a stoplicht's change shows


def rounds_series(activity: dict, rounds: list[tuple[int, dict]]) -> dict:
    """The series of a chain of rounds: `activity` as the overview describes it (any round of the chain), and per
    later round its id and its aggregate's `compare` (with the round it is a round of), in the agenda's order. A
    column per round, by its number (two rounds of the same one follow each other)."""
    measured, numbers = {}, {}
    for activity_id, compare in rounds:
        measured[compare["with"]], numbers[compare["with"]] = side(compare, "before"), compare["with_round"]
        measured[activity_id], numbers[activity_id] = side(compare, "after"), compare["round"]
    ids = sorted(measured, key=lambda activity_id: numbers[activity_id])  # stable: the agenda's order within a round
    order = list(dict.fromkeys(item for _, compare in rounds for item in compare["items"]))
    return {"title": activity["title"], "kind": "rounds", "columns": [{"round": numbers[i]} for i in ids],
            "before": 0, "after": len(ids) - 1, **wording(activity, order),
            **lined_up([measured[i] for i in ids], order)}


def side(compare: dict, which: str) -> dict:
    """One side ('before' or 'after') of a compare: `{"items": {item: brief}, "organisations": {name: {item:
    brief}}}`."""
    def briefs(items):
        return {item: entry[which] for item, entry in items.items()}

    return {"items": briefs(compare["items"]),
            "organisations": {organisation["name"]: briefs(organisation["items"])
                              for organisation in compare["organisations"]}}


def lined_up(measured: list[dict], order: list[str]) -> dict:
    """Measurements (as `side` gives them) as a series' items and organisations: a brief or None per column."""
    names = ordered(name for measurement in measured for name in measurement["organisations"])
    return {"items": {item: [m["items"].get(item) for m in measured] for item in order},
            "organisations": [{"name": name, "items": {item: [m["organisations"].get(name, {}).get(item)
                                                              for m in measured] for item in order}}
                              for name in names]}


def network_series(activity: dict, trend: dict, code: str) -> dict:
    """The series of an activity's instrument over a network's sessions (its aggregate's `trend`): the first
    session compared with this one (`code`), or with the last when this is the first."""
    sessions = trend["sessions"]
    here = next((n for n, session in enumerate(sessions) if session["code"] == code), len(sessions) - 1)
    order = list(trend["labels"])
    return {"title": activity["title"], "kind": "network", "columns": sessions, "before": 0,
            "after": here or len(sessions) - 1, **wording(activity, order, trend["labels"]),
            "items": {item: trend["items"].get(item, []) for item in order},
            "organisations": trend["organisations"]}


def wording(activity: dict, order: list[str], labels: dict | None = None) -> dict:
    """The series' order, labels and options, from the activity as described (else from `labels`)."""
    items = {item["id"]: item for item in activity["items"]}
    labels = labels or {}
    return {"order": order,
            "labels": {item: items.get(item, {}).get("label") or labels.get(item, item) for item in order},
            "options": {item: items.get(item, {}).get("options", []) for item in order}}


# --- one item's change, as the report shows it --------------------------------------------------------------------


def change_row(item: str, label: str, briefs: list, before: int, after: int, options: list[dict]) -> dict:
    """One item compared between two columns of a series: `{"item", "label", "direction", "gain", "movement",
    "figures"}`. The direction is "better" or "worse" (a scale, or a choice with tones), "moved" (a choice
    without), "same" (nothing changed in the figures shown), or None (not answered in both). The figures are what
    the report shows, each `{"option", "before", "after", "change", "percent"}`, rounded as shown, the change
    being the difference of the rounded numbers (so they add up)."""
    earlier, current = at(briefs, before), at(briefs, after)
    change = shift(earlier, current)
    improvement = gain(earlier, current, {option["value"]: option["tone"] for option in options})
    figures = figures_of(earlier, current, options)
    if change is None:
        direction = None
    elif not any(figure["change"] for figure in figures):
        direction = "same"
    elif improvement is None:
        direction = "moved"
    else:
        direction = "better" if improvement > 0 else "worse" if improvement < 0 else "same"
    return {"item": item, "label": label, "direction": direction, "gain": improvement,
            "movement": movement(change, current or earlier) if change else 0.0, "figures": figures}


def at(briefs: list, index: int) -> dict | None:
    return briefs[index] if index < len(briefs) else None


def figures_of(before: dict | None, after: dict | None, options: list[dict]) -> list[dict]:
    """A scale: its mean (one decimal). A choice with groen or rood options: the share of each of those (whole
    percents). Another choice: the share of the option that moved most (or, answered once, was chosen most)."""
    brief = after or before
    if not any(b and b["n"] for b in (before, after)):
        return []
    if brief["kind"] == "scale":
        return [figure(None, mean(before), mean(after), decimals=1)]
    shown = [option for option in options if option["tone"] in EXTREMES] or [most_moved(before, after, options)]
    return [figure(option, percent(before, option), percent(after, option)) for option in shown if option]


def figure(option: dict | None, before, after, decimals: int = 0) -> dict:
    change = None if before is None or after is None else round(after - before, decimals)
    return {"option": option, "before": before, "after": after, "change": change, "percent": option is not None}


def mean(brief: dict | None) -> float | None:
    """The mean as the report writes it: one decimal (as workshop.report.decimal rounds)."""
    return None if not brief or brief["mean"] is None else float(f"{brief['mean']:.1f}")


def percent(brief: dict | None, option: dict) -> int | None:
    if not brief or not brief["n"]:
        return None
    return round(100 * brief["counts"].get(option["value"], 0) / brief["n"])


def most_moved(before: dict | None, after: dict | None, options: list[dict]) -> dict | None:
    """The option whose share changed most (the first of equals), or the most chosen of the one measurement."""
    if not options:
        return None
    if shift(before, after):
        return max(options, key=lambda o: abs((percent(after, o) or 0) - (percent(before, o) or 0)))
    brief = after or before
    return max(options, key=lambda o: brief["counts"].get(o["value"], 0))


# --- the chapter ------------------------------------------------------------------------------------------------


def chapter(series: dict, top: int = TOP, briefly: int = BRIEFLY) -> dict:
    """One instrument's part of "Wat is er veranderd": the whole group's largest improvements, declines and (a
    choice without tones) shifts, `top` of each; per organisation `briefly` of each and its `rows` (every item,
    in the series' order, for its own page). `before`/`after` are the columns compared."""
    rows = rows_of(series, series["items"])
    organisations = []
    for organisation in series["organisations"]:
        mine = rows_of(series, organisation["items"])
        organisations.append({"name": organisation["name"], "rows": mine,
                              "compared": any(row["direction"] for row in mine), **ranked(mine, briefly)})
    return {"title": series["title"], "kind": series["kind"], "columns": series["columns"],
            "before": series["columns"][series["before"]], "after": series["columns"][series["after"]],
            "rows": rows, "compared": any(row["direction"] for row in rows), **ranked(rows, top),
            "organisations": organisations}


def rows_of(series: dict, items: dict) -> list[dict]:
    return [change_row(item, series["labels"][item], items.get(item, []), series["before"], series["after"],
                       series["options"].get(item, [])) for item in series["order"]]


def ranked(rows: list[dict], top: int) -> dict:
    """The `top` largest improvements, declines and shifts; equals keep the items' order."""
    def of(direction):
        return [row for row in rows if row["direction"] == direction]

    return {"improved": sorted(of("better"), key=lambda row: -row["gain"])[:top],
            "declined": sorted(of("worse"), key=lambda row: row["gain"])[:top],
            "moved": sorted(of("moved"), key=lambda row: -row["movement"])[:top]}


def of_organisation(chapters: list[dict], name: str, aliases: dict[str, str] | None = None) -> list[dict]:
    """An organisation's own changes, per chapter: `{"title", "before", "after", "rows"}` (no rows when it is not
    in the series). Its name matches regardless of case and spacing, and as the network counts it (its `aliases`,
    as stored: `organisation_key(spelling)` -> the organisation it is)."""
    def meant(spelling):
        return organisation_key(network_name(spelling, aliases or {}))

    found = []
    for part in chapters:
        mine = next((o for o in part["organisations"] if meant(o["name"]) == meant(name)), None)
        found.append({"title": part["title"], "kind": part["kind"], "before": part["before"], "after": part["after"],
                      "rows": mine["rows"] if mine and mine["compared"] else []})
    return found


def series_of(activities: list[dict], aggregates: dict, code: str) -> list[dict]:
    """A session's series, in the order of its agenda: one per chain of rounds (the activities with a `compare` in
    their aggregate, grouped by the first round), then one per instrument with a network `trend` in its aggregate
    (as the network measures a session: of its last activity with answers, else its last). `activities` as the
    overview describes them, `aggregates` by activity id as a string."""
    by_id = {activity["id"]: activity for activity in activities}
    chains: dict[int, list[tuple[int, dict]]] = {}
    trends: dict[object, dict] = {}
    for activity in activities:
        aggregate = aggregates[str(activity["id"])]
        if aggregate.get("compare"):
            chains.setdefault(first_round(activity, by_id), []).append((activity["id"], aggregate["compare"]))
        instrument = instrument_key(activity)
        earlier = trends.get(instrument)
        if aggregate.get("trend") and (aggregate.get("respondents") or not (earlier and earlier["respondents"])):
            trends[instrument] = {"activity": activity, "trend": aggregate["trend"],
                                  "respondents": aggregate.get("respondents", 0)}
    return ([rounds_series(by_id[first], compares) for first, compares in chains.items()]
            + [network_series(chosen["activity"], chosen["trend"], code) for chosen in trends.values()])


def instrument_key(activity: dict):
    """What makes two activities the same instrument (as a network compares them): the library type, or for an
    own activity its title (regardless of case and spacing) and item ids."""
    if activity["type"] != OWN:
        return activity["type"]
    return organisation_key(activity["title"]), tuple(sorted(item["id"] for item in activity["items"]))


def first_round(activity: dict, by_id: dict) -> int:
    """The id of the first round of an activity's chain (of those in `by_id`)."""
    while activity.get("round_of") in by_id:
        activity = by_id[activity["round_of"]]
    return activity["id"]
