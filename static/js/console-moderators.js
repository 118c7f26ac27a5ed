// Moderator links. On the facilitator's console: make a link (shown once, to copy), list the links, revoke one.
// On a console opened with a moderator link: say so, and leave out what only the facilitator may do (the server
// refuses it anyway: a moderator key opens none of the HTTP API).
import { code, facilitatorKey } from "./common.js";
import { onRole, showProblem, socket } from "./console-room.js";
import { t } from "./i18n.js";
import { api } from "./manage.js";

const panel = document.getElementById("moderators");
const list = document.getElementById("moderator-links");
const fresh = document.getElementById("moderator-new");
const linkField = document.getElementById("moderator-link");
const copied = document.getElementById("moderator-copied");
const timeFormat = new Intl.DateTimeFormat(document.documentElement.lang || "nl", { timeStyle: "short" });
const path = `/api/sessions/${code}/moderators`;

onRole((role) => {
  const moderator = role === "moderator";
  document.body.classList.toggle("is-moderator", moderator);
  document.getElementById("moderator-note").hidden = !moderator;
  panel.hidden = moderator;
  if (!moderator) refresh();
});

// A moderator does not reorder the agenda: no dragging of its rows.
document.getElementById("activity-list").addEventListener("dragstart", (event) => {
  if (document.body.classList.contains("is-moderator")) event.preventDefault();
}, true);

socket.on("revoked", () => {  // common.js says why; nothing of the console is left to use
  document.querySelector(".console-actions").hidden = true;
  document.getElementById("moderator-note").hidden = true;
});

/** A moderator API call with the facilitator key; a refusal is shown as the console's problem. */
async function call(method, url) {
  const reply = await api(method, url, facilitatorKey());
  showProblem(reply.ok ? null : reply.body.error);
  return reply.ok ? reply.body : null;
}

async function refresh() {
  const reply = await call("GET", path);
  if (reply) drawLinks(reply.moderators);
}

function drawLinks(links) {
  document.getElementById("moderators-none").hidden = links.length > 0;
  list.replaceChildren(...links.map(linkRow));
}

/** A link by its number (its id: never given again, so "link 2" stays link 2 when link 1 is revoked). */
function linkRow(link) {
  const number = link.id;
  const row = document.createElement("li");
  row.dataset.moderatorId = link.id;
  const label = document.createElement("span");
  label.textContent = t("Moderatorlink {n}, gemaakt om {time}",
    { n: number, time: timeFormat.format(new Date(link.created_at)) });
  const revoke = document.createElement("button");
  revoke.type = "button";
  revoke.className = "small danger";
  revoke.textContent = t("Intrekken");
  revoke.setAttribute("aria-label", t("Moderatorlink {n} intrekken", { n: number }));
  revoke.addEventListener("click", () => revokeLink(link.id, number));
  row.append(label, revoke);
  return row;
}

async function revokeLink(id, number) {
  if (!window.confirm(t("Moderatorlink {n} intrekken? Wie hem gebruikt, kan de sessie dan meteen niet meer mee leiden.",
    { n: number }))) return;
  if ((await call("DELETE", `${path}/${id}`)) === null) return;
  if (fresh.dataset.moderatorId === String(id)) fresh.hidden = true;
  await refresh();
  document.getElementById("make-moderator").focus();  // its row is gone: the keyboard stays in the panel
}

document.getElementById("make-moderator").addEventListener("click", async () => {
  const made = await call("POST", path);
  if (!made) return;
  fresh.dataset.moderatorId = made.id;
  fresh.hidden = false;
  linkField.value = made.url;
  copied.textContent = "";
  await refresh();
  linkField.focus();
  linkField.select();
});

document.getElementById("copy-moderator").addEventListener("click", async () => {
  linkField.select();
  copied.textContent = (await copy(linkField.value)) ? t("Gekopieerd. Stuur de link alleen aan je medebegeleider.")
    : t("Kopiëren lukte niet. De link is geselecteerd: kopieer hem met Ctrl+C.");
});

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {  // no clipboard API outside a secure context (a server on the LAN over http): the old way
    return document.execCommand("copy");
  }
}
