// Console: "Vervolgmeting en netwerk", in the session menu. A session not in a network can be linked as a follow-up
// of an earlier one (one this browser holds the key of, or a code and its facilitator key); a linked one shows what
// it follows, the network's name (to rename) and sessions, and its organisations, where the facilitator says that
// two spellings are one organisation (and can undo that); it can leave the network. All of it is the facilitator's
// (the API refuses a moderator): a moderator's console does not show the panel.
import { code, facilitatorKey } from "./common.js";
import { onRole, onSession } from "./console-room.js";
import { language, t } from "./i18n.js";
import { api, storedSessions } from "./manage.js";
import { el, NO_ORGANISATION, organisationLabel } from "./results/parts.js";

const panel = document.getElementById("network");
const problem = document.getElementById("network-error");
const linked = document.getElementById("network-linked");
const linkForm = document.getElementById("network-link");
const earlier = document.getElementById("follow-session");
const codeField = document.getElementById("follow-code");
const keyField = document.getElementById("follow-key");
const nameField = document.getElementById("network-name");
const spelling = document.getElementById("alias-spelling");
const organisation = document.getElementById("alias-organisation");
const REGIONS = { nl: "NL", en: "GB" };
const dateFormat = new Intl.DateTimeFormat(new Intl.Locale(language, { region: REGIONS[language] }),
  { dateStyle: "medium" });
const dateOf = (createdAt) => dateFormat.format(new Date(createdAt));
const path = `/api/sessions/${code}`;

let facilitator = false;
let session = null;  // the overview as last shown
let trend = null;  // GET trend as last fetched

onRole((role) => {
  facilitator = role === "facilitator";
  panel.hidden = !facilitator;
  if (facilitator && panel.open) refresh();
});

onSession((shown) => {
  const changed = JSON.stringify([session?.follows, session?.network]) !== JSON.stringify([shown.follows, shown.network]);
  session = shown;
  if (changed && facilitator && panel.open) refresh();
});

panel.addEventListener("toggle", () => {
  if (!panel.open) return;
  panel.scrollIntoView({ block: "start" });  // the session menu scrolls: the panel opens in sight
  refresh();
});

/** A call of this session's API; a refusal is said in the panel in the API's words. Resolves to the body or null. */
async function call(method, url, body) {
  const reply = await api(method, url, facilitatorKey(), body);
  say(reply.ok ? "" : reply.body.error);
  return reply.ok ? reply.body : null;
}

function say(message) {
  problem.textContent = message || "";
  problem.hidden = !message;
}

/** Fetch the network (GET trend) and draw the panel: linked, or the form to link. */
async function refresh() {
  const reply = await call("GET", `${path}/trend`);
  if (!reply) return;
  trend = reply;
  const inNetwork = Boolean(trend.network);
  linked.hidden = !inNetwork;
  linkForm.hidden = inNetwork;
  if (inNetwork) drawNetwork();
  else await drawChoices();
}

// --- linked: what this session follows, the network's name, sessions and organisations --------------------------

function drawNetwork() {
  const follows = session?.follows;
  const box = document.getElementById("network-follows");
  box.hidden = !follows;
  if (follows) {
    const before = trend.sessions.find((one) => one.code === follows.code);
    box.replaceChildren(t("Vervolg op {title} ({code}, {date})", { title: follows.title, code: follows.code,
      date: before ? dateOf(before.created_at) : "–" }));
  }
  if (document.activeElement !== nameField) nameField.value = trend.network.name;
  document.getElementById("network-sessions").replaceChildren(...trend.sessions.map((one) => {
    const li = el("li", one.code === code ? "is-this" : "");
    li.append(el("span", "network-date", dateOf(one.created_at)), " ", el("strong", "", one.title), ` (${one.code})`);
    if (one.code === code) li.append(" ", el("span", "badge", t("deze sessie")));
    return li;
  }));
  drawOrganisations();
}

/** Every organisation of the network's sessions, as the trend names them (spellings already merged). */
function organisations() {
  const names = new Set(trend.instruments.flatMap((instrument) => instrument.organisations.map((o) => o.name)));
  names.delete(NO_ORGANISATION);
  return [...names].sort((a, b) => a.localeCompare(b, language));
}

