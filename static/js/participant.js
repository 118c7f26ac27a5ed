// Phone page: join (or rejoin with the stored token), show the current activity, send answers.
import { CardFields } from "./cards.js";
import { announce, code, request, toast } from "./common.js";
import { formatNumber, t, tn } from "./i18n.js";
import { activityShown, socket } from "./phone-room.js";
import "./phone-timer.js";
import "./phone-results.js";

const tokenKey = `werkatelier:token:${code}`;
const joinCard = document.getElementById("join");
const waiting = document.getElementById("waiting");
let current;                // the activity on the phones: {id, type, title, state}; null: none; undefined: not yet shown
// Values as the `answer` event sends them: an option or a number as text, a list of options (a choice of
// several), or {option: points} (punten verdelen).
const saved = new Map();     // item -> value the server has stored (current activity)
const unsent = new Map();    // item -> value tapped but not yet acknowledged
let joined = false;
let me = { name: "", organisation: "" };
const cards = new CardFields(socket, () => joined);

let reconnecting = false;  // back after a lost connection: the banner stays until the server knows this phone again
socket.on("connect", async () => {
  if (!localStorage.getItem(tokenKey)) {
    joinCard.hidden = false;
    return;
  }
  const banner = document.getElementById("connection");
  banner.hidden = !reconnecting;
  await join({});
  banner.hidden = true;
  reconnecting = false;
});
socket.on("disconnect", () => { joined = false; reconnecting = true; });
socket.on("activity", async () => {
  const ack = await request(socket, "state", {});
  if (ack.ok) show(ack.activity, ack);
});
socket.on("colleagues", ({ activity_id, entries }) => cards.setColleagues(activity_id, entries));
socket.on("deleted", () => {  // the facilitator deleted the session: nothing is left to show
  localStorage.removeItem(tokenKey);
  socket.disconnect();
  // The room has phones in both languages: this one says it in its own, not in the server's.
  const gone = Object.assign(document.createElement("p"),
    { className: "card waiting", textContent: t("Deze sessie is verwijderd door de procesbegeleider.") });
  document.querySelector(".phone-main").replaceChildren(gone);
  announce(gone.textContent);
});

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.id === "join-form") {
    event.preventDefault();
    join({ name: form.name.value, organisation: form.organisation.value });
  } else if (form.matches("[data-organisation-form]")) {
    event.preventDefault();
    join({ organisation: form.organisation.value });  // a rejoin: only the organisation changes
  }
});
document.addEventListener("cards-changed", (event) => drawChoices(event.target));

async function join(fields) {
  const ack = await request(socket, "join", { code, token: localStorage.getItem(tokenKey), ...fields });
  if (!ack.ok) {
    toast(ack.error);
    if (ack.reason === "not_found") localStorage.removeItem(tokenKey);
    return;
  }
  localStorage.setItem(tokenKey, ack.token);
  joined = true;
  joinCard.hidden = true;
  me = { name: ack.name, organisation: ack.organisation };
  const badge = document.getElementById("me");
  badge.textContent = [ack.name, ack.organisation].filter(Boolean).join(" · ");
  badge.hidden = !badge.textContent;
  show(ack.activity, ack);
  for (const [item, value] of unsent) if (sendable(value)) send(item, value);  // taps made while offline
}

/** Show `activity` with what the server holds of this phone: {answers, entries, colleagues}. */
function show(activity, state) {
  if (activity && !drawn(activity)) return reloadWhenNoCardIsTyped();
  const arrived = current === undefined || current?.id !== activity?.id;
  const closedNow = !arrived && current?.state === "open" && activity?.state !== "open";
  if (arrived) unsent.clear();
  current = activity;
  saved.clear();
  waiting.hidden = Boolean(activity);
  for (const section of document.querySelectorAll(".activity")) {
    const isCurrent = Number(section.dataset.activityId) === activity?.id;
    section.hidden = !isCurrent;
    if (isCurrent) {
      for (const [item, stored] of Object.entries(state.answers || {})) {
        const field = section.querySelector(`[data-item="${CSS.escape(item)}"]`);
        if (field) saved.set(item, fromStored(field, stored));
      }
      const banner = section.querySelector("[data-closed-banner]");
      banner.hidden = activity.state === "open";
      if (closedNow) announce(banner.textContent);
      section.classList.toggle("closed", activity.state !== "open");
      for (const control of section.querySelectorAll(".choice input, button.points-step")) {
        control.disabled = activity.state !== "open";
      }
      showOrganisation(section);
      cards.show(section, activity, state.entries || [], state.colleagues || [], state.partners || []);
    }
  }
  if (arrived) bringIntoView(activity ? `activity-${activity.id}` : "waiting-heading");
  activityShown(activity, state);
}

