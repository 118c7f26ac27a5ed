"""The countdown of an activity: its time arithmetic (pure), and the alarms that close an activity at zero.

A running timer is stored as a wall-clock deadline, a paused one as the seconds it had left: both survive a
restart of the server, and a running one keeps counting from its deadline meanwhile.
"""

import logging
import threading

from .errors import WorkshopError

log = logging.getLogger(__name__)
MAX_SECONDS = 4 * 3600  # the longest countdown: a day part
GRACE = 2.0  # seconds after zero before closing: the phones add what was typed in the meantime


def remaining(timer_row: dict, now: float) -> float:
    """Seconds left of an activity's timer (its timer_* columns): to its deadline while running, as paused."""
    if timer_row["timer_deadline"] is not None:
        return max(0.0, timer_row["timer_deadline"] - now)
    return timer_row["timer_remaining"]


def timer_view(activity: dict, now: float) -> dict | None:
    """An activity's timer as the screens and phones get it (remaining to the millisecond), or None."""
    if activity.get("timer_seconds") is None:
        return None
    left = remaining(activity, now)
    return {"seconds": activity["timer_seconds"], "remaining": round(left, 3),
            "running": activity["timer_deadline"] is not None and left > 0, "close": bool(activity["timer_close"])}


def started(seconds: int, close: bool, paused: bool, now: float) -> dict:
    """The timer_* columns of a countdown of `seconds`, running from `now` (or set, paused)."""
    return {"timer_seconds": seconds, "timer_close": int(close),
            "timer_deadline": None if paused else now + seconds, "timer_remaining": seconds if paused else None}


def paused_at(activity: dict, now: float) -> dict:
    """The timer_* columns of a running timer paused at `now`."""
    return {"timer_deadline": None, "timer_remaining": remaining(activity, now)}


STOPPED = {"timer_seconds": None, "timer_close": 0, "timer_deadline": None, "timer_remaining": None}


def closes_at_zero(activity: dict) -> bool:
    """Whether the activity's timer is running and closes the activity at zero."""
    return activity.get("timer_deadline") is not None and bool(activity.get("timer_close"))


class Alarms:
    """Closes activities when their timer reaches zero (plus the grace), by a sleeping task per alarm. A timer
    changed meanwhile makes its alarm a no-op: `ring` checks the stored deadline again. After a restart a
    session's alarms are set again when the session is next touched (`watch`)."""

    def __init__(self, socketio, workshops, on_closed, grace: float):
        self.socketio = socketio
        self.workshops = workshops
        self.on_closed = on_closed  # (code, phones_had): tell the screens and phones
        self.grace = grace
        self._set: dict[tuple[str, int], float] = {}  # (code, activity id) -> deadline its alarm is set for
        self._watched: set[str] = set()
        self._lock = threading.Lock()

    def watch(self, code: str):
        """The first time this process sees a session: set the alarms its stored timers need."""
        with self._lock:
            if code in self._watched:
                return
            self._watched.add(code)
        self.update(code)

    def update(self, code: str):
        """Set an alarm for every timer of the session that closes its activity and has none set yet."""
        for activity_id, deadline in self.workshops.closing_timers(code):
            with self._lock:
                if self._set.get((code, activity_id)) == deadline:
                    continue
                self._set[code, activity_id] = deadline
            self.socketio.start_background_task(self._sleep_then_ring, code, activity_id, deadline)

    def _sleep_then_ring(self, code, activity_id, deadline):
        self.socketio.sleep(max(0.0, deadline + self.grace - self.workshops.clock()))
        with self._lock:
            if self._set.get((code, activity_id)) != deadline:
                return  # a newer alarm took its place
            del self._set[code, activity_id]
        try:
            self.ring(code, activity_id, deadline)
        except WorkshopError:  # the session was deleted meanwhile (or its file is damaged): nothing to close
            return
        except Exception:  # a background task has nobody to answer to: log; the next touch of the session tries again
            log.exception("closing activity %s of session %s at zero failed", activity_id, code)
            with self._lock:
                self._watched.discard(code)

    def ring(self, code, activity_id, deadline):
        """Close the activity if its timer still ends at `deadline`, and tell every screen and phone."""
        phones_had = self.workshops.phone_activity(code)
        if self.workshops.close_at_zero(code, activity_id, deadline):
            self.on_closed(code, phones_had)
