// Templates: an agenda kept for later in THIS browser's localStorage (like "Mijn sessies": nothing lists another
// facilitator's work), the starter templates of the handbooks, and a template as a file to share by mail.
// A file is checked by the server (POST /api/templates/check) before it is used; its words are shown as text only.
import { t, tn } from "../i18n.js";
import { call, el } from "./dom.js";

const PREFIX = "werkatelier:template:";
export const FORMAT = "werkatelier-template";
export const MAX_FILE_BYTES = 256 * 1024;

/** This browser's own templates, newest first: [{id, title, activities, saved_at}]. */
export function ownTemplates() {
  return Object.keys(localStorage).filter((name) => name.startsWith(PREFIX)).flatMap((name) => {
    try {
      const template = JSON.parse(localStorage.getItem(name));
      return template && Array.isArray(template.activities) ? [{ ...template, id: name.slice(PREFIX.length) }] : [];
    } catch {
      return [];
    }
  }).sort((a, b) => String(b.saved_at).localeCompare(String(a.saved_at)));
}

/** Keep an agenda as a template here; returns it. */
export function saveTemplate(title, activities) {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const template = { title, activities, saved_at: new Date().toISOString() };
  localStorage.setItem(PREFIX + id, JSON.stringify(template));
  return { ...template, id };
}

export function deleteTemplate(id) {
  localStorage.removeItem(PREFIX + id);
}

/** The file name for a template: its title in plain lower-case words, e.g. "werkatelier-noord.werkatelier.json". */
export function fileName(title) {
  const plain = title.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "").slice(0, 60);
  return `${plain || "sjabloon"}.werkatelier.json`;
}

/** Download the template as a file. */
export function exportTemplate(template) {
  const file = { format: FORMAT, version: 1, title: template.title, activities: template.activities };
  const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }));
  const link = el("a", { href: url, download: fileName(template.title), hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Read a chosen file and have the server check it: resolves to {template} (normalised) or {error}, a message. */
export async function readTemplateFile(file) {
  if (file.size > MAX_FILE_BYTES) {
    return { error: t("Dit bestand is te groot (hoogstens {n} KiB).", { n: MAX_FILE_BYTES / 1024 }) };
  }
  let data;
  try {
    data = JSON.parse(await file.text());
  } catch {
    return { error: t("Dit bestand is geen sjabloon: het is geen geldige JSON.") };
  }
  const reply = await call("POST", "/api/templates/check", data);
  return reply.ok ? { template: reply.body } : { error: reply.body.error };
}

/**
 * Fill `dialog` with the starter templates and this browser's own, and open it. `onUse(template)` when one is
 * chosen ({title, activities}); own ones can be exported or deleted here.
 */
export function openTemplates(dialog, starters, { onUse }) {
  const use = (template) => { dialog.close(); onUse(template); };
  const starterList = el("ul", { class: "template-list", "data-starters": true }, ...starters.map((starter, n) =>
    el("li", { class: "template-item" },
      el("div", {}, el("strong", { id: `starter-${n}` }, starter.title),
        el("small", { class: "muted" }, `${starter.purpose} · ${starter.source}`.trim())),
      el("button", { type: "button", class: "primary small", "aria-describedby": `starter-${n}`,
        onclick: () => use(starter) }, t("Gebruiken")))));
  const ownList = el("ul", { class: "template-list", "data-own": true });
  const renderOwn = () => {
    const own = ownTemplates();
    ownList.replaceChildren(...own.map((template) => {
      const titleId = `own-template-${template.id}`;
      const action = (label, props) => el("button", { type: "button", class: "small",
        "aria-describedby": titleId, ...props }, label);
      return el("li", { class: "template-item", dataset: { id: template.id } },
        el("div", {}, el("strong", { id: titleId, "data-template-title": true }, template.title),
          el("small", { class: "muted" }, tn("{n} activiteit · bewaard op dit apparaat",
            "{n} activiteiten · bewaard op dit apparaat", template.activities.length))),
        el("span", { class: "template-actions" },
          action(t("Exporteren"), { "data-export": true, onclick: () => exportTemplate(template) }),
          action(t("Verwijderen"), { class: "small danger", "data-delete": true, onclick: () => {
            deleteTemplate(template.id);
            renderOwn();
            heading.focus();  // the button is gone: the keyboard stays in the dialog
          } }),
          action(t("Gebruiken"), { class: "primary small", "data-use": true, onclick: () => use(template) })));
    }));
    if (!own.length) ownList.append(el("li", { class: "muted" }, t("Nog geen eigen sjablonen op dit apparaat.")));
  };
  const heading = el("h4", { tabIndex: -1 }, t("Mijn sjablonen"));
  renderOwn();
  dialog.replaceChildren(el("div", { class: "templates" },
    el("h3", {}, t("Start vanuit sjabloon")),
    heading, ownList,
    el("h4", {}, t("Uit de handboeken")),
    starters.length ? starterList : el("p", { class: "muted" }, t("Er zijn nog geen sjablonen uit de handboeken.")),
    el("div", { class: "builder-footer" },
      el("button", { type: "button", onclick: () => dialog.close() }, t("Sluiten")))));
  dialog.showModal();
}