/** A new activity (or the wait for one): to the top, its heading focused, which a screen reader reads once. */
function bringIntoView(headingId) {
  window.scrollTo({ top: 0 });
  document.getElementById(headingId).focus({ preventScroll: true });
}

/** In a per-organisation activity: ask for the organisation first, then say for which one this phone answers. */
function showOrganisation(section) {
  const form = section.querySelector("[data-organisation-form]");
  if (!form) return;
  const known = Boolean(me.organisation);
  form.hidden = known;
  section.querySelector("[data-for-organisation]").hidden = !known;
  section.querySelector("[data-organisation-name]").textContent = me.organisation;
  for (const field of section.querySelectorAll("[data-item]")) field.hidden = !known;
}

/** A stored answer ('groen', '7', 'a,b' for several options, 'wonen:5,zorg:3' for points) as the phone holds it. */
function fromStored(field, stored) {
  if (field.dataset.kind === "points") {
    const options = new Set([...field.querySelectorAll(".points-option")].map((row) => row.dataset.value));
    return Object.fromEntries(stored.split(",").filter(Boolean).map((part) => {
      const [option, points] = part.split(":");
      return [option, Number(points)];
    }).filter(([option]) => options.has(option)));  // a card hidden from a vote: its dots are free again
  }
  return "multiple" in field.dataset ? stored.split(",").filter(Boolean) : stored;
}

const pointsGiven = (spread) => Object.values(spread).reduce((sum, n) => sum + n, 0);
/** Whether a value can be stored: a spread of points needs at least one point. */
const sendable = (value) => typeof value !== "object" || Array.isArray(value) || pointsGiven(value) > 0;

function drawChoices(section) {
  const closed = section.classList.contains("closed");
  const answered = new Set(cards.answeredItems());
  for (const field of section.querySelectorAll("[data-item]")) {
    const item = field.dataset.item;
    const value = unsent.get(item) ?? saved.get(item);
    if (value !== undefined && sendable(value)) answered.add(item);
    if (field.dataset.kind === "points") drawPoints(field, value || {}, closed);
    for (const input of field.querySelectorAll(".choice input")) {
      input.checked = Array.isArray(value) ? value.includes(input.value) : input.value === value;
    }
  }
  section.querySelector("[data-progress]").textContent = answered.size;
}

/** The stepper of punten verdelen: each option's points, what is left, − and + only where they can go. */
function drawPoints(field, spread, closed) {
  const left = field.querySelector("[data-points-left]");
  const points = Number(left.dataset.points);
  const dots = Number(left.dataset.perOption) > 0;  // dot voting: at most this many on one card
  const perOption = dots ? Number(left.dataset.perOption) : points;
  const remaining = points - pointsGiven(spread);
  if (dots) left.replaceChildren(...dotsLeft(remaining, points));
  else if (remaining) left.replaceChildren(...emphasised(t("Nog {left} van de {points} punten te verdelen", { points }), "left", remaining));
  else left.replaceChildren(...emphasised(t("Alle {points} punten zijn verdeeld ✓ Wil je schuiven? Neem er eerst een terug met −."), "points", points));
  left.classList.toggle("points-done", remaining === 0);
  for (const row of field.querySelectorAll(".points-option")) {
    const given = spread[row.dataset.value] || 0;
    row.querySelector("[data-count]").textContent = given;
    row.classList.toggle("points-given", given > 0);
    row.querySelector("[data-step='-1']").disabled = closed || given === 0;
    row.querySelector("[data-step='1']").disabled = closed || remaining === 0 || given >= perOption;
  }
}

/** Dot voting: how many dots are left ("nog 3 stippen over"), or that all are placed. */
function dotsLeft(remaining, points) {
  if (!remaining) return emphasised(tn("Je {points} stip staat ✓ Wil je schuiven? Neem hem eerst terug met −.", "Al je {points} stippen staan ✓ Wil je schuiven? Neem er eerst een terug met −.", points), "points", points);
  return emphasised(tn("Nog {left} stip over", "Nog {left} stippen over", remaining), "left", remaining);
}

