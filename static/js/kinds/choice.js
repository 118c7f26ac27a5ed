// A choice on the beamer: a bar per option with its count and its share of the people who answered (coloured
// by the option's tone: groen / oranje / rood); per organisation a heat map, each cell as dark as its share.
import { t } from "../i18n.js";
import { countsText, el, ordered, organisationLabel } from "../results/parts.js";
import { emptyCell, organisationsOf, scoreCell, table } from "./common.js";

const SCORE = { groen: 1, oranje: 0.5, rood: 0 };
const HUES = { groen: 137, oranje: 33, rood: 4, neutral: 216 };  // hues of --groen, --oranje, --rood, --accent
// The lightness (%) from which down white text has 4.5:1 on the hue; above it black text has.
const WHITE_FROM = { groen: 33, oranje: 39, rood: 52, neutral: 51 };

/** Whether an item is a traffic light (groen / oranje / rood with icons): drawn in the heat map per organisation. */
export const isStoplicht = (item) => item.kind === "choice" && !item.multiple
  && item.options.every((option) => option.tone in SCORE && option.icon);

/** `compact` (an activity of many items): coloured options as one stacked bar with icons and counts. */
export function draw(body, summary, item, { compact = false } = {}) {
  if (compact && isStoplicht(item)) {
    drawStacked(body, summary, item.options);
    return;
  }
  body.classList.add("option-bars");
  const { counts, total } = summary;
  body.replaceChildren(...item.options.map((option) => {
    const count = counts[option.value] || 0;
    const row = el("p", `option-row tone-${option.tone || "neutral"}`);
    const track = el("span", "option-track");
    const bar = el("span", "option-bar");
    bar.style.width = `${total ? (count / total) * 100 : 0}%`;
    track.append(bar);
    row.append(el("span", "option-label", option.label), track,
      el("b", "option-count", total ? `${count} (${Math.round((count / total) * 100)}%)` : "0"));
    return row;
  }));
  if (item.multiple) body.append(el("p", "kind-note", t("Meer dan één keuze mogelijk: de procenten tellen niet op tot 100.")));
}

function drawStacked(body, summary, options) {
  body.classList.add("choice-bar", "choice-stacked");
  body.classList.toggle("empty", summary.total === 0);
  body.setAttribute("role", "img");  // named by its counts
  body.setAttribute("aria-label", countsText(summary, options));
  body.replaceChildren(...options.map((option) => {
    const count = summary.counts[option.value] || 0;
    const segment = el("span", `seg seg-${option.tone}`);
    segment.style.flexGrow = count;
    segment.hidden = count === 0;
    segment.title = `${count} × ${option.label}`;
    segment.append(el("span", `icon icon-${option.icon}`), el("b", "", String(count)));
    return segment;
  }));
  if (summary.total === 0) body.append(el("span", "choice-empty", t("nog geen antwoorden")));
}

/** Rows: everyone, then each organisation; columns: the options; each cell the count, as dark as its share. */
export function drawPerOrganisation(body, summary, item) {
  const groups = [{ ...summary, label: t("Iedereen") }, ...organisationsOf(summary)];
  body.replaceChildren(table("kind-table", ["", ...item.options.map((option) => option.label)],
    groups.map((group) => [`${group.label ?? organisationLabel(group.name)} (${group.total})`,
      ...item.options.map((option) => shareCell(group, option))])));
}

function shareCell(group, option) {
  if (!group.total) return emptyCell();
  const count = group.counts[option.value] || 0;
  const share = count / group.total;
  const td = el("td", "share", String(count));
  const tone = option.tone || "neutral";
  const lightness = Math.round(95 - share * 65);
  td.style.backgroundColor = `hsl(${HUES[tone]} 60% ${lightness}%)`;
  td.classList.toggle("share-dark", lightness <= WHITE_FROM[tone]);
  return td;
}

/** The traffic-light items of an activity per organisation, as the succesfactoren's heat map: items as rows,
 * everyone and each organisation as columns, each cell its counts with icons, coloured from rood to groen. */
export function drawHeatmap(body, items, summaries) {
  const names = ordered(items.flatMap((item) => summaries[item.id].organisations.map((org) => org.name)));
  const people = new Map();
  for (const item of items) {
    for (const org of summaries[item.id].organisations) people.set(org.name, Math.max(people.get(org.name) || 0, org.total));
  }
  const rows = items.map((item) => {
    const summary = summaries[item.id];
    const byName = new Map(summary.organisations.map((org) => [org.name, org]));
    return [item.label, heatCell(summary, item.options), ...names.map((name) => heatCell(byName.get(name), item.options))];
  });
  body.replaceChildren(table("kind-table kind-heatmap",
    ["", t("Iedereen"), ...names.map((name) => `${organisationLabel(name)} (${people.get(name)})`)], rows));
  const options = items[0].options;
  const legend = el("p", "kind-note");
  const [before, after] = t("Per cel het aantal {options}; de kleur loopt van groen (iedereen ja) naar rood (iedereen nee).")
    .split("{options}");
  legend.append(before, ...options.flatMap((option, n) => [n ? " · " : "", iconOf(option), ` ${option.label.toLowerCase()}`]),
    after ?? "");
  body.append(legend);
}

/** An option's icon, an image named by the option. */
function iconOf(option) {
  const icon = el("span", `icon icon-${option.icon}`);
  icon.setAttribute("role", "img");
  icon.setAttribute("aria-label", option.label);
  return icon;
}

function heatCell(summary, options) {
  if (!summary || !summary.total) return emptyCell();
  const counts = options.map((option) => summary.counts[option.value] || 0);
  const chosen = counts.reduce((sum, n) => sum + n, 0);
  const td = scoreCell(options.reduce((sum, option, n) => sum + SCORE[option.tone] * counts[n], 0) / chosen);
  const shown = el("span");
  shown.setAttribute("aria-hidden", "true");
  shown.append(...options.map((option, n) => {
    const part = el("span", "heat-count");
    part.append(el("span", `icon icon-${option.icon}`), String(counts[n]));
    return part;
  }));
  td.append(shown, el("span", "visually-hidden", countsText(summary, options)));
  return td;
}
