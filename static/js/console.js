// Facilitator console: the session's activities with their controls, and a live preview of the results.
import { code, facilitate, request } from "./common.js";
import { openPicker } from "./console-add.js";
import "./console-beamer.js";
import "./console-keys.js";
import "./console-moderators.js";
import "./console-network.js";
import "./console-progress.js";
import { roundControls } from "./console-rounds.js";
import "./console-themes.js";
import { control, registerKey, resultsShown, roleShown, sessionShown, showProblem, socket } from "./console-room.js";
import "./console-timer.js";
import "./console-voting.js";
import "./console-wall.js";
import { openBuilder } from "./designer/builder.js";
import { t, tn } from "./i18n.js";
import { deleteSession, downloadButtons, forget } from "./manage.js";
import { ResultBoard } from "./results/index.js";

let sessionSeq = 0;  // of the newest session snapshot shown
let shown = null;  // the session as last shown
const board = new ResultBoard(document.querySelector(".preview"), { moderating: true });
const list = document.getElementById("activity-list");
const template = document.getElementById("activity-template");
const keepOpen = document.getElementById("keep-open");
const pendingViews = new Map();  // activity id -> a view reached with the arrow keys, applied when chosen

const key = facilitate(socket, (ack) => {
  roleShown(ack.role);
  board.loadAll(ack.results, ack.session.seq, ack.labels, ack.cards);
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
board.followCards(socket, resultsShown);
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

// --- keyboard focus: a redrawn list or panel puts the focused control back, found by what it does ---------------

let focused = null;  // {element, key}: the control that last had the keyboard focus
document.addEventListener("focusin", (event) => { focused = { element: event.target, key: focusKey(event.target) }; });

const IDENTITIES = ["data-action", "data-agenda", "data-moderate", "data-cancel", "data-wall"];

/** What identifies a control across redraws: {scope, control} selectors. The control is its id, or its
 * data-action / data-agenda / data-moderate / data-cancel; the scope its row (activity or card) or else the nearest
 * element with an id (a panel: `#timer-panel`). */
function focusKey(element) {
  if (element.id) return { scope: null, control: `#${CSS.escape(element.id)}` };
  const what = IDENTITIES.find((name) => element.hasAttribute(name));
  if (!what) return null;
  const control = `[${what}="${CSS.escape(element.getAttribute(what))}"]`;
  const row = element.closest("[data-activity-id], [data-entry-id]");
  if (row) {
    const rowName = row.dataset.entryId ? "data-entry-id" : "data-activity-id";
    return { scope: `[${rowName}="${CSS.escape(row.getAttribute(rowName))}"]`, control };
  }
  const panel = element.parentElement?.closest("[id]");
  return { scope: panel ? `#${CSS.escape(panel.id)}` : null, control };
}

const selector = ({ scope, control }) => (scope ? `${scope} ${control}` : control);
const canFocus = (element) => element && !element.disabled && element.getClientRects().length > 0;

/** After a redraw: when the focused control was replaced or hidden, focus its new copy (or, unless `copyOnly`,
 * another control of its row or panel, or the activities' heading) instead of leaving the keyboard on <body>. */
function keepFocus(copyOnly = false) {
  if (!focused?.key || (focused.element.isConnected && canFocus(focused.element))) return;
  const active = document.activeElement;
  if (active && active !== document.body) return;
  if (!copyOnly) return focusControl(focused.key);
  const copy = document.querySelector(selector(focused.key));
  if (canFocus(copy)) copy.focus();
}
// The results are drawn when their renderer has loaded, later than the event: watch for the control's copy.
new MutationObserver(() => keepFocus(true)).observe(document.body, { childList: true, subtree: true });

/** Focus the control `key` (a focusKey), else the first control of its row or panel, else the activities'
 * heading. */
function focusControl(key) {
  const scope = key.scope ? document.querySelector(key.scope) : null;
  const target = [document.querySelector(selector(key)), scope?.querySelector('[data-action="toggle-open"]'),
    ...(scope?.querySelectorAll("button, select, input, summary") ?? [])].find(canFocus)
    || document.getElementById("activities-heading");
  target.focus();
}

// --- running the session: next, previous, open or close, results on the beamer; buttons and keys -------------

/** The fields of an action that opens an activity: whether the open one stays open (chosen for this once). */
function opening() {
  const fields = keepOpen.checked ? { keep_open: true } : {};
  keepOpen.checked = false;
  return fields;
}

const currentActivity = () => shown?.activities.find((activity) => activity.id === shown.current_activity);

/** Run `act(activity)` on the activity on the phones, or say there is none. */
function withCurrent(act) {
  const activity = currentActivity();
  if (activity) return act(activity);
  showProblem(t("Er staat nog geen activiteit op de telefoons. Kies er een in de agenda of druk op →."));
}

const step = (action) => control(action, undefined, opening());
const openOrClose = (activity) => (activity.state === "open" ? control("close", activity.id)
  : control("open", activity.id, opening()));
const showOrHideResults = (activity) => control(activity.show_results ? "hide_results" : "show_results", activity.id);

document.getElementById("next").addEventListener("click", () => step("next"));
document.getElementById("previous").addEventListener("click", () => step("previous"));
registerKey(["ArrowRight", "PageDown"], t("Volgende activiteit"), () => step("next"));
registerKey(["ArrowLeft", "PageUp"], t("Vorige activiteit"), () => step("previous"));
registerKey(["o"], t("Huidige activiteit openen of sluiten"), () => withCurrent(openOrClose));
registerKey(["r"], t("Resultaten tonen of verbergen op de beamer"), () => withCurrent(showOrHideResults));

/** "Op de telefoons: …": what the phones show now, and which other activities still take answers. */
function showPhonesNow(session) {
  const box = document.getElementById("phones-now");
  const current = currentActivity();
  const others = session.activities.filter((activity) => activity.state === "open" && activity.id !== current?.id);
  const line = !current ? t("Nog niets op de telefoons")
    : current.state === "open" ? t("Op de telefoons: {title} — open", { title: current.title })
      : t("Op de telefoons: {title} — gesloten", { title: current.title });
  const also = others.length ? t("Ook nog open: {titles}", { titles: others.map((a) => a.title).join(", ") }) : "";
  if (box.dataset.shown === `${line}\n${also}`) return;  // unchanged: a status is announced only when it changes
  box.dataset.shown = `${line}\n${also}`;
  box.replaceChildren(line, ...(also ? [Object.assign(document.createElement("small"), { textContent: also })] : []));
  box.classList.toggle("is-idle", !current);
}

// --- editing the agenda: a mode of its own, out of the way while the session runs -------------------------------

const EDITING = "werkatelier:editing-agenda";  // the mode outlives the reload that an added activity brings
const editButton = document.getElementById("edit-agenda");
const editing = () => editButton.getAttribute("aria-pressed") === "true";

function setEditing(on) {
  editButton.setAttribute("aria-pressed", String(on));
  document.getElementById("agenda-additions").hidden = !on;
  if (on) sessionStorage.setItem(EDITING, code);
  else sessionStorage.removeItem(EDITING);
  if (shown) drawAgenda();
}
editButton.addEventListener("click", () => setEditing(!editing()));
if (sessionStorage.getItem(EDITING) === code) setEditing(true);

// The session menu (language, exports, links, delete): Escape or a click elsewhere closes it.
const menus = () => document.querySelectorAll(".console-header details.menu[open]");
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const menu of menus()) {
    if (!menu.contains(document.activeElement)) continue;
    menu.open = false;
    menu.querySelector("summary").focus();
  }
});
document.addEventListener("click", (event) => {
  for (const menu of menus()) if (!menu.contains(event.target)) menu.open = false;
});

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
  document.getElementById("session-menu").open = true;
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
  showPhonesNow(session);
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
  list.classList.toggle("editing", editing());
  list.replaceChildren(...shown.activities.map((activity, index) =>
    activityRow(activity, shown.current_activity, { first: index === 0, last: index === ids.length - 1 })));
  showCurrentRow();
}

