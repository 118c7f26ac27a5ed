// Facilitator console: the session's activities with their controls, and a live preview of the results.
import { code, facilitate, request } from "./common.js";
import { openPicker } from "./console-add.js";
import "./console-beamer.js";
import "./console-moderators.js";
import "./console-progress.js";
import { control, resultsShown, roleShown, sessionShown, showProblem, socket } from "./console-room.js";
import "./console-timer.js";
import { openBuilder } from "./designer/builder.js";
import { t, tn } from "./i18n.js";
import { deleteSession, downloadButtons, forget } from "./manage.js";
import { ResultBoard } from "./results/index.js";

let sessionSeq = 0;  // of the newest session snapshot shown
let shown = null;  // the session as last shown
const board = new ResultBoard(document.querySelector(".preview"), { moderating: true });
const list = document.getElementById("activity-list");
const template = document.getElementById("activity-template");

const key = facilitate(socket, (ack) => {
  roleShown(ack.role);
  board.loadAll(ack.results, ack.session.seq, ack.labels);
  for (const [activityId, { aggregate }] of board.latest) resultsShown(activityId, aggregate);
  showSession(ack.session);
});
if (key) {
  document.getElementById("open-beamer").href += `#key=${encodeURIComponent(key)}`;
  document.getElementById("facilitator-link").value = `${location.origin}${location.pathname}#key=${key}`;
}
socket.on("session", showSession);
socket.on("connect", () => {  // snapshots of a new connection count from its own seq
  sessionSeq = 0;
  board.forgetSeqs();
});
socket.on("results", ({ activity_id, aggregate, seq, labels }) => {
  const answeredBefore = answered(activity_id);
  board.update(activity_id, aggregate, seq, labels);
  resultsShown(activity_id, board.latest.get(activity_id).aggregate);  // the newest, whatever arrived late
  if (shown && answered(activity_id) !== answeredBefore) {
    drawAgenda();  // rename and remove are no longer offered
    keepFocus();
  }
});
socket.on("presence", ({ participants }) => showParticipants(participants));
socket.on("problem", ({ message }) => showProblem(message));  // e.g. the server's disk is full
const LANGUAGE_FOCUS = "werkatelier:focus-language";  // after a reload the keyboard goes back to the choice
let changingLanguage = false;  // this console asked for the change
socket.on("language", () => {  // the session speaks another language: draw the page in it
  if (changingLanguage) sessionStorage.setItem(LANGUAGE_FOCUS, "1");  // set now: the reload cuts the PATCH short
  reloadWhenIdle();
});

/** "12 deelnemers": the count, and its word in the page's language. */
function showParticipants(count) {
  document.querySelector(".join-info [data-participants]").textContent = count;
  document.querySelector(".join-info [data-participants-word]").textContent = tn("deelnemer", "deelnemers", count);
}

// --- keyboard focus: a redrawn list puts the focused control back, found by what it does -------------------

let focused = null;  // {element, key}: the control that last had the keyboard focus
document.addEventListener("focusin", (event) => { focused = { element: event.target, key: focusKey(event.target) }; });

/** What identifies a control across redraws: its row (activity or card) and its data-action / data-agenda /
 * data-moderate, or its id. */
function focusKey(element) {
  const row = element.closest("[data-activity-id], [data-entry-id]");
  const what = ["data-action", "data-agenda", "data-moderate", "data-cancel"].find((name) => element.hasAttribute(name));
  if (!row || !what) return element.id ? `#${CSS.escape(element.id)}` : null;
  const rowName = row.dataset.entryId ? "data-entry-id" : "data-activity-id";
  const rowId = row.getAttribute(rowName);
  return `[${rowName}="${CSS.escape(rowId)}"] [${what}="${CSS.escape(element.getAttribute(what))}"]`;
}

const canFocus = (element) => element && !element.disabled && element.getClientRects().length > 0;