function drawOrganisations() {
  const names = organisations();
  document.getElementById("network-organisations").replaceChildren(...names.map((name) => el("li", "", name)));
  const options = (select, first) => {
    const kept = select.value;
    select.replaceChildren(new Option(first, ""), ...names.map((name) => new Option(name, name)));
    select.value = names.includes(kept) ? kept : "";
  };
  options(spelling, t("Kies een schrijfwijze…"));
  options(organisation, t("Kies een organisatie…"));
  document.getElementById("network-alias").hidden = names.length < 2;
  const aliases = Object.entries(trend.network.aliases ?? {});
  document.getElementById("network-aliases").replaceChildren(...aliases.map(([written, meant]) => {
    const li = el("li");
    const undo = el("button", "small", t("Ongedaan maken"));
    undo.type = "button";
    undo.dataset.alias = written;
    undo.setAttribute("aria-label", t("‘{spelling}’ weer apart tellen", { spelling: written }));
    undo.addEventListener("click", () => changeAliases(written, null));
    li.append(el("span", "", t("‘{spelling}’ is {organisation}", { spelling: written,
      organisation: organisationLabel(meant) })), undo);
    return li;
  }));
}

/** Say that `written` is the organisation `meant` (null: count it apart again); the API takes the whole list. */
async function changeAliases(written, meant) {
  const aliases = { ...(trend.network.aliases ?? {}) };
  if (meant === null) delete aliases[written];
  else aliases[written] = meant;
  if (await call("PATCH", `${path}/network`, { aliases })) {
    await refresh();
    (meant === null ? spelling : document.querySelector(`#network-aliases [data-alias="${CSS.escape(written)}"]`)
      ?? spelling).focus();
  }
}

document.getElementById("network-alias").addEventListener("submit", (event) => {
  event.preventDefault();
  if (spelling.value === organisation.value) return say(t("Kies twee verschillende schrijfwijzen."));
  changeAliases(spelling.value, organisation.value);
});

document.getElementById("network-rename").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (await call("PATCH", `${path}/network`, { name: nameField.value })) await refresh();
});

document.getElementById("network-leave").addEventListener("click", async () => {
  if (!window.confirm(t("Deze sessie uit het netwerk “{name}” halen? Het verloop over de sessies verdwijnt dan uit deze sessie; de antwoorden blijven.",
    { name: trend.network.name }))) return;
  if (await call("DELETE", `${path}/follows`) === null) return;
  await refresh();
  (earlier.disabled ? codeField : earlier).focus();  // its button is gone: the keyboard goes on to linking again
});

// --- not linked: the form to link this session as the follow-up of an earlier one --------------------------------

/** The earlier sessions whose key this browser holds (older than this one), newest first, to choose from. */
async function drawChoices() {
  const mine = await Promise.all(storedSessions().filter((one) => one.code !== code).map(async (one) => {
    const reply = await api("GET", `/api/sessions/${one.code}`, one.key);
    return reply.ok ? { ...one, session: reply.body } : null;
  }));
  const older = mine.filter((one) => one && (!session || one.session.created_at < session.created_at))
    .sort((a, b) => b.session.created_at.localeCompare(a.session.created_at));
  const kept = earlier.value;
  earlier.replaceChildren(new Option(older.length ? t("Kies een sessie…") : t("Geen eerdere sessies op dit apparaat"), ""),
    ...older.map((one) => new Option(`${one.session.title} (${one.code}, ${dateOf(one.session.created_at)})`, one.code)));
  earlier.value = older.some((one) => one.code === kept) ? kept : "";
  earlier.disabled = !older.length;
}

/** What was typed into the key field: a key, or a whole facilitator link (…/f/<code>#key=<key>) with its code. */
function typedEarlier() {
  const typed = keyField.value.trim();
  const link = typed.match(/\/f\/([^/#?]+)[^#]*#key=([^&\s]+)/);
  if (link) return { code: decodeURIComponent(link[1]), key: decodeURIComponent(link[2]) };
  return { code: codeField.value.trim(), key: typed };
}

linkForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const chosen = storedSessions().find((one) => one.code === earlier.value);
  const before = chosen ?? typedEarlier();
  if (!before.code || !before.key) {
    return say(t("Kies een eerdere sessie, of vul de code en de beheersleutel van die sessie in."));
  }
  if (!(await call("PUT", `${path}/follows`, before))) return;
  codeField.value = "";
  keyField.value = "";
  await refresh();
  nameField.focus();
});
