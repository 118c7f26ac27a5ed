// What the facilitator's pages (home archive, console) do with a whole session over the JSON API:
// downloads, duplicate, delete. The facilitator key stays in this browser's localStorage.

import { KEY_PREFIX } from "./common.js";
import { t } from "./i18n.js";

export const DOWNLOADS = [
  ["export.xlsx", t("Excel (.xlsx)")],
  ["export.csv", "CSV (Excel, UTF-8)"],
  ["export.json", "JSON"],
  ["report.pdf", t("Rapport (PDF)")],
  ["report.html", t("Rapport bekijken")],
];

/** A button per download; `onError` gets a message in the page's language when one fails. */
export function downloadButtons(code, key, onError) {
  return DOWNLOADS.map(([file, label]) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.dataset.file = file;
    button.addEventListener("click", async () => {
      const error = await download(code, key, file);
      if (error) onError(error);
    });
    return button;
  });
}

/** The sessions whose facilitator key this browser holds: [{code, key}]. */
export function storedSessions() {
  return Object.keys(localStorage).filter((name) => name.startsWith(KEY_PREFIX))
    .map((name) => ({ code: name.slice(KEY_PREFIX.length), key: localStorage.getItem(name) }));
}

export function remember(code, key) {
  localStorage.setItem(KEY_PREFIX + code, key);
}

export function forget(code) {
  localStorage.removeItem(KEY_PREFIX + code);
}

/** A facilitator API call (with `payload` as its JSON body if given); resolves to {ok, status, body} with a
 * `body.error` message when it fails. */
export async function api(method, path, key, payload = undefined) {
  const json = payload !== undefined;
  const headers = { authorization: `bearer ${key}`, ...(json ? { "content-type": "application/json" } : {}) };
  try {
    const response = await fetch(path, { method, headers, body: json ? JSON.stringify(payload) : undefined });
    const body = response.status === 204 ? {} : await response.json();
    return { ok: response.ok, status: response.status, body };
  } catch {
    return { ok: false, status: 0, body: { error: t("Geen verbinding met de server. Probeer het opnieuw.") } };
  }
}

/**
 * Download an export or open the report: the browser cannot send the key with a plain link, so ask a
 * short-lived download token first. The report opens in a new tab (opened right away: no popup blocker).
 * Resolves to null, or an error message.
 */
export async function download(code, key, file) {
  const tab = file.endsWith(".html") ? window.open("", "_blank") : null;
  const reply = await api("POST", `/api/sessions/${code}/download-token`, key);
  if (!reply.ok) {
    tab?.close();
    return reply.body.error;
  }
  const url = `/api/sessions/${code}/${file}?t=${encodeURIComponent(reply.body.token)}`;
  if (tab) {
    tab.opener = null;
    tab.location = url;
  } else location.assign(url);  // an attachment: the page stays
  return null;
}

/** Ask, then delete for good: resolves to {deleted, error}; not deleted and no error when the person cancels. */
export async function deleteSession(code, key, title) {
  const question = t("Sessie “{title}” definitief verwijderen?", { title }) + "\n\n"
    + t("Alle antwoorden, kaarten en deelnemers van deze sessie worden gewist. Dit kan niet ongedaan worden gemaakt.");
  if (!window.confirm(question)) return { deleted: false, error: null };
  const reply = await api("DELETE", `/api/sessions/${code}`, key);
  if (!reply.ok && reply.status !== 404) return { deleted: false, error: reply.body.error };
  forget(code);
  return { deleted: true, error: null };
}

/** A new session with the same activities; resolves to {session} (the API's reply, key remembered) or {error}. */
export async function duplicate(code, key) {
  const reply = await api("POST", `/api/sessions/${code}/duplicate`, key);
  if (!reply.ok) return { error: reply.body.error };
  remember(reply.body.code, reply.body.facilitator_key);
  return { session: reply.body };
}