/** After a redraw: when the focused control was replaced, focus its new copy (or, unless `copyOnly`, another
 * control of its row, or the activities' heading) instead of leaving the keyboard on <body>. */
function keepFocus(copyOnly = false) {
  if (!focused || focused.element.isConnected || !focused.key) return;
  const active = document.activeElement;
  if (active && active !== document.body) return;
  if (!copyOnly) return focusControl(focused.key);
  const copy = document.querySelector(focused.key);
  if (canFocus(copy)) copy.focus();
}
// The results are drawn when their renderer has loaded, later than the event: watch for the control's copy.
new MutationObserver(() => keepFocus(true)).observe(document.body, { childList: true, subtree: true });

/** Focus the control `key` (a focusKey), else the first control of its row, else the activities' heading. */
function focusControl(key) {
  const same = document.querySelector(key);
  const row = key.startsWith("[") ? document.querySelector(key.split(" ")[0]) : null;
  const target = [same, row?.querySelector('[data-action="toggle-open"]'),
    ...(row?.querySelectorAll("button, select, input") ?? [])].find(canFocus)
    || document.getElementById("activities-heading");
  target.focus();
}

document.getElementById("next").addEventListener("click", () => control("next"));

// Cards in the preview: hide from the beamer (kept in the export) or highlight.
document.querySelector(".preview").addEventListener("click", async (event) => {
  const button = event.target.closest("[data-moderate]");
  if (!button) return;
  const id = Number(button.closest("[data-entry-id]").dataset.entryId);
  const ack = await request(socket, "moderate", { id, [button.dataset.moderate]: button.dataset.value === "true" });
  showProblem(ack.ok ? null : ack.error);
});

// The session's language: its console, beamer and report. Changed with a button, not on choosing (the page
// reloads in it: every screen of the session does), and the keyboard is back on the choice after the reload.
const languageChoice = document.getElementById("session-language");
document.getElementById("language-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (languageChoice.value === document.documentElement.lang) return;
  changingLanguage = true;
  changingLanguage = Boolean(await agenda("PATCH", "", { language: languageChoice.value }));
});
if (sessionStorage.getItem(LANGUAGE_FOCUS)) {
  sessionStorage.removeItem(LANGUAGE_FOCUS);
  languageChoice.focus();
}

// Exports and the report, and deleting the session for good.
if (key) document.getElementById("downloads").replaceChildren(...downloadButtons(code, key, showProblem));

document.getElementById("delete-session").addEventListener("click", async () => {
  const { deleted, error } = await deleteSession(code, key, document.querySelector("h1").textContent);
  showProblem(error);
  if (deleted) location.assign("/");
});

socket.on("deleted", ({ message }) => {  // deleted elsewhere (another console, the retention setting)
  forget(code);
  socket.disconnect();
  const box = document.getElementById("auth-error");
  box.textContent = message;
  box.hidden = false;
});

/** Show the session's state; a snapshot older than one already shown (a slow ack) is ignored. */
function showSession(session) {
  if (session.seq < sessionSeq) return;
  sessionSeq = session.seq;
  if (session.activities.some((activity) => !board.section(activity.id))) return reloadWhenIdle();
  shown = session;
  showParticipants(session.participants);
  drawAgenda();
  document.getElementById("preview-empty").hidden = Boolean(session.current_activity);
  for (const activity of session.activities) {
    board.section(activity.id).hidden = activity.id !== session.current_activity;
  }
  board.setSession(session);
  sessionShown(session);
  keepFocus();
}

/** Draw the page again on the server (an activity this page has no section for, another language), though not
 * while the facilitator is typing a new title. */
function reloadWhenIdle() {
  const typing = document.activeElement?.closest?.("[data-rename]");
  if (typing) typing.addEventListener("focusout", () => location.reload(), { once: true });
  else location.reload();
}

/** Whether an activity holds answers or cards (its aggregate has respondents): then its wording stays. */
function answered(activityId) {
  return (board.latest.get(activityId)?.aggregate.respondents ?? 0) > 0;
}

