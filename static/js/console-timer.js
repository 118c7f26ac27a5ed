// Console: the timer of the activity on the phones. Presets and own minutes start it; pause / resume, a minute
// more, stop; "close at zero". Keys: t start or pause, + a minute more, s stop. Drawn once, then only its words
// and values change, so the keyboard focus stays where it is.
import { control, onSession, registerKey, showProblem } from "./console-room.js";
import { t } from "./i18n.js";
import { Countdown, clock, phase, phaseLabel } from "./timer.js";

const PRESETS = [1, 2, 3, 5, 10, 15];  // minutes
const MAX_MINUTES = 240;
const panel = document.getElementById("timer-panel");
let activity = null;  // the current activity as last shown: {id, timer}

const element = (tag, props = {}, ...children) => {
  const made = Object.assign(document.createElement(tag), props);
  made.append(...children);
  return made;
};
function actionButton(name, text) {
  const made = element("button", { type: "button", className: "small", textContent: text });
  made.dataset.timer = name;
  return made;
}
const heading = element("h3", { id: "timer-heading", className: "panel-title", textContent: t("Timer") });
const display = element("p", { className: "timer-display" });
const shownClock = element("span", { className: "timer-clock" });
const shownLabel = element("span", { className: "timer-label" });
display.append(shownClock, " ", shownLabel);
const toggle = actionButton("toggle", t("Start"));
const add = actionButton("add", t("+1 minuut"));
const stop = actionButton("stop", t("Stoppen"));
const presets = element("div", { className: "timer-presets" });
presets.setAttribute("role", "group");
presets.setAttribute("aria-label", t("Timer starten met"));
for (const minutes of PRESETS) {
  const preset = actionButton(`preset-${minutes}`, t("{n} min", { n: minutes }));
  preset.addEventListener("click", () => start(minutes * 60));
  presets.append(preset);
}
const own = element("input", { type: "number", min: 1, max: MAX_MINUTES, step: 1, value: 5, id: "timer-minutes",
  className: "timer-minutes" });
const ownLabel = element("label", { htmlFor: "timer-minutes", textContent: t("Eigen tijd (min)") });
const closes = element("input", { type: "checkbox", id: "timer-close" });
const closesLabel = element("label", { className: "timer-close" }, closes, " ", t("Sluiten bij nul"));
const none = element("p", { className: "muted timer-none", textContent: t("Open eerst een activiteit op de telefoons: dan kun je haar timer zetten.") });
const controls = element("div", { className: "timer-controls" });
controls.append(heading, display, toggle, add, stop, closesLabel);
const settings = element("div", { className: "timer-settings" });
const ownForm = element("form", { className: "timer-own" }, ownLabel, own);
settings.append(presets, ownForm);
panel.setAttribute("role", "group");
panel.setAttribute("aria-labelledby", "timer-heading");
panel.append(controls, settings, none);

const countdown = new Countdown(drawCountdown);

function drawCountdown(timer, left) {
  const now = phase(timer, left);
  shownClock.textContent = timer ? clock(left) : "–:––";
  shownLabel.textContent = timer ? phaseLabel(now) : t("Geen timer");
  display.dataset.phase = now;
  toggle.textContent = now === "running" || now === "last-minute" ? t("Pauzeren")
    : now === "paused" ? t("Hervatten") : t("Start");
}

onSession((session) => {
  const current = session.activities.find((a) => a.id === session.current_activity) || null;
  activity = current && { id: current.id, timer: current.timer };
  for (const input of panel.querySelectorAll("button, input")) input.disabled = !current;
  none.hidden = Boolean(current);
  if (current?.timer && current.timer.remaining > 0) closes.checked = current.timer.close;
  countdown.set(current?.timer ?? null, current?.id);
});

/** The timer now: running, paused, or none / at zero (then a start begins a new one). */
const state = () => phase(activity?.timer, countdown.left());
const counting = () => ["running", "last-minute", "paused"].includes(state());

function start(seconds, { paused = false } = {}) {
  if (!activity) return null;
  return control("start_timer", activity.id, { seconds, close: closes.checked, paused });
}

function startOwn() {
  const minutes = Number(own.value);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) {
    showProblem(t("Kies een eigen tijd van 1 tot {max} minuten.", { max: MAX_MINUTES }));
    return own.focus();
  }
  return start(minutes * 60);
}

/** Start (own minutes), pause, or resume with the seconds shown. */
function startOrPause() {
  if (!activity) return;
  const now = state();
  if (now === "running" || now === "last-minute") return control("pause_timer", activity.id);
  if (now === "paused") return start(Math.max(1, Math.ceil(countdown.left())));
  return startOwn();
}

/** A minute more: what is left plus 60, paused if it was; without a timer, one of a minute. */
function addMinute() {
  if (!activity) return;
  const left = counting() ? Math.ceil(countdown.left()) : 0;
  start(Math.min(left + 60, MAX_MINUTES * 60), { paused: state() === "paused" });
}

function stopTimer() {
  if (activity) control("stop_timer", activity.id);
}

toggle.addEventListener("click", startOrPause);
add.addEventListener("click", addMinute);
stop.addEventListener("click", stopTimer);
ownForm.addEventListener("submit", (event) => {  // Enter in the field
  event.preventDefault();
  startOwn();
});
closes.addEventListener("change", () => {  // a timer counting now takes the new choice at once
  if (counting()) start(Math.max(1, Math.ceil(countdown.left())), { paused: state() === "paused" });
});

registerKey(["t"], t("Timer starten of pauzeren"), startOrPause);
registerKey(["+"], t("Een minuut bij de timer"), addMinute);
registerKey(["s"], t("Timer stoppen"), stopTimer);
