// Beamer: the countdown of the activity on the phones, big in the top bar. Calm: no flashing; the last minute
// and zero change its colour and also its words and mark. Said once at one minute left and at zero.
import { Countdown, clock, phase, phaseLabel } from "./timer.js";

const box = document.getElementById("beamer-timer");
const mark = Object.assign(document.createElement("span"), { className: "timer-mark" });
mark.setAttribute("aria-hidden", "true");
const shownClock = Object.assign(document.createElement("span"), { className: "timer-clock" });
const shownLabel = Object.assign(document.createElement("span"), { className: "timer-label" });
box.append(mark, shownClock, shownLabel);
const spoken = Object.assign(document.createElement("p"), { className: "visually-hidden" });
spoken.setAttribute("role", "status");
document.body.append(spoken);

const countdown = new Countdown((timer, left) => {
  const now = phase(timer, left);
  box.hidden = !timer;
  box.dataset.phase = now;
  shownClock.textContent = clock(left);
  shownLabel.textContent = phaseLabel(now);
}, (said) => { spoken.textContent = said; });

/** Show the timer of the session's current activity (none: hidden). */
export function showTimer(session) {
  const current = session.activities.find((a) => a.id === session.current_activity);
  countdown.set(current?.timer ?? null, current?.id);
}