function drawAgenda() {
  if (list.querySelector("[data-rename]:not([hidden])")) return;  // redrawn when the new title is saved or dropped
  const ids = shown.activities.map((activity) => activity.id);
  list.replaceChildren(...shown.activities.map((activity, index) =>
    activityRow(activity, shown.current_activity, { first: index === 0, last: index === ids.length - 1 })));
}

function activityRow(activity, currentId, { first, last }) {
  const row = template.content.firstElementChild.cloneNode(true);
  const open = activity.state === "open";
  row.dataset.activityId = activity.id;
  row.classList.toggle("is-hidden", activity.hidden);
  row.querySelector("[data-title]").textContent = activity.title;
  row.querySelector("[data-hidden-badge]").hidden = !activity.hidden;
  row.querySelector(".activity-controls").hidden = activity.hidden;  // a hidden activity is not run
  agendaControls(row, activity, { first, last });
  const state = row.querySelector("[data-state]");
  state.textContent = open ? t("open") : t("gesloten");
  state.classList.add(open ? "badge-open" : "badge-closed");
  row.querySelector("[data-current]").hidden = activity.id !== currentId;
  const toggleOpen = row.querySelector('[data-action="toggle-open"]');
  toggleOpen.textContent = open ? t("Sluiten") : t("Openen");
  toggleOpen.addEventListener("click", () => control(open ? "close" : "open", activity.id));
  const toggleResults = row.querySelector('[data-action="toggle-results"]');
  toggleResults.textContent = activity.show_results ? t("Resultaten verbergen op beamer")
    : t("Resultaten tonen op beamer");
  toggleResults.addEventListener("click", () =>
    control(activity.show_results ? "hide_results" : "show_results", activity.id));
  const toggleNames = row.querySelector('[data-action="toggle-names"]');
  toggleNames.hidden = !activity.items.some((item) => item.kind === "text");
  toggleNames.textContent = activity.show_names ? t("Anoniem op beamer") : t("Namen tonen op beamer");
  toggleNames.addEventListener("click", () => control(activity.show_names ? "hide_names" : "show_names", activity.id));
  const toggleRelease = row.querySelector('[data-action="toggle-release"]');
  toggleRelease.textContent = activity.results_released ? t("Resultaten van telefoons terughalen")
    : t("Resultaten naar telefoons");
  toggleRelease.addEventListener("click", () =>
    control(activity.results_released ? "withdraw_results" : "release_results", activity.id));
  const select = row.querySelector("select");
  select.replaceChildren(...activity.views.map(({ id, label }) => new Option(label, id, false, id === activity.view)));
  select.addEventListener("change", () => control("set_view", activity.id, { view: select.value }));
  const activate = row.querySelector('[data-action="activate"]');
  activate.hidden = activity.id === currentId;
  activate.addEventListener("click", () => control("activate", activity.id));
  return row;
}

// --- the agenda: rename, move, hide or show, remove, add ------------------------------------------------------

