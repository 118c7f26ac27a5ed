// Building blocks the result renderers share: free-text cards, the distribution of a scale, option counts,
// the organisations in the server's order.
import { formatNumber, language, t, tn } from "../i18n.js";

/** A figure with at most one decimal, as the page's language writes it (7,5 in Dutch); '–' for none. */
export const format = (value) => (value === null || value === undefined ? "–" : formatNumber(value, 1));

// The server's name for answers without an organisation: a marker, not a word (its label is translated).
export const NO_ORGANISATION = "";

const displayLabels = new Map();  // organisation name -> the same with soft hyphens, from the server (for display)

/** Remember the server's display forms of organisation names (`{name: hyphenated}`), e.g. of a `results` event. */
export function learnLabels(labels = {}) {
  for (const [name, shown] of Object.entries(labels)) displayLabels.set(name, shown);
}

/** An organisation's name as shown: the group without one in the page's language. */
export const organisationLabel = (name) => (name === NO_ORGANISATION ? t("Zonder organisatie") : name);

/** An organisation's name as a narrow column's heading: with soft hyphens in its long words, so they break at a
 * syllable, never mid-word (Chromium on Linux does not hyphenate by itself). */
export const organisationHeading = (name) => displayLabels.get(name) ?? organisationLabel(name);

/** Organisation names sorted as the server sorts them (alphabetically, no organisation last). */
export function ordered(names) {
  return [...new Set(names)]
    .sort((a, b) => (a === NO_ORGANISATION) - (b === NO_ORGANISATION) || a.localeCompare(b, language));
}

/** Fill a legend's "<strong data-respondents>8</strong> <span data-respondents-word>respondenten</span>". */
export function showRespondents(box, n) {
  box.querySelector("[data-respondents]").textContent = formatNumber(n, 0);
  box.querySelector("[data-respondents-word]").textContent = tn("respondent", "respondenten", n);
}

/** Whether an element's content runs past its bottom (the beamer never scrolls). */
export const overflows = (element) => element.scrollHeight > element.clientHeight + 1;

/**
 * Beamer: set the CSS custom property `property` on `target` (a scale for the type, 1 = normal) a step
 * smaller at a time while `tooBig()` holds, but not below `min`. Returns the scale it ended at.
 */
export function shrinkToFit(target, property, tooBig, min) {
  let scale = 1;
  target.style.setProperty(property, scale);
  while (tooBig() && scale > min) {
    scale = Math.round((scale - 0.05) * 100) / 100;
    target.style.setProperty(property, scale);
  }
  return scale;
}

/**
 * Hide the last of `items` one by one while `list` overflows, keeping at least one; `say(n)` shows how many
 * are left out. Returns that number.
 */
export function dropUntilFits(list, items, say) {
  let dropped = 0;
  while (overflows(list) && dropped < items.length - 1) {
    dropped += 1;
    items[items.length - dropped].hidden = true;
    say(dropped);
  }
  return dropped;
}

/** Element helper: el("p", "class", "text"). Text is always set as text, never as HTML. */
export function el(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== "") node.textContent = text;
  return node;
}

/**
 * Fill `list` with cards. The beamer leaves hidden cards out; the console shows them greyed, with
 * buttons to hide/show and (un)highlight. Highlighted cards come first, then the newest.
 */
export function drawCards(list, cards, settings, { organisation = true } = {}) {
  const shown = cards.filter((card) => settings.moderating || (!card.hidden && !card.merged_into))
    .sort((a, b) => (b.highlighted - a.highlighted) || (b.id - a.id));
  list.replaceChildren(...shown.map((card) => cardItem(card, settings, organisation)));
  return shown.length;
}

const drawnCards = new Set();  // ids of the cards this page has drawn: only new cards fade in, not every redraw

function cardItem(card, settings, organisation) {
  const li = el("li", "note");
  li.dataset.entryId = card.id;
  if (drawnCards.has(card.id)) li.style.animation = "none";
  drawnCards.add(card.id);
  li.classList.toggle("note-highlighted", card.highlighted);
  li.classList.toggle("note-hidden", card.hidden);
  li.append(el("p", "note-text", card.text));
  if (card.stands_for > 1) {
    const merged = el("span", "note-merged", `+${formatNumber(card.stands_for - 1, 0)}`);
    merged.append(el("span", "visually-hidden", tn("({n} kaart zegt hetzelfde)", "({n} kaarten zeggen hetzelfde)",
      card.stands_for - 1)));
    li.append(merged);
  }
  if (card.merged_into) li.classList.add("note-is-merged");
  const meta = [organisation ? organisationLabel(card.organisation) : "", settings.showNames ? card.name : ""]
    .filter(Boolean);
  if (meta.length) li.append(el("p", "note-meta", meta.join(" · ")));
  if (settings.moderating) {
    const actions = el("p", "note-actions");
    actions.append(
      moderateButton("hidden", !card.hidden, card.hidden ? t("Tonen op beamer") : t("Verbergen")),
      moderateButton("highlighted", !card.highlighted, card.highlighted ? t("Niet uitlichten") : t("Uitlichten")));
    if (card.hidden) actions.prepend(el("span", "badge", t("verborgen")));
    else actions.append(spotlightButton(card, settings.activity));
    if (settings.activity?.spotlight === card.id) actions.prepend(el("span", "badge", t("in de spotlight")));
    li.append(actions);
  }
  return li;
}

