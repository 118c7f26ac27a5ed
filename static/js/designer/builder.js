// The builder of an own activity: title, intro and items, each with its answer kind and that kind's settings.
// A component in a <dialog>: openBuilder(dialog, spec, {onSave, onPreview}); the server judges the result.
import { t } from "../i18n.js";
import { call, el, moved, placeOf } from "./dom.js";
import { phoneFrame } from "./preview.js";

export const MAX_ITEMS = 40;
const KINDS = [
  ["stoplicht", t("Stoplicht (ja / twijfelachtig / nee)")],
  ["choice", t("Meerkeuze (eigen opties)")],
  ["scale", t("Schaal (eigen bereik)")],
  ["text", t("Kaarten (open tekst)")],
  ["points", t("Punten verdelen")],
];
const DEFAULTS = { choice: { options: ["", ""], multiple: false }, points: { options: ["", "", ""], points: 10 },
  scale: { low: 1, high: 5, low_label: "", high_label: "" },
  text: { max_length: 140, max_entries: 3, placeholder: "" } };

/** The builder's editable copy of an item spec (options as labels, kind fields filled in). */
function editable(item) {
  const kind = item.kind === "choice" && (item.options || []).map((o) => o.value ?? o).join() === "groen,oranje,rood"
    ? "stoplicht" : item.kind || "stoplicht";
  const copy = { label: item.label || "", question: item.question || "", kind, help: item.help || [] };
  for (const [k, fields] of Object.entries(DEFAULTS)) {
    for (const [field, value] of Object.entries(fields)) copy[`${k}.${field}`] = structuredClone(value);
  }
  for (const [field, value] of Object.entries(item)) {
    if (field === "options") copy[`${kind}.options`] = value.map((o) => (typeof o === "string" ? o : o.label));
    else if (DEFAULTS[kind] && field in DEFAULTS[kind]) copy[`${kind}.${field}`] = value;
  }
  return copy;
}

/** The item as POST /api/sessions takes it. */
export function itemSpec(item) {
  const spec = { label: item.label, question: item.question, kind: item.kind };
  if (item.help.length) spec.help = item.help;  // from a file: kept, though the builder does not edit it
  for (const field of Object.keys(DEFAULTS[item.kind] || {})) {
    const value = item[`${item.kind}.${field}`];
    spec[field] = field === "options" ? value.map((o) => o.trim()).filter(Boolean)
      : typeof DEFAULTS[item.kind][field] === "number" ? Number(value) : value;
  }
  return spec;
}

function field(label, control, hint) {
  return el("label", { class: "builder-field" }, label, control, hint ? el("small", { class: "muted" }, hint) : null);
}

function input(item, key, props = {}) {
  const node = el("input", { ...props, oninput: (e) => { item[key] = e.target.value; } });
  node.value = item[key] ?? "";
  return node;
}

function kindFields(item) {
  const k = item.kind;
  if (k === "choice" || k === "points") {
    const options = el("textarea", { rows: "4", "data-options": true,
      oninput: (e) => { item[`${k}.options`] = e.target.value.split("\n"); } });
    options.value = item[`${k}.options`].join("\n");
    const parts = [field(t("Opties, één per regel"), options, t("2 tot en met 12 opties, elk hoogstens 80 tekens."))];
    if (k === "choice") {
      const name = `multiple-${Math.random().toString(36).slice(2)}`;
      const radio = (value, label) => el("label", { class: "inline" }, el("input", { type: "radio", name,
        checked: item["choice.multiple"] === value, onchange: () => { item["choice.multiple"] = value; },
        "data-multiple": value ? "1" : "0" }), label);
      parts.push(el("fieldset", { class: "builder-radios" }, el("legend", {}, t("Aantal antwoorden")),
        radio(false, t("Eén antwoord")), radio(true, t("Meerdere antwoorden"))));
    } else {
      parts.push(field(t("Aantal punten per deelnemer"), input(item, "points.points", { type: "number", min: "1",
        max: "100", "data-points": true }), t("Elke deelnemer verdeelt zoveel punten over de opties (1–100).")));
    }
    return parts;
  }
  if (k === "scale") {
    return [el("div", { class: "builder-row" },
      field(t("Van"), input(item, "scale.low", { type: "number", min: "0", max: "10", "data-low": true })),
      field(t("Tot en met"), input(item, "scale.high", { type: "number", min: "1", max: "20", "data-high": true })),
      field(t("Woord bij laag"), input(item, "scale.low_label", { maxlength: "80",
        placeholder: t("bijv. slecht") })),
      field(t("Woord bij hoog"), input(item, "scale.high_label", { maxlength: "80",
        placeholder: t("bijv. uitstekend") }))),
    el("small", { class: "muted" }, t("Hoogstens 11 stappen, bijv. 0 tot en met 10."))];
  }
  if (k === "text") {
    return [el("div", { class: "builder-row" },
      field(t("Tekens per kaart"), input(item, "text.max_length", { type: "number", min: "10", max: "280",
        "data-max-length": true }), "10–280"),
      field(t("Kaarten per deelnemer"), input(item, "text.max_entries", { type: "number", min: "1", max: "8",
        "data-max-entries": true }), "1–8")),
    field(t("Voorbeeld in het lege vak"), input(item, "text.placeholder", { maxlength: "400",
      placeholder: t("bijv. Eén idee per kaart") }))];
  }
  return [el("p", { class: "muted" },
    t("Groen (ja), oranje (twijfelachtig) of rood (nee). Een ‘nee’ vraagt om actie."))];
}

