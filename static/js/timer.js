// The countdown of an activity's timer, shared by the console, the beamer and the phone: it counts locally from
// the snapshot's `remaining` and the moment the snapshot arrived, so every screen shows the same without a tick
// from the server. A ticking text is never a live region: `onMilestone` says when one minute is left and zero.
import { t } from "./i18n.js";

export const LAST_MINUTE = 60;

/** "4:05", "12:00", "1:02:03": what is left, rounded up (it shows 0:00 only at zero). */
export function clock(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-6));
  const [hours, minutes, rest] = [Math.floor(whole / 3600), Math.floor(whole / 60) % 60, whole % 60];
  const two = (n) => String(n).padStart(2, "0");
  return hours ? `${hours}:${two(minutes)}:${two(rest)}` : `${minutes}:${two(rest)}`;
}

/** The timer's phase: "running", "last-minute", "paused" or "ended" ("none" without a timer). */
export function phase(timer, left) {
  if (!timer) return "none";
  if (left <= 0) return "ended";
  if (!timer.running) return "paused";
  return left <= LAST_MINUTE ? "last-minute" : "running";
}

/** What a screen reader is told once, when the countdown crosses a milestone (between `before` and `left`). */
export function milestone(before, left) {
  if (before > 0 && left <= 0) return t("Tijd is om.");
  if (before > LAST_MINUTE && left <= LAST_MINUTE) return t("Nog één minuut.");
  return null;
}

export class Countdown {
  /** `draw(timer, left)` on every change and every quarter second while running; `onMilestone(text, phase)` once
   * per milestone crossed while this screen counts. */
  constructor(draw, onMilestone = () => {}) {
    this.draw = draw;
    this.onMilestone = onMilestone;
    this.timer = null;
    this.key = null;
  }

  /** Show `timer` ({seconds, remaining, running} or null) of activity `activityId`, as it was when it arrived. */
  set(timer, activityId) {
    const key = timer ? `${activityId}` : null;
    const before = this.key === key ? this.left() : null;  // another activity's timer: no milestone
    this.timer = timer;
    this.key = key;
    this.arrived = performance.now();
    clearInterval(this.ticking);
    if (timer?.running) this.ticking = setInterval(() => this.tick(), 250);
    this.tick(before);
  }

  /** Seconds left now. */
  left() {
    if (!this.timer) return 0;
    const counted = this.timer.running ? (performance.now() - this.arrived) / 1000 : 0;
    return Math.max(0, this.timer.remaining - counted);
  }

  tick(before = this.shown) {
    const left = this.left();
    if (before != null) {
      const said = milestone(before, left);
      if (said) this.onMilestone(said, phase(this.timer, left));
    }
    this.shown = this.timer ? left : null;
    if (this.timer?.running && left <= 0) clearInterval(this.ticking);
    this.draw(this.timer, left);
  }
}

/** The words beside the countdown, for each phase. */
export function phaseLabel(timerPhase) {
  return {
    running: t("Tijd over"), "last-minute": t("Laatste minuut"), paused: t("Gepauzeerd"), ended: t("Tijd is om"),
  }[timerPhase] || "";
}
