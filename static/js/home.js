// Home page: design and start a new session through the API and go to its console; the facilitator's earlier
// sessions.
import { Agenda } from "./designer/agenda.js";
import { openBuilder } from "./designer/builder.js";
import { call, el, placeOf } from "./designer/dom.js";
import { libraryPicker, MAX_ACTIVITIES } from "./designer/library.js";
import { phoneFrame } from "./designer/preview.js";
import { openTemplates, readTemplateFile, saveTemplate } from "./designer/templates.js";
import { language, t, tn } from "./i18n.js";
import { api, deleteSession, downloadButtons, duplicate, forget, storedSessions } from "./manage.js";

// The designer of a new session: library, agenda, own activities, preview and templates (static/js/designer/).
const form = document.getElementById("create-form");
const problem = document.getElementById("create-error");
const notice = document.getElementById("designer-message");
const DEFAULT_ACTIVITY = "succesfactoren";
let agenda = null;  // the Agenda, once the library is in

function tell(message, isError = false) {
  notice.textContent = message;
  notice.classList.toggle("error-text", isError);
  notice.hidden = !message;
}

async function startDesigner() {
  const [library, starters] = await Promise.all([call("GET", "/api/instruments"), call("GET", "/api/templates")]);
  if (!library.ok) {
    document.getElementById("library").replaceChildren(el("p", { class: "error-text" },
      library.body.error || t("De bibliotheek kon niet worden geladen. Ververs de pagina.")));
    return;
  }
  const instruments = new Map(library.body.instruments.map((i) => [i.id, i]));
  const phone = phoneFrame("phone-preview");
  document.getElementById("preview").replaceChildren(phone.node);
  const builderDialog = document.getElementById("builder-dialog");
  let picker = null;
  const build = (spec, onSave, error) => openBuilder(builderDialog, spec, {
    onSave: (changed) => { onSave(changed); phone.show(changed); },
    saveLabel: spec ? t("Opslaan") : t("Toevoegen aan agenda"),
    error,
  });
  agenda = new Agenda(document.getElementById("agenda"), {
    describe: (spec) => {
      const instrument = instruments.get(spec.instrument);
      if (!instrument) return spec.instrument;
      return `${instrument.title} · ${instrument.handbook.short || instrument.handbook.title}`;
    },
    onPreview: async (spec, n) => {
      const { error } = await phone.show(spec);
      agenda.showError(error ? n : null, error);
    },
    onEdit: (spec, replace, error) => build(spec, replace, error),
    onChange: (changed) => {
      document.getElementById("agenda-count").textContent =
        t("{n} van {max}", { n: changed.entries.length, max: MAX_ACTIVITIES });
      document.getElementById("agenda-full").hidden = !changed.full;
      document.getElementById("build-own").disabled = changed.full;
      picker?.setFull(changed.full);
    },
  });
  picker = libraryPicker(document.getElementById("library"), [...instruments.values()], {
    onAdd: (spec) => agenda.add(spec),
    onPreview: (spec) => phone.show(spec),
    themeLabels: library.body.themes,  // theme id -> label in this language, when the server gives them
  });
  agenda.onChange(agenda);
  if (instruments.has(DEFAULT_ACTIVITY)) {
    agenda.add(withDefaults(DEFAULT_ACTIVITY), false);  // the page opens at its top: joining comes first
    phone.show(agenda.specs()[0]);
  }
  document.getElementById("build-own").addEventListener("click", () => build(null, (spec) => agenda.add(spec)));

  /** A template's activity as the agenda holds it: a library one with its title and intro filled in. */
  function withDefaults(spec) {
    const chosen = typeof spec === "string" ? { instrument: spec } : spec;
    const instrument = instruments.get(chosen.instrument);
    if (!instrument) return chosen;
    return { instrument: instrument.id, title: chosen.title || instrument.title,
      intro: chosen.intro || instrument.intro };
  }

  function load(template) {
    agenda.replaceAll(template.activities.map(withDefaults));
    if (template.title && !form.title.value) form.title.value = template.title;
    tell(t("Sjabloon ‘{title}’ staat in de agenda. Pas aan wat je wilt.", { title: template.title }));
  }

  document.getElementById("open-templates").addEventListener("click", () => {
    openTemplates(document.getElementById("templates-dialog"), starters.ok ? starters.body.templates : [],
      { onUse: load });
  });
  document.getElementById("save-template").addEventListener("click", () => {
    if (!agenda.entries.length) return tell(t("Zet eerst een activiteit in de agenda."), true);
    const saved = saveTemplate(form.title.value.trim() || t("Naamloos sjabloon"), agenda.specs());
    tell(t("Bewaard als sjabloon ‘{title}’ op dit apparaat. Je vindt het onder ‘Start vanuit sjabloon’.",
      { title: saved.title }));
  });
  const chooser = document.getElementById("import-template");
  document.getElementById("import-button").addEventListener("click", () => chooser.click());
  chooser.addEventListener("change", async () => {
    const [file] = chooser.files;
    chooser.value = "";
    if (!file) return;
    const { template, error } = await readTemplateFile(file);
    if (error) return tell(t("Dit sjabloon kan niet worden gebruikt. {reason}", { reason: error }), true);
    saveTemplate(template.title, template.activities);
    load(template);
  });
}

// Bound at once: pressed before the library is in, the form never falls back to a plain submit.
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  problem.hidden = true;
  if (!agenda) return refuse(t("De bibliotheek wordt nog geladen. Probeer het zo opnieuw."));
  agenda.showError(null);
  if (!agenda.entries.length) return refuse(t("Kies ten minste één activiteit: voeg er een toe uit de bibliotheek."));
  const start = form.querySelector("button[type=submit]");
  start.disabled = true;  // one session per press
  const reply = await call("POST", "/api/sessions", { title: form.title.value, activities: agenda.specs(),
    language: form.language.value });
  start.disabled = false;
  if (!reply.ok) {
    refuse(reply.body.error || t("De sessie kon niet worden aangemaakt. Probeer het opnieuw."));
    agenda.showError(placeOf(reply.body.error).activity, reply.body.error);
    return;
  }
  // Stay on this origin (the public URL may name another host for the same server).
  const target = new URL(reply.body.facilitator_url);
  location.assign(target.pathname + target.hash);
});

function refuse(message) {
  problem.textContent = message;
  problem.hidden = false;
}

startDesigner();

// The archive: the sessions whose facilitator key this browser holds, newest first.
const archive = document.getElementById("archive");
const list = document.getElementById("archive-list");
const archiveError = document.getElementById("archive-error");
const REGIONS = { nl: "NL", en: "GB" };  // dates as in the Netherlands and in British English: 1 December 2026
const dateFormat = new Intl.DateTimeFormat(new Intl.Locale(language, { region: REGIONS[language] }),
  { dateStyle: "long", timeStyle: "short" });

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
  const heading = item.querySelector("[data-title]");
  heading.textContent = title;
  heading.id = `archive-${code}`;
  for (const control of item.querySelectorAll("a, button, summary")) control.setAttribute("aria-describedby", heading.id);
  item.querySelector("[data-meta]").textContent = tn("{date} · {n} deelnemer · code {code}",
    "{date} · {n} deelnemers · code {code}", session.participants,
    { date: dateFormat.format(new Date(session.created_at)), code });
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
      const next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      archive.hidden = list.children.length === 0;
      // the button is gone: the keyboard goes on to the next session, or to joining when none is left
      (next?.querySelector("[data-open]") || document.getElementById("code")).focus();
    }
  });
  return item;
}

function say(message) {
  archiveError.textContent = message || "";
  archiveError.hidden = !message;
}

showArchive();