/** Keep the current activity's row in sight when the agenda scrolls on its own (a laptop's console). */
function showCurrentRow() {
  const row = list.querySelector(".is-current");
  if (!row || list.scrollHeight <= list.clientHeight) return;
  const above = row.offsetTop < list.scrollTop;
  const below = row.offsetTop + row.offsetHeight > list.scrollTop + list.clientHeight;
  if (above || below) list.scrollTop = row.offsetTop - 8;
}

function activityRow(activity, currentId, { first, last }) {
  const row = template.content.firstElementChild.cloneNode(true);
  const open = activity.state === "open";
  row.dataset.activityId = activity.id;
  row.draggable = editing();
  row.classList.toggle("is-hidden", activity.hidden);
  row.classList.toggle("is-current", activity.id === currentId);
  row.querySelector("[data-title]").textContent = activity.title;
  row.querySelector("[data-hidden-badge]").hidden = !activity.hidden;
  row.querySelector(".activity-controls").hidden = activity.hidden;  // a hidden activity is not run
  agendaControls(row, activity, { first, last });
  roundControls(row, activity, shown, (id) => agenda("POST", "/activities", { round_of: id }));
  const state = row.querySelector("[data-state]");
  state.textContent = open ? t("open") : t("gesloten");
  state.classList.add(open ? "badge-open" : "badge-closed");
  row.querySelector("[data-current]").hidden = activity.id !== currentId;
  const toggleOpen = row.querySelector('[data-action="toggle-open"]');
  toggleOpen.textContent = open ? t("Sluiten") : t("Openen");
  toggleOpen.addEventListener("click", () => openOrClose(activity));
  const toggleResults = row.querySelector('[data-action="toggle-results"]');
  toggleResults.textContent = activity.show_results ? t("Resultaten verbergen op beamer")
    : t("Resultaten tonen op beamer");
  toggleResults.addEventListener("click", () => showOrHideResults(activity));
  const toggleNames = row.querySelector('[data-action="toggle-names"]');
  toggleNames.hidden = !activity.items.some((item) => item.kind === "text");
  toggleNames.textContent = activity.show_names ? t("Anoniem op beamer") : t("Namen tonen op beamer");
  toggleNames.addEventListener("click", () => control(activity.show_names ? "hide_names" : "show_names", activity.id));
  const toggleRelease = row.querySelector('[data-action="toggle-release"]');
  toggleRelease.textContent = activity.results_released ? t("Resultaten van telefoons terughalen")
    : t("Resultaten naar telefoons");
  toggleRelease.addEventListener("click", () =>
    control(activity.results_released ? "withdraw_results" : "release_results", activity.id));
  viewChoice(row.querySelector("select"), activity);
  const activate = row.querySelector('[data-action="activate"]');
  activate.hidden = activity.id === currentId;
  activate.addEventListener("click", () => control("activate", activity.id));
  return row;
}

/** The view drop-down: a view applies when chosen (a mouse pick, or Enter or leaving the drop-down after arrowing
 * through it), not on every arrow key; a view reached with the keys survives a redraw until then. */
function viewChoice(select, activity) {
  const chosen = pendingViews.get(activity.id) ?? activity.view;
  select.replaceChildren(...activity.views.map(({ id, label }) => new Option(label, id, false, id === chosen)));
  let arrowing = false;
  const apply = () => {
    arrowing = false;
    if (!pendingViews.has(activity.id)) return;
    pendingViews.delete(activity.id);
    if (select.value !== activity.view) control("set_view", activity.id, { view: select.value });
  };
  select.addEventListener("keydown", (event) => {
    if (event.key === "Enter") apply();
    else arrowing = /^(Arrow|Page|Home$|End$)/.test(event.key) || event.key.length === 1 && event.key !== " ";
  });
  select.addEventListener("change", () => {
    pendingViews.set(activity.id, select.value);
    if (!arrowing) apply();
  });
  select.addEventListener("blur", apply);
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