/**
 * Open the builder in `dialog` for `spec` (null: a new activity), with a phone beside it for the preview.
 * Saving checks the activity on the server (POST /api/preview), then calls `onSave(spec)`.
 * `error`: a message of the server about this activity to show at the question it names.
 */
export function openBuilder(dialog, spec, { onSave, saveLabel = t("Toevoegen aan agenda"), error = "" }) {
  const phone = phoneFrame("builder-phone");
  const draft = { title: spec?.title || "", intro: spec?.intro || "",
    items: (spec?.items || [{ kind: "stoplicht" }]).map(editable) };
  const list = el("ol", { class: "builder-items" });
  const problem = el("p", { class: "error-text", role: "alert", hidden: true, "data-builder-error": true });
  const addButton = el("button", { type: "button", "data-add-item": true, onclick: () => {
    draft.items.push(editable({ kind: "stoplicht" }));
    renderItems();
    list.lastElementChild?.querySelector("input")?.focus();
  } }, t("+ Vraag toevoegen"));

  /** Draw the items again; the keyboard goes back to control `selector` of item `at` (or its first enabled one). */
  function renderItems(at = null, selector = "") {
    list.replaceChildren(...draft.items.map((item, index) => {
      const kind = el("select", { "data-kind": true,
        onchange: (e) => { item.kind = e.target.value; renderItems(index, "[data-kind]"); } },
      ...KINDS.map(([value, label]) => el("option", { value, selected: item.kind === value }, label)));
      const move = (to, control) => { draft.items = moved(draft.items, index, to); renderItems(to, control); };
      const remove = () => {
        draft.items.splice(index, 1);
        renderItems(Math.min(index, draft.items.length - 1), "[data-remove-item]");
      };
      return el("li", { class: "builder-item", dataset: { index } },
        el("div", { class: "builder-item-head" }, el("strong", {}, t("Vraag {n}", { n: index + 1 })),
          el("span", { class: "builder-item-actions" },
            el("button", { type: "button", class: "small", "data-item-up": true,
              "aria-label": t("Vraag {n} omhoog", { n: index + 1 }),
              disabled: index === 0, onclick: () => move(index - 1, "[data-item-up]") }, "↑"),
            el("button", { type: "button", class: "small", "data-item-down": true,
              "aria-label": t("Vraag {n} omlaag", { n: index + 1 }),
              disabled: index === draft.items.length - 1, onclick: () => move(index + 1, "[data-item-down]") }, "↓"),
            el("button", { type: "button", class: "small danger", "data-remove-item": true,
              "aria-label": t("Vraag {n} verwijderen", { n: index + 1 }),
              disabled: draft.items.length === 1, onclick: remove }, t("Verwijderen")))),
        el("div", { class: "builder-row" },
          field(t("Label (kort, voor de beamer)"), input(item, "label", { maxlength: "120", required: true,
            "data-label": true, placeholder: t("bijv. Gedeelde visie") })),
          field(t("Soort antwoord"), kind)),
        field(t("Vraag"), input(item, "question", { maxlength: "400", "data-question": true,
          placeholder: t("bijv. Hebben we een gedeelde visie op de wijk?") })),
        ...kindFields(item),
        el("p", { class: "error-text", "data-item-error": true, role: "alert", hidden: true }));
    }));
    addButton.disabled = draft.items.length >= MAX_ITEMS;
    const item = at === null ? null : list.children[at];
    if (!item) return;
    const control = item.querySelector(selector);
    (control && !control.disabled ? control : item.querySelector("input, select, button:enabled"))?.focus();
  }

  const current = () => ({ title: draft.title, intro: draft.intro, items: draft.items.map(itemSpec) });
  const title = el("input", { id: "builder-title", maxlength: "120", required: true, value: draft.title,
    placeholder: t("bijv. Onze eigen check"), oninput: (e) => { draft.title = e.target.value; } });
  const intro = el("textarea", { id: "builder-intro", rows: "2", maxlength: "1000",
    placeholder: t("Wat de deelnemers boven de vragen lezen"), oninput: (e) => { draft.intro = e.target.value; } });
  intro.value = draft.intro;

  function showError(message) {
    const { question } = placeOf(message);
    list.querySelectorAll("[data-item-error]").forEach((p, index) => {
      p.hidden = index + 1 !== question;
      p.textContent = index + 1 === question ? message : "";
    });
    problem.textContent = message;
    problem.hidden = !message || Boolean(question);
    if (question) list.children[question - 1]?.scrollIntoView({ block: "center" });
  }

  async function save() {
    const spec = current();
    const reply = await call("POST", "/api/preview", { activity: spec });
    if (!reply.ok) return showError(reply.body.error || t("Er ging iets mis. Probeer het opnieuw."));
    dialog.close();
    onSave(spec);
  }

  renderItems();
  const form = el("form", { class: "builder", onsubmit: (e) => { e.preventDefault(); save(); } },
    el("h3", {}, spec ? t("Eigen activiteit bewerken") : t("Eigen activiteit maken")),
    el("div", { class: "builder-scroll" },
      field(t("Titel"), title), field(t("Introductie voor de deelnemers"), intro),
      list, addButton),
    problem,
    el("div", { class: "builder-footer" },
      el("button", { type: "button", "data-builder-preview": true, onclick: async () => {
        showError((await phone.show(current())).error || "");
      } }, t("Voorbeeld op de telefoon")),
      el("button", { type: "button", onclick: () => dialog.close() }, t("Annuleren")),
      el("button", { type: "submit", class: "primary", "data-builder-save": true }, saveLabel)));
  dialog.replaceChildren(el("div", { class: "builder-layout" }, form, phone.node));
  dialog.showModal();
  title.focus();
  if (error) showError(error);
}
