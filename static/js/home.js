// Home page: start a new session through the API and go to its console; the facilitator's earlier sessions.
import { api, deleteSession, downloadButtons, duplicate, forget, storedSessions } from "./manage.js";

const form = document.getElementById("create-form");
const problem = document.getElementById("create-error");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  problem.hidden = true;
  const body = {
    title: form.title.value,
    activities: [...form.querySelectorAll("input[name=activities]:checked")].map((box) => box.value),
  };
  let reply;
  try {
    const response = await fetch("/api/sessions", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    reply = await response.json();
    if (!response.ok) throw new Error(reply.error);
  } catch (error) {
    problem.textContent = error.message || "De sessie kon niet worden aangemaakt. Probeer het opnieuw.";
    problem.hidden = false;
    return;
  }
  // Stay on this origin (the public URL may name another host for the same server).
  const target = new URL(reply.facilitator_url);
  location.assign(target.pathname + target.hash);
});

// The archive: the sessions whose facilitator key this browser holds, newest first.
const archive = document.getElementById("archive");
const list = document.getElementById("archive-list");
const archiveError = document.getElementById("archive-error");
const dateFormat = new Intl.DateTimeFormat("nl-NL", { dateStyle: "long", timeStyle: "short" });

async function showArchive() {
  const found = await Promise.all(storedSessions().map(async ({ code, key }) => {
    const reply = await api("GET", `/api/sessions/${code}`, key);
    if (reply.status === 404) forget(code);  // deleted elsewhere, or by the retention setting
    return reply.ok ? { key, session: reply.body } : null;
  }));
  const sessions = found.filter(Boolean).sort((a, b) => b.session.created_at.localeCompare(a.session.created_at));
  list.replaceChildren(...sessions.map(archiveItem));
  archive.hidden = sessions.length === 0;
}

function archiveItem({ key, session }) {
  const item = document.getElementById("archive-item").content.firstElementChild.cloneNode(true);
  const { code, title } = session;
  item.dataset.code = code;
  item.querySelector("[data-title]").textContent = title;
  const people = session.participants === 1 ? "1 deelnemer" : `${session.participants} deelnemers`;
  item.querySelector("[data-meta]").textContent =
    `${dateFormat.format(new Date(session.created_at))} · ${people} · code ${code}`;
  item.querySelector("[data-open]").href = `/f/${code}#key=${encodeURIComponent(key)}`;
  item.querySelector("[data-duplicate]").addEventListener("click", async () => {
    const reply = await duplicate(code, key);
    if (reply.error) return say(reply.error);
    location.assign(`/f/${reply.session.code}#key=${encodeURIComponent(reply.session.facilitator_key)}`);
  });
  item.querySelector("[data-downloads]").replaceChildren(...downloadButtons(code, key, say));
  item.querySelector("[data-delete]").addEventListener("click", async () => {
    const { deleted, error } = await deleteSession(code, key, title);
    if (error) return say(error);
    if (deleted) {
      item.remove();
      archive.hidden = list.children.length === 0;
    }
  });
  return item;
}

function say(message) {
  archiveError.textContent = message || "";
  archiveError.hidden = !message;
}

showArchive();
