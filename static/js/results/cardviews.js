// The views every activity with cards has (CARD_VIEWS in workshop/activities/base.py), whatever its layout:
// "themas", the themes the facilitator grouped the cards into, each with its count, and the cards in none; and
// "woorden", per card item the words used most on its visible cards (the server counts them: workshop/words.py),
// as a cloud whose size AND written number give the weight, so it reads without colour.
import { formatNumber, t, tn } from "../i18n.js";
import { el, overflows, shrinkToFit } from "./parts.js";

const MIN_FIT = 0.45;  // the smallest type of a crowded view, relative to the normal size

export const CARD_VIEWS = ["themas", "woorden"];

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
  for (const child of section.children) child.hidden = view ? !child.classList.contains("card-views") : child.classList.contains("card-views");
  if (!view) return;
  const target = box(section);
  target.dataset.view = view;
  if (view === "themas") drawThemes(target, aggregate);
  else drawWords(target, aggregate, settings.activity, !settings.moderating);
  // The beamer never scrolls: many themes or words get smaller type until they fit (the console scrolls).
  if (settings.moderating) return;
  shrinkToFit(target, "--fit", () => overflows(target), MIN_FIT);
  if (view === "woorden" && overflows(target)) leaveOutRareWords(target);
}

/** Still too many words at the smallest type (an activity with many card items): the least used words make way,
 * from the fullest cloud first, and a line says so (every word stays on the console). */
function leaveOutRareWords(target) {
  target.prepend(el("p", "word-more", t("Minder gebruikte woorden weggelaten; alle woorden staan op de console.")));
  const clouds = [...target.querySelectorAll(".word-cloud")];
  while (overflows(target)) {
    const fullest = clouds.reduce((a, b) => (b.children.length > a.children.length ? b : a), clouds[0]);
    if (!fullest || fullest.children.length <= 1) break;
    fullest.lastElementChild.remove();
  }
}

function drawThemes(target, aggregate) {
  const themes = aggregate.themes ?? [];
  const list = el("ol", "theme-counts");
  const highest = Math.max(1, ...themes.map((theme) => theme.count));
  list.replaceChildren(...themes.map((theme) => {
    const li = el("li", "theme-count");
    li.dataset.themeId = theme.id;
    li.style.setProperty("--share", theme.count / highest);
    li.append(el("span", "theme-count-name", theme.name), el("strong", "theme-count-n", formatNumber(theme.count, 0)),
      el("span", "theme-count-word", tn("kaart", "kaarten", theme.count)));
    return li;
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
