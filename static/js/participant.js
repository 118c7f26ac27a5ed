// Phone page: join (or rejoin with the stored token), show the current activity, send answers.
import { CardFields } from "./cards.js";
import { code, connect, request, toast } from "./common.js";

const tokenKey = `werkatelier:token:${code}`;
const socket = connect();
const joinCard = document.getElementById("join");
const waiting = document.getElementById("waiting");
let current = null;          // the activity on the phones: {id, type, title, state}
const saved = new Map();     // item -> value the server has stored (current activity)
const unsent = new Map();    // item -> value tapped but not yet acknowledged
let joined = false;
let me = { name: "", organisation: "" };
const cards = new CardFields(socket, () => joined);

socket.on("connect", () => {
  if (localStorage.getItem(tokenKey)) join({});
  else joinCard.hidden = false;
});
socket.on("disconnect", () => { joined = false; });
socket.on("activity", async () => {
  const ack = await request(socket, "state", {});
  if (ack.ok) show(ack.activity, ack);
});
socket.on("colleagues", ({ activity_id, entries }) => cards.setColleagues(activity_id, entries));
socket.on("deleted", ({ message }) => {  // the facilitator deleted the session: nothing is left to show
  localStorage.removeItem(tokenKey);
  socket.disconnect();
  document.querySelector(".phone-main").replaceChildren(Object.assign(document.createElement("p"),
    { className: "card waiting", textContent: message }));
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
  for (const [item, value] of unsent) send(item, value);  // taps made while offline
}

/** Show `activity` with what the server holds of this phone: {answers, entries, colleagues}. */
function show(activity, state) {
  if (activity && !drawn(activity)) return reloadWhenNoCardIsTyped();
  if (current?.id !== activity?.id) unsent.clear();
  current = activity;
  saved.clear();
  for (const [item, value] of Object.entries(state.answers || {})) saved.set(item, value);
  waiting.hidden = Boolean(activity);
  for (const section of document.querySelectorAll(".activity")) {
    const isCurrent = Number(section.dataset.activityId) === activity?.id;
    section.hidden = !isCurrent;
    if (isCurrent) {
      section.querySelector("[data-closed-banner]").hidden = activity.state === "open";
      section.classList.toggle("closed", activity.state !== "open");
      for (const button of section.querySelectorAll("button.choice")) button.disabled = activity.state !== "open";
      showOrganisation(section);
      cards.show(section, activity, state.entries || [], state.colleagues || []);
    }
  }
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

function drawChoices(section) {
  for (const factor of section.querySelectorAll("[data-item]")) {
    const item = factor.dataset.item;
    const value = unsent.get(item) ?? saved.get(item);
    for (const button of factor.querySelectorAll("button.choice")) {
      button.setAttribute("aria-pressed", String(button.dataset.value === value));
    }
  }
  section.querySelector("[data-progress]").textContent =
    new Set([...saved.keys(), ...unsent.keys(), ...cards.answeredItems()]).size;
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button.choice");
  if (!button || !current) return;
  const item = button.closest("[data-item]").dataset.item;
  unsent.set(item, button.dataset.value);
  drawChoices(button.closest(".activity"));
  setStatus(item, "Bezig met opslaan…");
  if (joined) send(item, button.dataset.value);
  else setStatus(item, "Nog niet opgeslagen: wacht op verbinding…");
});

async function send(item, value) {
  const activityId = current.id;
  const ack = await request(socket, "answer", { activity_id: activityId, item, value }, 6000);
  if (current?.id !== activityId || unsent.get(item) !== value) return;  // superseded by a newer tap
  if (ack.ok) {
    unsent.delete(item);
    saved.set(item, value);
    setStatus(item, "Opgeslagen ✓");
  } else if (ack.reason === "timeout" || ack.reason === "not_joined") {
    setStatus(item, "Nog niet opgeslagen: we proberen het opnieuw zodra er verbinding is.");
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

function setStatus(item, text) {
  const el = document.querySelector(`.activity[data-activity-id="${current?.id}"] [data-item="${item}"] [data-status]`);
  if (el) el.textContent = text;
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
