// Shared by the pages: the Socket.IO connection, acknowledged emits, the facilitator key, small UI helpers.
import { formatNumber, language, t, tn } from "./i18n.js";

export const code = document.body.dataset.code;

/** Connect to the server in the page's language (its acks and errors come in it); show the connection banner
 * while the connection is down. */
export function connect() {
  const socket = window.io({ query: { lang: language }, reconnectionDelayMax: 3000 });
  const banner = document.getElementById("connection");
  socket.on("connect", () => { if (banner) banner.hidden = true; });
  socket.on("disconnect", () => { if (banner) banner.hidden = false; });
  return socket;
}

/** Emit with an acknowledgement; resolves to the ack, or {ok:false} when the server does not answer in time. */
export function request(socket, event, data, timeout = 8000) {
  return new Promise((resolve) => {
    socket.timeout(timeout).emit(event, data, (err, ack) => {
      resolve(err ? { ok: false, error: t("Geen antwoord van de server. We proberen het opnieuw."), reason: "timeout" } : ack);
    });
  });
}

export const KEY_PREFIX = "werkatelier:key:";  // + code: where this browser keeps a session's facilitator key
const MODERATOR_PREFIX = "werkatelier:moderator:";  // + code: a moderator link's key, apart from the facilitator's
const NEW_KEY = "werkatelier:new-key:";  // + code: a key from the URL whose role the server has not said yet

/** The key of this page: one from the URL fragment (#key=...) until the server says whose it is, else the
 * facilitator key kept in this browser, else a moderator key kept. (A facilitator who opens a moderator link to try
 * it keeps their own key.) */
export function facilitatorKey() {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get("key");
  if (fromUrl) {
    sessionStorage.setItem(NEW_KEY + code, fromUrl);  // kept across a reload of this tab
    history.replaceState(null, "", location.pathname + location.search);  // keep the key off the screen
  }
  return sessionStorage.getItem(NEW_KEY + code) || localStorage.getItem(KEY_PREFIX + code)
    || localStorage.getItem(MODERATOR_PREFIX + code);
}

/** The server accepted `key` as the facilitator's or a moderator's (`role`): keep it in this browser. */
function keep(key, role) {
  localStorage.setItem((role === "moderator" ? MODERATOR_PREFIX : KEY_PREFIX) + code, key);
  sessionStorage.removeItem(NEW_KEY + code);
}

/** Authenticate as facilitator; on refusal show why. Calls onReady with the ack on every (re)connect. */
export function facilitate(socket, onReady) {
  const key = facilitatorKey();
  const problem = document.getElementById("auth-error");
  const refuse = (message) => { problem.textContent = message; problem.hidden = false; };
  if (!key) {
    refuse(t("Geen toegang: open deze pagina via de beheerlink die je bij het aanmaken van de sessie kreeg."));
    return null;
  }
  socket.on("revoked", ({ message }) => {  // opened with a moderator link, which the facilitator revoked
    localStorage.removeItem(MODERATOR_PREFIX + code);
    socket.disconnect();
    document.getElementById("connection")?.setAttribute("hidden", "");  // no reconnecting: say only why
    document.querySelector("main")?.setAttribute("hidden", "");
    refuse(message);
  });
  socket.on("connect", async () => {
    const ack = await request(socket, "facilitate", { code, key });
    if (!ack.ok) return refuse(ack.error);
    keep(key, ack.role);
    problem.hidden = true;
    onReady(ack);
  });
  return key;
}

/** Show a short message to the person (errors, confirmations). */
export function toast(message, ms = 5000) {
  const box = document.getElementById("message");
  if (!box) return;
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, ms);
}

/** Say `text` once through the page's live region (#announce, role=status), if it has one. */
export function announce(text) {
  const region = document.getElementById("announce");
  if (!region) return;
  region.textContent = "";  // the same words again (a second "Opgeslagen") are still said
  setTimeout(() => { region.textContent = text; }, 50);
}

/** Set every participant counter on the page: the number (drawn big) in [data-participants], beside it the word in
 * [data-participants-word], in its singular or plural form as the language has it for that number. */
export function showParticipants(count) {
  for (const el of document.querySelectorAll("[data-participants]")) el.textContent = formatNumber(count, 0);
  for (const el of document.querySelectorAll("[data-participants-word]")) {
    el.textContent = tn("deelnemer", "deelnemers", count);
  }
}
