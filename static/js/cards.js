// Phone: free-text cards. Add, edit and delete one's own cards; see colleagues' cards in per-organisation activities.
// A halen or brengen card may name the organisation in the room it asks from or offers to (its `partner`).
import { announce, request, toast } from "./common.js";
import { t } from "./i18n.js";

// How a card's partner reads under it, per item that takes one (workshop/activities/halen_brengen.py).
const PARTNER_LINES = {
  halen: (organisation) => t("Gevraagd van {organisation}", { organisation }),
  brengen: (organisation) => t("Aangeboden aan {organisation}", { organisation }),
};

export class CardFields {
  constructor(socket, isJoined) {
    this.socket = socket;
    this.isJoined = isJoined;  // () => whether the server knows this phone right now
    this.activity = null;
    this.mine = [];            // [{id, item, text}] of this participant in the current activity
    this.colleagues = [];      // same shape, of colleagues of the same organisation
    this.partners = [];        // the organisations a card may name as its partner (the own one left out)
    document.addEventListener("submit", (event) => this.onSubmit(event));
    document.addEventListener("click", (event) => this.onClick(event));
    document.addEventListener("input", (event) => {
      if (event.target.matches("[data-entry-form] textarea")) this.count(event.target.form);
    });
    document.addEventListener("time-up", (event) => this.addDrafts(event.detail.activityId));
    // Organisations join while the activity is open: the list is asked again when a phone is about to choose.
    document.addEventListener("focusin", (event) => {
      if (event.target.matches("[data-partner]")) this.refreshPartners();
    });
  }

  /** Show the cards of `activity` (in `section`) as the server sent them. */
  show(section, activity, entries, colleagues, partners = []) {
    const closedNow = this.activity?.id === activity.id && this.activity.state === "open" && activity.state !== "open";
    if (this.activity && this.activity.id !== activity.id) this.reportDraftsLeft();
    this.section = section;
    this.activity = activity;
    this.mine = entries;
    this.colleagues = colleagues;
    this.partners = partners;
    this.fillPartners();
    for (const form of section.querySelectorAll("[data-entry-form]")) {
      for (const control of form.elements) control.disabled = activity.state !== "open";
    }
    this.keepDrafts(closedNow);
    this.draw();
  }

  /** In a closed activity, a text still in its box was not added: it stays there (read-only, not disabled: it can
   * be selected and copied), and the field says so. */
  keepDrafts(closedNow) {
    const closed = this.activity.state !== "open";
    let kept = false;
    for (const form of this.section.querySelectorAll("[data-entry-form]")) {
      const field = form.closest("[data-item]");
      const draft = closed && Boolean(form.text.value.trim());
      form.text.disabled = closed && !draft;
      form.text.readOnly = draft;  // what was typed stays, to read and copy
      field.classList.toggle("draft-kept", draft);
      if (draft) status(field, t("Niet toegevoegd: de activiteit is gesloten voordat je tekst verstuurd was. Hij staat nog in het vak, om over te nemen."));
      else if (field.querySelector("[data-status]").dataset.kept) status(field, "");
      field.querySelector("[data-status]").dataset.kept = draft ? "1" : "";
      kept ||= draft;
    }
    if (kept && closedNow) announce(t("Deze activiteit is gesloten. Een tekst die je nog niet had toegevoegd, staat nog in het vak."));
  }

  /** The phone moved on to another activity while texts of the one before were still in their boxes: say which,
   * with their words (the boxes stay, hidden with their activity). */
  reportDraftsLeft() {
    const drafts = [...this.section.querySelectorAll("[data-entry-form] textarea")].map((box) => box.value.trim())
      .filter(Boolean);
    if (drafts.length) {
      toast(t("Nog niet toegevoegd bij “{title}”: {text}", { title: this.activity.title, text: drafts.join(" · ") }), 20000);
    }
  }

  /** The timer of the activity reached zero and closes it: add every card still being typed, in the grace left. */
  addDrafts(activityId) {
    if (this.activity?.id !== activityId || this.activity.state !== "open") return;
    for (const form of this.section.querySelectorAll("[data-entry-form]")) {
      if (form.text.value.trim()) form.requestSubmit();
    }
  }

  /** The partner lists: the room's organisations, the one already chosen kept (also when it has left); a list
   * is shown once there is someone to choose. */
  fillPartners() {
    for (const select of this.section.querySelectorAll("[data-partner]")) {
      const chosen = select.value;
      const names = this.partners.includes(chosen) || !chosen ? this.partners : [...this.partners, chosen];
      select.replaceChildren(select.options[0], ...names.map((name) => new Option(name, name)));
      select.value = chosen;
      select.closest("[data-partner-choice]").hidden = names.length === 0;
    }
  }

  async refreshPartners() {
    if (!this.isJoined() || !this.activity) return;
    const activityId = this.activity.id;
    const ack = await request(this.socket, "state", {}, 4000);
    if (!ack.ok || this.activity?.id !== activityId || ack.activity?.id !== activityId) return;
    this.partners = ack.partners || [];
    this.fillPartners();
  }

  setColleagues(activityId, entries) {
    if (this.activity?.id !== activityId) return;
    const own = new Set(this.mine.map((entry) => entry.id));
    this.colleagues = entries.filter((entry) => !own.has(entry.id));
    this.draw();
  }

  /** Item ids that have at least one card of this participant (for the progress count). */
  answeredItems() {
    return this.mine.map((entry) => entry.item);
  }