/** A change of the agenda over the API; the new overview comes back as a `session` event to every screen. */
async function agenda(method, path, body) {
  try {
    const response = await fetch(`/api/sessions/${code}${path}`, {
      method, headers: { authorization: `bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const reply = await response.json();
    showProblem(response.ok ? null : reply.error);
    return response.ok ? reply : null;
  } catch {
    showProblem(t("Geen verbinding met de server. Probeer het opnieuw."));
    return null;
  }
}

function agendaControls(row, activity, { first, last }) {
  const has = answered(activity.id);
  const button = (name) => row.querySelector(`[data-agenda="${name}"]`);
  button("up").disabled = first;
  button("down").disabled = last;
  button("up").addEventListener("click", () => move(activity.id, -1));
  button("down").addEventListener("click", () => move(activity.id, 1));
  button("rename").hidden = has;
  button("remove").hidden = has;
  row.querySelector("[data-answered-note]").hidden = !has || activity.hidden;
  const hide = button("hide");
  hide.textContent = activity.hidden ? t("Weer tonen") : t("Verbergen");
  hide.title = activity.hidden ? t("Terug in de agenda")
    : t("Uit de agenda halen; antwoorden blijven bewaard en in de export");
  hide.addEventListener("click", () => agenda("PATCH", `/activities/${activity.id}`, { hidden: !activity.hidden }));
  button("remove").addEventListener("click", () => {
    if (window.confirm(t("Activiteit “{title}” verwijderen? Ze heeft nog geen antwoorden.", { title: activity.title }))) {
      agenda("DELETE", `/activities/${activity.id}`);
    }
  });
  const form = row.querySelector("[data-rename]");
  button("rename").addEventListener("click", () => {
    form.hidden = false;
    row.draggable = false;  // so the mouse selects text in the field
    form.title.value = activity.title;
    form.title.focus();
    form.title.select();
  });
  const closeRename = () => {
    form.hidden = true;
    drawAgenda();
    focusControl(`[data-activity-id="${activity.id}"] [data-agenda="rename"]`);
  };
  form.querySelector("[data-cancel]").addEventListener("click", closeRename);
  form.addEventListener("keydown", (event) => {
    if (/^Escape$/.test(event.key)) closeRename();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const saved = await agenda("PATCH", `/activities/${activity.id}`, { title: form.title.value });
    if (saved) closeRename();
  });
  row.addEventListener("dragstart", (event) => {
    event.dataTransfer.setData("text/plain", String(activity.id));
    row.classList.add("dragging");
  });
  row.addEventListener("dragend", () => row.classList.remove("dragging"));
  row.addEventListener("dragover", (event) => event.preventDefault());
  row.addEventListener("drop", (event) => {
    event.preventDefault();
    const dragged = Number(event.dataTransfer.getData("text/plain"));
    if (dragged && dragged !== activity.id) placeBefore(dragged, activity.id);
  });
}

function order() {
  return shown.activities.map((activity) => activity.id);
}

/** Move an activity one place up (-1) or down (+1). */
function move(activityId, step) {
  const ids = order();
  const from = ids.indexOf(activityId);
  [ids[from], ids[from + step]] = [ids[from + step], ids[from]];
  agenda("PUT", "/agenda", { order: ids });
}

/** Drag and drop: put `dragged` where `target` is. */
function placeBefore(dragged, target) {
  const ids = order().filter((id) => id !== dragged);
  const at = ids.indexOf(target) + (order().indexOf(dragged) < order().indexOf(target) ? 1 : 0);
  ids.splice(at, 0, dragged);
  agenda("PUT", "/agenda", { order: ids });
}

const addButton = document.getElementById("add-activity");
const picker = document.getElementById("add-picker");
addButton.addEventListener("click", () => {
  const opening = picker.hidden;
  picker.hidden = !opening;
  addButton.setAttribute("aria-expanded", String(opening));
  if (opening) openPicker(picker, onAdd).then(() => picker.scrollIntoView({ block: "nearest" }));
});

/** An own activity, built as on the home page; if the server refuses it, the builder opens again with the reason. */
function build(spec = null, error = "") {
  openBuilder(document.getElementById("builder-dialog"), spec, {
    saveLabel: t("Toevoegen aan de sessie"), error,
    onSave: async (made) => {
      if (!(await onAdd(made))) build(made, document.getElementById("control-error").textContent);
    },
  });
}
document.getElementById("build-activity").addEventListener("click", () => build());

/** The seam for any picker or builder: `spec` is one activity as `POST /api/sessions` takes it. */
async function onAdd(spec) {
  const added = await agenda("POST", "/activities", spec);
  if (added) {
    picker.hidden = true;
    addButton.setAttribute("aria-expanded", "false");
  }
  return added;
}
