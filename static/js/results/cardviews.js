// The views every activity with cards has (CARD_VIEWS in workshop/activities/base.py), whatever its layout:
// "themas", the themes the facilitator grouped the cards into, each with its count and its cards, and the number
// of cards in none; and "woorden", per card item the words used most on its visible cards (the server counts them:
// workshop/words.py), as a cloud whose size AND written number give the weight, so it reads without colour.
// On the beamer both keep a readable size: the themes page like the card wall (results/wall.js), a cloud leaves
// out its least used words and says how many.
import { formatNumber, t, tn } from "../i18n.js";
import { drawCards, el, overflows, shrinkToFit } from "./parts.js";
import { leaveWall, showWall } from "./wall.js";

const MIN_FIT = 0.82;  // the smallest type of a crowded word view: its smallest words about 24 px on 1920 px

export const CARD_VIEWS = ["themas", "woorden"];
const WALL_PARTS = ["wall-pager", "wall-spotlight"];

/** The box of the card views in a result section, made on first use beside the layout's own box. */
function box(section) {
  let found = section.querySelector(":scope > .card-views");
  if (!found) {
    found = el("div", "card-views");
    section.append(found);
  }
  return found;
}

/** Show the card view `view` in `section` (the layout's own box hidden), or with null the layout's own again. */
export function showCardView(section, aggregate, settings, view) {
  for (const child of section.children) {
    if (WALL_PARTS.some((name) => child.classList.contains(name))) continue;  // results/wall.js shows or hides them
    child.hidden = view ? !child.classList.contains("card-views") : child.classList.contains("card-views");
  }
  if (!view) return;
  const target = box(section);
  target.dataset.view = view;
  if (view === "themas") drawThemes(target, aggregate, settings);
  else drawWords(target, aggregate, settings.activity, !settings.moderating);
  if (settings.moderating) return;  // the console scrolls; the beamer never does
  if (view === "themas") {
    target.style.removeProperty("--fit");  // a size the word view may have left
    showWall(section, aggregate, settings, [target], { groups: ".theme-group", fixed: ".theme-unthemed",
      units: ".note, .theme-empty" });
    return;
  }
  leaveWall(section, settings.activity.id);
  shrinkToFit(target, "--fit", () => overflows(target), MIN_FIT);
  if (overflows(target)) leaveOutRareWords(target);
}

/** Still too many words at the smallest readable type: the least used words make way, from the fullest cloud
 * first, and each cloud says how many it left out (every word stays on the console). */
function leaveOutRareWords(target) {
  const clouds = [...target.querySelectorAll(".word-cloud")];
  const left = new Map();  // cloud -> the line saying how many of its words are left out
  while (overflows(target)) {
    const fullest = clouds.reduce((a, b) => (b.children.length > a.children.length ? b : a), clouds[0]);
    if (!fullest || fullest.children.length <= 1) break;
    fullest.lastElementChild.remove();
    if (!left.has(fullest)) {
      left.set(fullest, el("p", "word-more"));
      fullest.after(left.get(fullest));
    }
    const n = Number(fullest.dataset.words) - fullest.children.length;
    left.get(fullest).textContent = tn("{n} minder gebruikt woord niet getoond (wel op de console)",
      "{n} minder gebruikte woorden niet getoond (wel op de console)", n, { n: formatNumber(n, 0) });
  }
}

/** Per theme its name, count and cards (the beamer pages them: a theme's heading on each page with its cards, a
 * theme without cards on one page); then how many cards are in none. */
