// Facilitator console: the session's activities with their controls, and a live preview of the results.
import { code, connect, facilitate, request, showParticipants } from "./common.js";
import { deleteSession, downloadButtons, forget } from "./manage.js";
import { ResultBoard } from "./results/index.js";

const socket = connect();
let sessionSeq = 0;  // of the newest session snapshot shown
const board = new ResultBoard(document.querySelector(".preview"), { moderating: true });
const list = document.getElementById("activity-list");
const template = document.getElementById("activity-template");
const problem = document.getElementById("control-error");

const key = facilitate(socket, (ack) => {
  board.loadAll(ack.results, ack.session.seq);
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
socket.on("results", ({ activity_id, aggregate, seq }) => board.update(activity_id, aggregate, seq));
socket.on("presence", ({ participants }) => showParticipants(participants));
socket.on("problem", ({ message }) => showProblem(message));  // e.g. the server's disk is full

async function control(action, activityId, extra = {}) {
  const ack = await request(socket, "control", { action, activity_id: activityId, ...extra });
  showProblem(ack.ok ? null : ack.error);
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

function showProblem(message) {
  problem.textContent = message || "";
  problem.hidden = !message;
}

/** Show the session's state; a snapshot older than one already shown (a slow ack) is ignored. */
function showSession(session) {
  if (session.seq < sessionSeq) return;
  sessionSeq = session.seq;
  showParticipants(session.participants);
  list.replaceChildren(...session.activities.map((activity) => activityRow(activity, session.current_activity)));
  document.getElementById("preview-empty").hidden = Boolean(session.current_activity);
  for (const activity of session.activities) {
    board.section(activity.id).hidden = activity.id !== session.current_activity;
  }
  board.setSession(session);
}

function activityRow(activity, currentId) {
  const row = template.content.firstElementChild.cloneNode(true);
  const open = activity.state === "open";
  row.querySelector("[data-title]").textContent = activity.title;
  const state = row.querySelector("[data-state]");
  state.textContent = open ? "open" : "gesloten";
  state.classList.add(open ? "badge-open" : "badge-closed");
  row.querySelector("[data-current]").hidden = activity.id !== currentId;
  const toggleOpen = row.querySelector('[data-action="toggle-open"]');
  toggleOpen.textContent = open ? "Sluiten" : "Openen";
  toggleOpen.addEventListener("click", () => control(open ? "close" : "open", activity.id));
  const toggleResults = row.querySelector('[data-action="toggle-results"]');
  toggleResults.textContent = activity.show_results ? "Resultaten verbergen op beamer" : "Resultaten tonen op beamer";
  toggleResults.addEventListener("click", () =>
    control(activity.show_results ? "hide_results" : "show_results", activity.id));
  const toggleNames = row.querySelector('[data-action="toggle-names"]');
  toggleNames.hidden = !activity.items.some((item) => item.kind === "text");
  toggleNames.textContent = activity.show_names ? "Anoniem op beamer" : "Namen tonen op beamer";
  toggleNames.addEventListener("click", () => control(activity.show_names ? "hide_names" : "show_names", activity.id));
  const select = row.querySelector("select");
  select.replaceChildren(...activity.views.map(({ id, label }) => new Option(label, id, false, id === activity.view)));
  select.addEventListener("change", () => control("set_view", activity.id, { view: select.value }));
  const activate = row.querySelector('[data-action="activate"]');
  activate.hidden = activity.id === currentId;
  activate.addEventListener("click", () => control("activate", activity.id));
  return row;
}
