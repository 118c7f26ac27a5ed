// The agenda of a new session: its activities in order, each with its own title and intro. Reorder by drag and
// drop (the ⠿ handle), by the ↑/↓ buttons, or with Alt+↑/↓ on a focused activity; remove; edit an own one.
import { t } from "../i18n.js";
import { el, moved } from "./dom.js";
import { MAX_ACTIVITIES, questions } from "./library.js";
let nextUid = 1;
const STEPS = { ArrowUp: -1, ArrowDown: 1 };  // Alt+↑ / Alt+↓ on a focused activity

/** An own activity is a spec with items; a library one names its instrument. */
export const isOwn = (spec) => !("instrument" in spec);

export class Agenda {
  /** `describe(spec)` gives the line under an activity's title; `onPreview(spec, n)`; `onEdit(spec, replace,
   * error)` opens an own activity with the server's last error about it. */
  constructor(root, { describe, onPreview, onEdit, onChange }) {
    Object.assign(this, { root, describe, onPreview, onEdit, onChange });
    this.entries = [];  // [{uid, spec}]
    this.list = el("ol", { class: "agenda-list", id: "agenda-list" });
    this.empty = el("p", { class: "agenda-empty muted", tabIndex: -1 },
      t("Nog geen activiteiten. Voeg er een toe uit de bibliotheek, of maak een eigen activiteit."));
    root.replaceChildren(this.empty, this.list);
    this.render();
  }

  get full() { return this.entries.length >= MAX_ACTIVITIES; }

  specs() { return this.entries.map((entry) => entry.spec); }

  /** Add an activity at the end (scrolled into view when `reveal`); false when the agenda is full. */
  add(spec, reveal = true) {
    if (this.full) return false;
    this.entries.push({ uid: nextUid++, spec: structuredClone(spec) });
    this.render();
    if (reveal) this.list.lastElementChild?.scrollIntoView({ block: "nearest" });
    return true;
  }

  replaceAll(specs) {
    this.entries = specs.slice(0, MAX_ACTIVITIES).map((spec) => ({ uid: nextUid++, spec: structuredClone(spec) }));
    this.render();
  }

  /** Move an activity to place `to`; `focus`: keep the keyboard there, on the activity (true) or on the
   * control `focus` selects in it (the activity when that control is now disabled). */
  move(uid, to, focus = null) {
    const from = this.entries.findIndex((entry) => entry.uid === uid);
    if (from < 0 || to < 0 || to >= this.entries.length || to === from) return;
    this.entries = moved(this.entries, from, to);
    this.render();
    const node = this.list.querySelector(`[data-uid="${uid}"]`);
    const control = typeof focus === "string" ? node?.querySelector(focus) : null;
    if (control && !control.disabled) control.focus();
    else if (focus) node?.focus();
  }

  /** Remove an activity; the keyboard goes on to the one now in its place (or the one before, or the message). */
  remove(uid) {
    const at = this.entries.findIndex((entry) => entry.uid === uid);
    this.entries = this.entries.filter((entry) => entry.uid !== uid);
    this.render();
    const next = this.list.children[Math.min(at, this.entries.length - 1)];
    (next || this.empty).focus();
  }

  /** Show the server's error next to activity `n` (1-based), or clear every error when `n` is null. */
  showError(n, message) {
    this.entries.forEach((entry, index) => { entry.error = index + 1 === n ? message : ""; });
    this.list.querySelectorAll("[data-error]").forEach((p, index) => {
      p.textContent = index + 1 === n ? message : "";
      p.hidden = index + 1 !== n;
    });
    if (n) this.list.children[n - 1]?.scrollIntoView({ block: "nearest" });
  }

  render() {
    this.list.replaceChildren(...this.entries.map((entry, index) => this.item(entry, index)));
    this.empty.hidden = this.entries.length > 0;
    this.onChange?.(this);
  }