/** A message with the element {name} in it drawn as <strong>value</strong>: [text before, strong, text after]. */
function emphasised(message, name, value) {
  const [before, after = ""] = message.split(`{${name}}`);
  return [before, Object.assign(document.createElement("strong"), { textContent: formatNumber(value, 0) }), after];
}

/** The spread of points after a − or + on one option. */
function stepped(button, field) {
  const value = unsent.get(field.dataset.item) ?? saved.get(field.dataset.item);
  const option = button.closest(".points-option").dataset.value;
  const spread = { ...(value || {}) };
  spread[option] = Math.max(0, (spread[option] || 0) + Number(button.dataset.step));
  if (!spread[option]) delete spread[option];
  return spread;
}

/** The value the field's radio buttons or check boxes now hold: an option, or the options checked. */
function chosen(field) {
  const checked = [...field.querySelectorAll(".choice input:checked")].map((input) => input.value);
  return "multiple" in field.dataset ? checked : checked[0];
}

document.addEventListener("change", (event) => {
  const input = event.target.closest(".choice input");
  if (input && current) answered(input.closest("[data-item]"), chosen(input.closest("[data-item]")));
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.points-step");
  if (button && current && !button.disabled) answered(button.closest("[data-item]"), stepped(button, button.closest("[data-item]")));
});

/** The person chose `value` for the field: draw it, and send it when it can be stored. */
function answered(field, value) {
  const item = field.dataset.item;
  unsent.set(item, value);
  drawChoices(field.closest(".activity"));
  if (!sendable(value)) setStatus(item, t("Geef ten minste één punt: dan slaan we je verdeling op."), true);
  else if (joined) {
    setStatus(item, t("Bezig met opslaan…"));
    send(item, value);
  } else setStatus(item, t("Nog niet opgeslagen: wacht op verbinding…"), true);
}

async function send(item, value) {
  const activityId = current.id;
  const ack = await request(socket, "answer", { activity_id: activityId, item, value }, 6000);
  if (current?.id !== activityId || unsent.get(item) !== value) return;  // superseded by a newer tap
  if (ack.ok) {
    unsent.delete(item);
    saved.set(item, value);
    setStatus(item, t("Opgeslagen ✓"), true);
  } else if (ack.reason === "timeout" || ack.reason === "not_joined") {
    setStatus(item, t("Nog niet opgeslagen: we proberen het opnieuw zodra er verbinding is."), true);
    if (socket.connected && joined) setTimeout(() => unsent.get(item) === value && send(item, value), 2000);
  } else {
    unsent.delete(item);
    setStatus(item, "");
    toast(ack.error);
    if (ack.reason === "closed") socket.emit("state", {}, (state) => state.ok && show(state.activity, state));
  }
  const section = document.querySelector(`.activity[data-activity-id="${activityId}"]`);
  drawChoices(section);
}

/** The field's status line; `spoken`: also said once by the page's live region (the field's own is not live). */
function setStatus(item, text, spoken = false) {
  const field = document.querySelector(`.activity[data-activity-id="${current?.id}"] [data-item="${CSS.escape(item)}"]`);
  if (!field) return;
  field.querySelector("[data-status]").textContent = text;
  if (spoken) announce(field.dataset.kind === "points" ? `${text} ${field.querySelector("[data-points-left]").textContent}` : text);
}

/** Whether this page has the activity as the server has it now (not added or reworded since it was loaded). */
function drawn(activity) {
  const section = document.querySelector(`.activity[data-activity-id="${activity.id}"]`);
  return section?.dataset.revision === activity.revision;
}

/** Load the page again for an activity it does not have (the token is kept), but never while a card is being
 * typed: then as soon as its text box is empty, or when the person asks. */
function reloadWhenNoCardIsTyped() {
  const typing = () => [...document.querySelectorAll("[data-entry-form] textarea")].some((box) => box.value.trim());
  if (!typing()) return location.reload();
  document.getElementById("refresh-note").hidden = false;
  document.getElementById("refresh-now").addEventListener("click", () => location.reload(), { once: true });
  const reloadOnceEmpty = () => { if (!typing()) location.reload(); };
  document.addEventListener("input", reloadOnceEmpty);
  document.addEventListener("cards-changed", reloadOnceEmpty);  // the card was sent: its box is empty again
}
