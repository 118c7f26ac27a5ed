"""Pure: the trend of a network's sessions over time (issue 15). An instrument that occurs in two or more sessions
is measured once per session (`changes.briefs`), and the measurements are put side by side per item and per
organisation, oldest session first.

An instrument is a library type (`quickscan`); an own activity is the same instrument in another session when its
title (as `organisation_key` compares) and its item ids are. Organisations are matched with `organisation_key`,
and the network's aliases (`organisation_key(spelling)` -> the name it counts as) make two spellings one.
"""

import hashlib

from .activities import OWN
from .changes import briefs, movement, shift
from .organisations import NO_ORGANISATION, ordered, organisation_key


def instrument_of(definition) -> str:
    """What makes an activity the same instrument in another session: its library type, or for an own activity
    `eigen:` and a digest of its title and item ids."""
    if definition.kind != OWN:
        return definition.kind
    signature = "\0".join([organisation_key(definition.title), *sorted(item.id for item in definition.items)])
    return f"{OWN}:{hashlib.sha256(signature.encode()).hexdigest()[:12]}"


def network_name(typed: str, aliases: dict[str, str]) -> str:
    """The organisation a typed name counts as in the network: its alias (followed along, should an alias point at
    another aliased spelling), or itself."""
    seen = set()
    key = organisation_key(typed)
    while key in aliases and key not in seen:
        seen.add(key)
        typed = aliases[key]
        key = organisation_key(typed)
    return typed


def measurement(definition, answers, participants, aliases: dict[str, str]) -> dict | None:
    """One activity's measurement: `{"title", "labels", "ids", "briefs"}` (the briefs per organisation as the
    network names them), None when it has no item that is compared."""
    if aliases:
        participants = {pid: person._replace(organisation=network_name(person.organisation, aliases))
                        for pid, person in participants.items()}
    measured = briefs(definition, answers, participants)
    if not measured["items"]:
        return None
    return {"title": definition.title, "ids": list(measured["items"]),
            "labels": {item.id: item.label for item in definition.items if item.id in measured["items"]},
            "briefs": measured}


def measure(session: dict, aliases: dict[str, str]) -> dict:
    """A session's measurements per instrument: of each instrument its last activity that has answers, else its
    last. `session`: code, title, created_at, participants (by id) and activities (agenda order, each with its
    `definition` and `answers`). Returns code, title, created_at and `instruments` (instrument -> measurement)."""
    chosen = {}
    for activity in session["activities"]:
        instrument = instrument_of(activity["definition"])
        if activity["answers"] or not (instrument in chosen and chosen[instrument]["answers"]):
            chosen[instrument] = activity
    instruments = {}
    for instrument, activity in chosen.items():
        measured = measurement(activity["definition"], activity["answers"], session["participants"], aliases)
        if measured:
            instruments[instrument] = measured
    return {"code": session["code"], "title": session["title"], "created_at": session["created_at"],
            "instruments": instruments}


def sessions_of(measured: list[dict]) -> list[dict]:
    return [{"code": m["code"], "title": m["title"], "created_at": m["created_at"]} for m in measured]


def trend(measured: list[dict], aliases: dict[str, str]) -> dict:
    """`{"sessions", "instruments"}` of `GET trend` from the sessions' measurements (`measure`), only the
    instruments in two or more sessions, in the newest session's order."""
    measured = sorted(measured, key=lambda m: m["created_at"])
    instruments = list(dict.fromkeys(instrument for m in reversed(measured) for instrument in m["instruments"]))
    return {"sessions": sessions_of(measured),
            "instruments": [entry for instrument in instruments
                            if (entry := instrument_trend(measured, instrument, aliases))]}


def instrument_trend(measured: list[dict], instrument: str, aliases: dict[str, str]) -> dict | None:
    """One instrument's entry of the trend (sessions oldest first, as given), None unless in two or more:
    `{"instrument", "title", "labels", "order", "items", "organisations"}`, each item a brief or None per session."""
    columns = [m["instruments"].get(instrument) for m in measured]
    present = [column for column in columns if column]
    if len(present) < 2:
        return None
    newest_first = present[::-1]
    ids = list(dict.fromkeys(item for column in newest_first for item in column["ids"]))
    labels = {item: next(c["labels"][item] for c in newest_first if item in c["labels"]) for item in ids}
    items = {item: [column["briefs"]["items"].get(item) if column else None for column in columns] for item in ids}
    return {"instrument": instrument, "title": newest_first[0]["title"], "labels": labels,
            "order": most_moved_first(items, ids), "items": items,
            "organisations": organisations(columns, ids, aliases)}


def organisations(columns: list[dict | None], ids: list[str], aliases: dict[str, str]) -> list[dict]:
    """Per organisation (matched by key across the sessions) its briefs per item and session: named as its alias
    target says, else as the newest session that has it spells it."""
    targets = {organisation_key(target): target for target in aliases.values()}
    per_key: dict[str, list] = {}
    names: dict[str, str] = {}
    for index, column in enumerate(columns):
        for organisation in column["briefs"]["organisations"] if column else ():
            key = organisation_key(organisation["name"])
            per_key.setdefault(key, [None] * len(columns))[index] = organisation["items"]
            names[key] = targets.get(key, organisation["name"]) if key else NO_ORGANISATION
    by_name = {names[key]: key for key in per_key}
    return [{"name": name, "items": {item: [found.get(item) if found else None for found in per_key[by_name[name]]]
                                     for item in ids}}
            for name in ordered(by_name)]


def most_moved_first(items: dict[str, list], ids: list[str]) -> list[str]:
    """The item ids, those that moved most from their first answered session to their last first (ties keep the
    items' order)."""
    def moved(item):
        answered = [brief for brief in items[item] if brief and brief["n"]]
        return movement(shift(answered[0], answered[-1]), answered[-1]) if len(answered) > 1 else 0.0
    return sorted(ids, key=lambda item: -moved(item))