  item(entry, index) {
    const { uid, spec } = entry;
    const button = (label, props) => el("button", { type: "button", class: "small", ...props }, label);
    const last = index === this.entries.length - 1;
    const title = el("input", { "data-title": true, maxlength: "120", value: spec.title || "",
      "aria-label": t("Titel van activiteit {n}", { n: index + 1 }), oninput: (e) => { spec.title = e.target.value; } });
    const intro = el("textarea", { "data-intro": true, rows: "3", maxlength: "1000",
      oninput: (e) => { spec.intro = e.target.value; } });
    intro.value = spec.intro || "";
    const introField = el("label", { class: "agenda-intro", hidden: true }, t("Introductie op de telefoon"), intro);
    const introToggle = button(t("Introductie"), { "data-intro-toggle": true, "aria-expanded": "false",
      onclick: () => {
        introField.hidden = !introField.hidden;
        introToggle.setAttribute("aria-expanded", String(!introField.hidden));
        if (!introField.hidden) intro.focus();
      } });
    const handle = el("span", { class: "drag-handle", draggable: true, title: t("Slepen om te verplaatsen"),
      "aria-hidden": "true" }, "⠿");
    const node = el("li", { class: "agenda-item", tabIndex: 0, dataset: { uid },
      "aria-label": t("Activiteit {n} van {count}: {title}. Alt+pijl omhoog of omlaag verplaatst.",
        { n: index + 1, count: this.entries.length, title: spec.title }) },
      handle,
      el("span", { class: "agenda-number" }, String(index + 1)),
      el("div", { class: "agenda-body" },
        el("div", { class: "agenda-line" }, title,
          button("↑", { "data-up": true, disabled: index === 0, "aria-label": t("Omhoog"),
            title: t("Omhoog (Alt+↑)"), onclick: () => this.move(uid, index - 1, "[data-up]") }),
          button("↓", { "data-down": true, disabled: last, "aria-label": t("Omlaag"), title: t("Omlaag (Alt+↓)"),
            onclick: () => this.move(uid, index + 1, "[data-down]") }),
          button("✕", { "data-remove": true, class: "small danger", "aria-label": t("Verwijderen"),
            title: t("Verwijderen"), onclick: () => this.remove(uid) })),
        el("p", { class: "agenda-origin" }, isOwn(spec)
          ? t("Eigen activiteit · {questions}", { questions: questions(spec.items.length) }) : this.describe(spec)),
        el("div", { class: "agenda-actions" },
          button(t("Voorbeeld"), { "data-preview": true, onclick: () => this.onPreview(spec, index + 1) }),
          isOwn(spec) ? button(t("Bewerken"), { "data-edit": true,
            onclick: () => this.onEdit(spec, (changed) => { entry.spec = changed; this.render(); }, entry.error) })
            : null,
          introToggle),
        introField,
        el("p", { class: "error-text", "data-error": true, role: "alert", hidden: true })));
    node.addEventListener("keydown", (event) => {
      const step = STEPS[event.key];
      if (!event.altKey || !step) return;
      event.preventDefault();
      this.move(uid, index + step, true);
    });
    this.draggable(node, handle, uid);
    return node;
  }

  /** Drag the handle; drop on the upper half of an activity to put it before, on the lower half after. */
  draggable(node, handle, uid) {
    handle.addEventListener("dragstart", (event) => {
      event.dataTransfer.setData("text/plain", String(uid));
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setDragImage(node, 20, 20);
      node.classList.add("dragging");
    });
    handle.addEventListener("dragend", () => node.classList.remove("dragging"));
    const after = (event) => {
      const box = node.getBoundingClientRect();
      return event.clientY > box.top + box.height / 2;
    };
    node.addEventListener("dragover", (event) => {
      event.preventDefault();
      node.classList.toggle("drop-before", !after(event));
      node.classList.toggle("drop-after", after(event));
    });
    node.addEventListener("dragleave", () => node.classList.remove("drop-before", "drop-after"));
    node.addEventListener("drop", (event) => {
      event.preventDefault();
      node.classList.remove("drop-before", "drop-after");
      const dragged = Number(event.dataTransfer.getData("text/plain"));
      const from = this.entries.findIndex((entry) => entry.uid === dragged);
      let to = this.entries.findIndex((entry) => entry.uid === uid) + (after(event) ? 1 : 0);
      if (from < 0) return;
      if (from < to) to -= 1;
      this.move(dragged, to);
    });
  }
}
