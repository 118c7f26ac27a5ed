// Phone: the countdown of the activity shown, above it. Said once at one minute left and at zero; at zero of a
// timer that closes the activity, the cards still being typed are added (the `time-up` event, see cards.js).
import { announce } from "./common.js";
import { onActivity } from "./phone-room.js";
import { Countdown, clock, phase, phaseLabel } from "./timer.js";

const box = document.getElementById("phone-timer");
const shownClock = Object.assign(document.createElement("span"), { className: "timer-clock" });
const shownLabel = Object.assign(document.createElement("span"), { className: "timer-label" });
box.append(shownLabel, " ", shownClock);
let shown = null;  // the activity as last shown

const countdown = new Countdown((timer, left) => {
  box.hidden = !timer;
  box.dataset.phase = phase(timer, left);
  shownClock.textContent = clock(left);
  shownLabel.textContent = phaseLabel(phase(timer, left));
}, (said, now) => {
  announce(said);
  if (now === "ended" && shown?.timer?.close && shown.state === "open") {
    document.dispatchEvent(new CustomEvent("time-up", { detail: { activityId: shown.id } }));
  }
});

onActivity((activity) => {
  shown = activity;
  countdown.set(activity?.timer ?? null, activity?.id);
});