  draw() {
    if (!this.section) return;
    const open = this.activity.state === "open";
    for (const field of this.section.querySelectorAll('[data-kind="text"]')) {
      const item = field.dataset.item;
      field.querySelector("[data-entries]").replaceChildren(
        ...this.mine.filter((entry) => entry.item === item).map((entry) => ownCard(entry, open)));
      const others = this.colleagues.filter((entry) => entry.item === item);
      const box = field.querySelector("[data-colleagues]");
      box.hidden = others.length === 0;
      box.querySelector("ul").replaceChildren(...others.map(textItem));
    }
    this.section.dispatchEvent(new CustomEvent("cards-changed", { bubbles: true }));
  }

  count(form) {
    const counter = form.querySelector("[data-counter]");
    const length = [...form.text.value.trim()].length;  // characters as the server counts them
    counter.textContent = `${length}/${counter.dataset.max}`;
    counter.classList.toggle("over", length > Number(counter.dataset.max));
  }

  async onSubmit(event) {
    const form = event.target.closest("[data-entry-form]");
    if (!form || !this.activity) return;
    event.preventDefault();
    const field = form.closest("[data-item]");
    const text = form.text.value.trim();
    const max = Number(form.querySelector("[data-counter]").dataset.max);
    if (!text) return status(field, t("Schrijf eerst iets op."), true);
    if ([...text].length > max) return status(field, t("Je tekst is te lang: maximaal {max} tekens.", { max }), true);
    if (!this.isJoined()) return status(field, t("Geen verbinding: je tekst blijft staan. Probeer het zo opnieuw."), true);
    const editing = form.dataset.editing;
    const partner = form.partner ? { partner: form.partner.value } : {};  // "": none
    status(field, t("Bezig met opslaan…"));
    const ack = editing
      ? await request(this.socket, "edit_entry", { id: Number(editing), text, ...partner }, 6000)
      : await request(this.socket, "add_entry", { activity_id: this.activity.id, item: field.dataset.item, text, ...partner }, 6000);
    if (!ack.ok) {
      if (ack.reason === "timeout") status(field, t("Nog niet opgeslagen: je tekst blijft staan. Probeer het zo opnieuw."), true);
      else status(field, "");
      if (ack.reason !== "timeout") toast(ack.error);
      return;
    }
    this.mine = editing
      ? this.mine.map((entry) => (entry.id === ack.entry.id ? ack.entry : entry))
      : [...this.mine, ack.entry];
    resetForm(form);
    status(field, t("Opgeslagen ✓"), true);
    this.draw();
  }

  async onClick(event) {
    const button = event.target.closest("[data-card-action]");
    if (button && this.activity) {
      const id = Number(button.closest("[data-entry-id]").dataset.entryId);
      const field = button.closest("[data-item]");
      if (button.dataset.cardAction === "edit") return this.startEdit(field, id);
      return this.remove(field, id);
    }
    const cancel = event.target.closest("[data-entry-form] [data-cancel]");
    if (cancel) resetForm(cancel.form);
  }

  startEdit(field, id) {
    const form = field.querySelector("[data-entry-form]");
    form.dataset.editing = id;
    const entry = this.mine.find((mine) => mine.id === id);
    form.text.value = entry.text;
    if (form.partner) {
      form.partner.value = "";
      this.fillPartners();
      if (entry.partner && ![...form.partner.options].some((option) => option.value === entry.partner)) {
        form.partner.append(new Option(entry.partner, entry.partner));
      }
      form.partner.value = entry.partner || "";
      form.partner.closest("[data-partner-choice]").hidden = false;
    }
    form.querySelector("[data-submit]").textContent = t("Wijziging opslaan");
    form.querySelector("[data-cancel]").hidden = false;
    this.count(form);
    form.text.focus();
  }

  async remove(field, id) {
    if (!this.isJoined()) return status(field, t("Geen verbinding: verwijderen kan zo weer."), true);
    const ack = await request(this.socket, "delete_entry", { id }, 6000);
    if (!ack.ok) return toast(ack.error);
    this.mine = this.mine.filter((entry) => entry.id !== id);
    const form = field.querySelector("[data-entry-form]");
    if (form.dataset.editing === String(id)) resetForm(form);
    status(field, t("Verwijderd."), true);
    field.querySelector("[data-entry-form] [data-submit]").focus();  // the card and its button are gone
    this.draw();
  }
}

function ownCard(entry, open) {
  const li = textItem(entry);
  li.querySelector("p").id = `card-${entry.id}`;
  li.dataset.entryId = entry.id;
  if (open) {
    const actions = document.createElement("span");
    actions.className = "card-actions";
    for (const [action, label] of [["edit", t("Wijzigen")], ["delete", t("Verwijderen")]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.cardAction = action;
      button.textContent = label;
      // Which card: the text is said after the button's word ("Wijzigen, Samen de wachtlijst korter maken").
      button.setAttribute("aria-describedby", `card-${entry.id}`);
      actions.append(button);
    }
    li.append(actions);
  }
  return li;
}

function textItem(entry) {
  const li = document.createElement("li");
  const p = document.createElement("p");
  p.textContent = entry.text;  // always as text: what people type is never HTML
  li.append(p);
  if (entry.partner) {
    const line = document.createElement("small");
    line.className = "card-partner";
    line.textContent = (PARTNER_LINES[entry.item] || PARTNER_LINES.halen)(entry.partner);
    li.append(line);
  }
  return li;
}

function resetForm(form) {
  delete form.dataset.editing;
  form.reset();
  form.querySelector("[data-submit]").textContent = t("Toevoegen");
  form.querySelector("[data-cancel]").hidden = true;
  form.querySelector("[data-counter]").textContent = `0/${form.querySelector("[data-counter]").dataset.max}`;
}

/** The field's status line; `spoken`: also said once by the page's live region. */
function status(field, text, spoken = false) {
  field.querySelector("[data-status]").textContent = text;
  if (spoken) announce(text);
}
