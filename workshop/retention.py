"""Retention: sessions left untouched for a number of days are deleted by themselves (off by default).

These are people's opinions about partner organisations: a host can decide they are not kept forever.
"""

import logging
import time

from .errors import WorkshopError

log = logging.getLogger(__name__)
SWEEP_EVERY = 3600.0  # seconds between two sweeps


def expired(store, days: float, now: float) -> list[str]:
    """Codes of the sessions whose data has not changed for `days` days."""
    cutoff = now - days * 86400
    return [code for code in store.codes() if store.last_touched(code) < cutoff]


def sweep(workshops, live, days: float, now: float | None = None) -> list[str]:
    """Delete every expired session (telling its screens and phones); returns the deleted codes."""
    deleted = []
    for code in expired(workshops.store, days, time.time() if now is None else now):
        try:
            language = workshops.language(code)
            workshops.delete(code)
        except WorkshopError:  # gone meanwhile (deleted by its facilitator or another process's sweep), or damaged
            continue
        live.deleted(code, language)
        deleted.append(code)
        log.info("session %s deleted after %s days without changes", code, days)
    return deleted


def keep_sweeping(socketio, workshops, live, days: float):
    """The background task: a sweep at start and then every SWEEP_EVERY seconds, for as long as the server runs."""
    while True:
        try:
            sweep(workshops, live, days)
        except Exception:  # a background task has nobody to answer to: log, and try again next time
            log.exception("retention sweep failed")
        socketio.sleep(SWEEP_EVERY)
