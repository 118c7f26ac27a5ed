// The console's theme board (issue 14 §2): group the current activity's cards into themes. Make a theme, rename or
// delete it, put a card in a theme by dragging it there or with its theme select (the keyboard way), and merge a card
// into another that says the same ("Zelfde als…", then "Hierbij voegen" on the other) or undo that. Every change is
// a `theme` message; the new counts come back with the results, to this console and the beamer.
import { request } from "./common.js";
import { onResults, onSession, showProblem, shownResults, socket } from "./console-room.js";
import { t, tn } from "./i18n.js";
import { markMerged } from "./results/cardviews.js";
import { el } from "./results/parts.js";

const panel = document.getElementById("themes-panel");
const board = document.getElementById("theme-board");
const form = document.getElementById("theme-new");
const nameField = document.getElementById("theme-name");
const state = { activity: null, aggregate: null, renaming: null, mergeFrom: null, pending: false };

onSession((session) => {
  const activity = session.activities.find((a) => a.id === session.current_activity);
  const withCards = activity && activity.items.some((item) => item.kind === "text") ? activity : null;
  if (withCards?.id !== state.activity?.id) Object.assign(state, { renaming: null, mergeFrom: null });
  state.activity = withCards;
  state.aggregate = withCards ? shownResults(withCards.id) ?? null : null;
  panel.hidden = !withCards;
  draw();
});

onResults((activityId, aggregate) => {
  if (activityId !== state.activity?.id) return;
  state.aggregate = aggregate;
  draw();
});

/** A `theme` message; a refusal is shown as the console's problem. */
async function send(message) {
  const ack = await request(socket, "theme", message);
  showProblem(ack.ok ? null : ack.error);
  return ack;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const ack = await send({ action: "create", activity_id: state.activity.id, name: nameField.value });
  if (ack.ok) nameField.value = "";
});

// Someone typing a theme's new name is not interrupted by the room's cards: the board is drawn again after.
board.addEventListener("focusout", () => setTimeout(() => { if (state.pending && !typingHere()) draw(); }));
const typingHere = () => board.contains(document.activeElement) && document.activeElement.matches("input");

function draw() {
  if (!state.activity || !state.aggregate) return board.replaceChildren();
  if (typingHere()) {
    state.pending = true;
    return undefined;
  }
  state.pending = false;
  markMerged(state.aggregate);
  const focused = document.activeElement?.closest?.("[data-focus]")?.dataset.focus;
  const cards = state.aggregate.items ? Object.values(state.aggregate.items)
    .filter((summary) => summary?.kind === "text").flatMap((summary) => summary.cards) : [];
  const themes = state.aggregate.themes ?? [];
  const counts = new Map(themes.map((theme) => [theme.id, theme.count]));
  const own = cards.filter((card) => !card.merged_into);
  const columns = themes.map((theme) => column(theme, own.filter((card) => card.theme_id === theme.id), cards,
    themes, counts.get(theme.id)));
  const known = new Set(themes.map((theme) => theme.id));
  columns.push(column(null, own.filter((card) => !known.has(card.theme_id)), cards, themes, state.aggregate.unthemed));
  board.replaceChildren(...columns);
  if (state.mergeFrom) board.prepend(mergeBanner(cards.find((card) => card.id === state.mergeFrom)));
  board.querySelector(`[data-focus="${focused}"]`)?.focus();
}

/** One theme (or, with null, the cards in none): a heading with its count, its cards, a place to drop a card. */
function column(theme, mine, cards, themes, count = 0) {
  const box = el("section", "theme-column");
  box.dataset.themeId = theme ? theme.id : "";
  const head = el("div", "theme-head");
  if (theme && state.renaming === theme.id) head.append(renameForm(theme));
  else {
    const heading = el("h3", "theme-title", theme ? theme.name : t("Zonder thema"));
    heading.append(" ", el("span", "badge", tn("{n} kaart", "{n} kaarten", count ?? 0)));
    head.append(heading);
    if (theme) {
      head.append(button(t("Hernoemen"), `rename-${theme.id}`, () => { state.renaming = theme.id; draw(); focusRename(); },
        t("Thema ‘{name}’ hernoemen", { name: theme.name })),
      button(t("Verwijderen"), `delete-${theme.id}`, () => send({ action: "delete", theme_id: theme.id }),
        t("Thema ‘{name}’ verwijderen; de kaarten gaan terug naar zonder thema", { name: theme.name })));
    }
  }
  const list = el("ul", "theme-cards");
  list.append(...mine.map((card) => cardRow(card, cards, themes)));
  box.append(head, list);
  box.addEventListener("dragover", (event) => { event.preventDefault(); box.classList.add("is-drop"); });
  box.addEventListener("dragleave", () => box.classList.remove("is-drop"));
  box.addEventListener("drop", (event) => {
    event.preventDefault();
    box.classList.remove("is-drop");
    const entryId = Number(event.dataTransfer.getData("text/plain"));
    if (entryId) send({ action: "assign", entry_id: entryId, theme_id: theme ? theme.id : null });
  });
  return box;
}