/** The card on its own, big, on the beamer (a hidden card cannot be); or, for the card there now, back to the wall.
 * static/js/console-wall.js carries it out. */
function spotlightButton(card, activity) {
  const on = activity?.spotlight === card.id;
  const button = el("button", on ? "small primary" : "small", on ? t("Spotlight uit") : t("Spotlight"));
  button.type = "button";
  button.dataset.wall = on ? "clear_spotlight" : "spotlight";
  return button;
}

function moderateButton(field, value, label) {
  const button = el("button", "small", label);
  button.type = "button";
  button.dataset.moderate = field;
  button.dataset.value = String(value);
  return button;
}

/**
 * Draw the distribution of a scale item into `box`: a column per value with its count, the mean and
 * median marked on the axis, and a warning when the group disagrees. The figures go below the plot,
 * or into `statsBox` if given. The plot is an image named by its counts; the figures are text.
 */
export function drawScale(box, summary, statsBox = null) {
  box.classList.add("dist");
  const steps = summary.high - summary.low + 1;
  const highest = Math.max(1, ...summary.counts);
  const columns = summary.counts.map((count, n) => {
    const column = el("span", "dist-col");
    const bar = el("span", "dist-bar");
    bar.style.height = `${(count / highest) * 100}%`;
    column.append(el("b", "dist-count", count ? String(count) : ""), bar);
    column.title = `${count} × ${summary.low + n}`;
    return column;
  });
  const axis = summary.counts.map((_, n) => el("span", "", String(summary.low + n)));
  const plot = el("div", "dist-plot");
  plot.setAttribute("role", "img");
  const counts = summary.counts.map((count, n) => `${count} × ${summary.low + n}`).join(", ");
  plot.setAttribute("aria-label", t("Verdeling: {counts}", { counts }));
  plot.style.setProperty("--steps", steps);
  plot.append(el("div", "dist-cols"), el("div", "dist-axis"));
  plot.firstChild.append(...columns);
  plot.lastChild.append(...axis);
  const markers = [["mean", summary.mean, t("gemiddeld {value}", { value: format(summary.mean) })],
    ["median", summary.median, t("mediaan {value}", { value: format(summary.median) })]];
  for (const [name, value, label] of markers) {
    if (value === null) continue;
    const marker = el("span", `dist-marker dist-${name}`);
    marker.style.left = `${((value - summary.low + 0.5) / steps) * 100}%`;
    marker.title = label;
    plot.append(marker);
  }
  const stats = el("p", "dist-stats");
  stats.append(el("span", "stat-mean", markers[0][2]), el("span", "stat-median", markers[1][2]),
    el("span", "stat-n", `n = ${summary.n}`));
  if (summary.disagree) stats.append(el("strong", "disagree", t("verschil van inzicht")));
  box.classList.toggle("dist-disagree", summary.disagree);
  if (statsBox) {
    box.replaceChildren(plot);
    statsBox.replaceChildren(stats);
  } else box.replaceChildren(plot, stats);
}

/** A stacked bar of option counts (e.g. ja / deels / nee); `options` as in the definition. An image named
 * by its counts. */
export function drawChoiceBar(bar, summary, options) {
  bar.classList.add("choice-bar");
  bar.setAttribute("role", "img");
  bar.setAttribute("aria-label", countsText(summary, options));
  bar.replaceChildren(...options.map((option) => {
    const count = summary.counts[option.value] || 0;
    const segment = el("span", `seg seg-${option.tone || "neutral"}`);
    segment.style.flexGrow = count;
    segment.hidden = count === 0;
    segment.title = `${count} × ${option.label}`;
    segment.append(el("b", "", `${count} ${option.label.toLowerCase()}`));
    return segment;
  }));
  bar.classList.toggle("empty", summary.total === 0);
  if (summary.total === 0) bar.append(el("span", "choice-empty", t("nog geen antwoorden")));
}

/** '2 ja, 1 deels, 0 nee' (or 'nog geen antwoorden'): a bar's counts as text. */
export function countsText(summary, options) {
  if (!summary.total) return t("nog geen antwoorden");
  return options.map((option) => `${summary.counts[option.value] || 0} ${option.label.toLowerCase()}`).join(", ");
}