function drawThemes(target, aggregate, settings) {
  const themes = aggregate.themes ?? [];
  const cards = Object.values(aggregate.items ?? {}).filter((summary) => summary?.kind === "text")
    .flatMap((summary) => summary.cards);
  const list = el("ol", "theme-groups");
  const highest = Math.max(1, ...themes.map((theme) => theme.count));
  list.replaceChildren(...themes.map((theme) => {
    const group = el("li", "theme-group");
    group.dataset.themeId = theme.id;
    const head = el("p", "theme-count");
    head.style.setProperty("--share", theme.count / highest);
    head.append(el("span", "theme-count-name", theme.name), el("strong", "theme-count-n", formatNumber(theme.count, 0)),
      el("span", "theme-count-word", tn("kaart", "kaarten", theme.count)));
    const notes = el("ul", "notes theme-cards");
    const drawn = drawCards(notes, cards.filter((card) => card.theme_id === theme.id), settings);
    head.classList.toggle("theme-empty", !drawn);  // then paged by its heading, which says "0 kaarten"
    group.append(head, ...(drawn ? [notes] : []));
    return group;
  }));
  const unthemed = aggregate.unthemed ?? 0;
  const rest = el("p", "theme-unthemed", tn("{n} kaart nog zonder thema", "{n} kaarten nog zonder thema", unthemed,
    { n: formatNumber(unthemed, 0) }));
  target.replaceChildren(themes.length ? list : el("p", "mv-empty", t("Nog geen thema's.")), rest);
}

const SIZES = 5;  // steps of the cloud's type: the number beside each word says the exact count

const CLOUDS_ON_BEAMER = 4;  // more card items than this: the beamer shows one cloud of all their words
const MOST_WORDS = 40;  // as many as the server counts per item (workshop/words.py MOST)

/** The words of several items as one list: a card is on one item, so its words count once in the sum too (of the
 * words each item counts: its most used). */
function allWords(aggregate, items) {
  const counts = new Map();
  for (const item of items) {
    for (const { word, count } of aggregate.words?.[item.id] ?? []) counts.set(word, (counts.get(word) ?? 0) + count);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MOST_WORDS)
    .map(([word, count]) => ({ word, count }));
}

function drawWords(target, aggregate, activity, onBeamer) {
  let items = activity.items.filter((item) => item.kind === "text");
  let wordsOf = (item) => aggregate.words?.[item.id] ?? [];
  if (onBeamer && items.length > CLOUDS_ON_BEAMER) {
    const all = allWords(aggregate, items);
    items = [{ id: "", label: t("Alle vragen samen") }];
    wordsOf = () => all;
  }
  target.replaceChildren(...items.map((item) => {
    const words = wordsOf(item);
    const section = el("section", "word-item");
    section.dataset.item = item.id;
    section.append(el("h3", "word-label", item.label));
    if (!words.length) {
      section.append(el("p", "mv-empty", t("Nog geen woorden.")));
      return section;
    }
    const highest = words[0].count;
    const cloud = el("ol", "word-cloud");
    cloud.dataset.words = words.length;
    cloud.setAttribute("aria-label", t("Meest gebruikte woorden, met op hoeveel kaarten"));
    cloud.append(...words.map(({ word, count }) => {
      const li = el("li", "word");
      li.dataset.size = String(Math.max(1, Math.round((count / highest) * SIZES)));
      li.append(el("span", "word-text", word), el("span", "word-n", formatNumber(count, 0)));
      li.title = tn("op {n} kaart", "op {n} kaarten", count, { n: count });
      return li;
    }));
    section.append(cloud);
    return section;
  }));
}

/** Give each card of an aggregate `stands_for`: itself and the cards (not hidden) merged into it, as the
 * server counts a theme (workshop/themes.py). Counted here, so a card's "+1" follows every card's `merged_into`. */
export function markMerged(aggregate) {
  for (const summary of Object.values(aggregate.items ?? {})) {
    if (summary?.kind !== "text") continue;
    const counts = new Map();
    for (const card of summary.cards) {
      if (card.merged_into && !card.hidden) counts.set(card.merged_into, (counts.get(card.merged_into) ?? 0) + 1);
    }
    for (const card of summary.cards) card.stands_for = 1 + (counts.get(card.id) ?? 0);
  }
}