function renameForm(theme) {
  const rename = el("form", "theme-rename");
  const input = el("input");
  input.value = theme.name;
  input.maxLength = 80;
  input.setAttribute("aria-label", t("Nieuwe naam voor thema ‘{name}’", { name: theme.name }));
  const save = el("button", "small primary", t("Opslaan"));
  save.type = "submit";
  const cancel = button(t("Annuleren"), "", () => { state.renaming = null; draw(); });
  rename.append(input, save, cancel);
  rename.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ack = await send({ action: "rename", theme_id: theme.id, name: input.value });
    if (ack.ok) {
      state.renaming = null;
      input.blur();
      draw();
    }
  });
  input.addEventListener("keydown", (event) => { if (event.key === "Escape") { state.renaming = null; input.blur(); draw(); } });
  return rename;
}

const focusRename = () => board.querySelector(".theme-rename input")?.focus();

/** A card: its text, how many it stands for, its theme select, and merging; the cards merged into it below. */
function cardRow(card, cards, themes) {
  const li = el("li", card.hidden ? "theme-card note-hidden" : "theme-card");
  li.dataset.entryId = card.id;
  li.draggable = true;
  li.addEventListener("dragstart", (event) => {
    event.dataTransfer.setData("text/plain", String(card.id));
    event.dataTransfer.effectAllowed = "move";
  });
  const text = el("p", "theme-card-text", card.text);
  if (card.stands_for > 1) text.append(" ", el("span", "note-merged", `+${card.stands_for - 1}`));
  if (card.hidden) text.prepend(el("span", "badge", t("verborgen")), " ");
  li.append(text);
  const tools = el("div", "theme-card-tools");
  const select = el("select");
  select.dataset.focus = `theme-${card.id}`;
  select.setAttribute("aria-label", t("Thema van de kaart ‘{text}’", { text: card.text }));
  select.append(new Option(t("Zonder thema"), "", false, !card.theme_id),
    ...themes.map((theme) => new Option(theme.name, theme.id, false, theme.id === card.theme_id)));
  select.addEventListener("change", () => send({ action: "assign", entry_id: card.id,
    theme_id: select.value ? Number(select.value) : null }));
  tools.append(select);
  if (state.mergeFrom && state.mergeFrom !== card.id) {
    const source = cards.find((other) => other.id === state.mergeFrom);
    if (source && source.item === card.item) {
      tools.append(button(t("Hierbij voegen"), `into-${card.id}`, async () => {
        const ack = await send({ action: "merge", entry_id: state.mergeFrom, into: card.id });
        if (ack.ok) state.mergeFrom = null;
        draw();
      }, t("Hierbij voegen: ‘{source}’ bij ‘{text}’", { source: source.text, text: card.text })));
    }
  } else if (!state.mergeFrom) {
    tools.append(button(t("Zelfde als…"), `merge-${card.id}`, () => { state.mergeFrom = card.id; draw(); },
      t("Zelfde als… (‘{text}’ samenvoegen met een kaart die hetzelfde zegt)", { text: card.text })));
  }
  li.append(tools);
  const merged = cards.filter((other) => other.merged_into === card.id);
  if (merged.length) {
    const list = el("ul", "theme-merged");
    list.setAttribute("aria-label", t("Samengevoegd met deze kaart"));
    list.append(...merged.map((other) => {
      const row = el("li", "", other.text);
      row.append(" ", button(t("Loskoppelen"), `unmerge-${other.id}`,
        () => send({ action: "unmerge", entry_id: other.id }), t("‘{text}’ weer los tonen", { text: other.text })));
      return row;
    }));
    li.append(list);
  }
  return li;
}

function mergeBanner(source) {
  const banner = el("p", "theme-merging");
  banner.setAttribute("role", "status");
  banner.append(t("Kies de kaart die hetzelfde zegt als ‘{text}’.", { text: source?.text ?? "" }), " ",
    button(t("Annuleren"), "merge-cancel", () => { state.mergeFrom = null; draw(); }));
  return banner;
}

function button(label, focus, run, accessibleName = "") {
  const node = el("button", "small", label);
  node.type = "button";
  if (focus) node.dataset.focus = focus;
  if (accessibleName) node.setAttribute("aria-label", accessibleName);
  node.addEventListener("click", run);
  return node;
}
