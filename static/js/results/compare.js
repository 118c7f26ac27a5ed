// The view "vergelijking" of a later round, whatever its layout: per item the round before and this round side by
// side, the items that moved most first (the aggregate's `compare`, made by workshop/changes.py). A scale shows two
// bars with the means and n and the change; a choice (stoplicht) a stacked bar of shares per round and the change in
// percentage points. Then per organisation a table of each item's change. Readable without colour: every bar says
// its round and its numbers, every change has ▲ / ▼ and a signed number. The beamer never scrolls: what does not
// fit goes on pages that the facilitator turns, or that turn by themselves at the pace set (the activity's `wall`,
// as the card wall's: see wall.js `follow`); the console shows all.
import { formatNumber, t } from "../i18n.js";
import { el, organisationHeading, organisationLabel, shrinkToFit } from "./parts.js";
import { follow, newPager, shownPage, splitIntoPages, stopPager } from "./wall.js";

export const COMPARE_VIEW = "vergelijking";
const MIN_FIT = 0.5;  // the smallest type of the organisations' table on the beamer, relative to the normal size
const TONES = ["groen", "rood"];  // the options whose change a choice names (a stoplicht's); others: the largest

const pagers = new Map();  // activity id -> its pager (wall.js newPager): the beamer's page of the comparison

/** Show the comparison in `section` (the layout's own boxes hidden) when `on`; else hide it. */
export function showComparison(section, aggregate, settings, on) {
  const box = section.querySelector(":scope > .compare-view") ?? section.appendChild(el("div", "compare-view"));
  const pager = pagers.get(settings.activity.id);
  if (!on) {
    box.hidden = true;
    stopPager(pager);
    pagers.delete(settings.activity.id);
    return;
  }
  for (const child of section.children) child.hidden = child !== box;
  const compare = aggregate.compare;
  if (!compare) return box.replaceChildren(el("p", "cmp-empty", t("Nog niets te vergelijken.")));
  const items = new Map(settings.activity.items.map((item) => [item.id, item]));
  const order = compare.order.filter((id) => items.has(id));
  const rows = order.map((id) => itemRow(items.get(id), compare.items[id], compare));
  const heading = el("p", "cmp-legend", t("Ronde {before} en ronde {after}: wat het meest veranderde staat bovenaan. ▲ hoger, ▼ lager dan in ronde {before}.",
    { before: compare.with_round, after: compare.round }));
  const list = el("ol", "cmp-items");
  list.append(...rows);
  const organisations = organisationTable(compare, order, items);
  const body = el("div", "cmp-body");
  body.append(list, organisations);
  box.replaceChildren(heading, ...optionKey(items, order), body, el("p", "cmp-pager"));
  for (const segment of box.querySelectorAll(".cmp-stack .seg")) {  // a label too long for its share: its number only
    if (segment.scrollWidth > segment.clientWidth) segment.textContent = segment.dataset.share;
  }
  if (settings.moderating) return;
  // many items are many columns: the table's type smaller until it is no wider than the screen
  const table = organisations.querySelector(".cmp-table");
  if (table) shrinkToFit(table, "--fit", () => table.scrollWidth > table.clientWidth + 1, MIN_FIT);
  paginate(box, body, [...rows, organisations], settings.activity);
}

/** A signed number as the page's language writes it, with its arrow: "▲ +0,9", "▼ −1,2", "= 0". */
function signed(value, digits = 1, unit = "") {
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return `= 0${unit}`;
  return `${rounded > 0 ? "▲ +" : "▼ −"}${formatNumber(Math.abs(rounded), digits)}${unit}`;
}

const percent = (share) => `${formatNumber(Math.round(share * 100), 0)}%`;
const points = (shift) => signed(shift * 100, 0, " pp");

function itemRow(item, summary, compare) {
  const row = el("li", "cmp-item");
  row.dataset.item = item.id;
  const label = el("p", "cmp-label");
  label.append(el("strong", "", item.label));
  row.append(label);
  const rounds = [[compare.with_round, summary.before], [compare.round, summary.after]];
  if ((summary.after ?? summary.before)?.kind === "scale") {
    if (summary.shift) label.append(el("span", "cmp-shift", signed(summary.shift.mean)));
    row.append(...rounds.map(([round, brief]) => scaleRound(round, brief)));
  } else {
    if (summary.shift) label.append(el("span", "cmp-shift cmp-shift-choice", choiceShift(item, summary.shift)));
    row.append(...rounds.map(([round, brief]) => choiceRound(item, round, brief)));
  }
  return row;
}

/** Where the bars of choices leave out an option's name, the options' order says which part is which. */
function optionKey(items, order) {
  const choice = order.map((id) => items.get(id)).find((item) => item.kind === "choice");
  if (!choice) return [];
  const options = choice.options.map((option) => option.label).join(" · ");
  return [el("p", "cmp-key", t("In elke balk van links naar rechts: {options}.", { options }))];
}

function roundName(round) {
  return el("span", "cmp-round-name", t("ronde {n}", { n: round }));
}

/** "ronde 1 [bar] 6,2 (n=14)": the bar's length is the mean on the scale's width. */
function scaleRound(round, brief) {
  const line = el("p", "cmp-round");
  const track = el("span", "cmp-track");
  const fill = el("span", "cmp-fill");
  const answered = brief && brief.n > 0;
  fill.style.width = answered ? `${((brief.mean - brief.low) / (brief.high - brief.low)) * 100}%` : "0";
  track.append(fill);
  line.append(roundName(round), track, el("span", "cmp-figure", answered
    ? t("{mean} (n={n})", { mean: formatNumber(brief.mean, 1), n: formatNumber(brief.n, 0) })
    : t("nog geen antwoorden")));
  return line;
}

/** "ronde 1 [Ja 43% | Twijfel 36% | Nee 21%] n=14": the share of each option, its label written in it. */
function choiceRound(item, round, brief) {
  const line = el("p", "cmp-round");
  const bar = el("span", "cmp-stack");
  const answered = brief && brief.n > 0;
  if (answered) {
    bar.append(...item.options.map((option) => {
      const share = brief.shares[option.value] ?? 0;
      const segment = el("span", `seg seg-${option.tone || "neutral"}`, `${option.label} ${percent(share)}`);
      segment.dataset.share = percent(share);
      segment.style.flexGrow = share;
      segment.hidden = share === 0;
      segment.title = `${option.label}: ${percent(share)}`;
      return segment;
    }));
    bar.setAttribute("role", "img");
    bar.setAttribute("aria-label", item.options.map((option) =>
      `${option.label} ${percent(brief.shares[option.value] ?? 0)}`).join(", "));
  }
  line.append(roundName(round), bar, el("span", "cmp-figure", answered
    ? t("n={n}", { n: formatNumber(brief.n, 0) }) : t("nog geen antwoorden")));
  return line;
}

/** "groen ▲ +20 pp · rood ▼ −10 pp": a stoplicht's groen and rood, else the two options that changed most. */
function choiceShift(item, shift) {
  return namedOptions(item, shift).map((option) => `${optionName(option)} ${points(shift.shares[option.value])}`)
    .join(" · ");
}

function namedOptions(item, shift) {
  const toned = item.options.filter((option) => TONES.includes(option.tone));
  const named = toned.length ? toned : [...item.options]
    .sort((a, b) => Math.abs(shift.shares[b.value] ?? 0) - Math.abs(shift.shares[a.value] ?? 0)).slice(0, 2);
  return named.filter((option) => option.value in shift.shares);
}

function optionName(option) {
  if (option.tone === "groen") return t("groen");
  if (option.tone === "rood") return t("rood");
  return option.label;
}

/** Organisations as rows, the items (most moved first) as columns, each cell the change with its arrow. */
function organisationTable(compare, order, items) {
  const part = el("div", "cmp-organisations");
  part.append(el("h3", "cmp-heading", t("Per organisatie")));
  if (!compare.organisations.length) {
    part.append(el("p", "cmp-empty", t("Nog geen antwoorden per organisatie.")));
    return part;
  }
  const table = el("table");
  const head = el("tr");
  const corner = Object.assign(el("th", "", t("Organisatie")), { scope: "col" });
  head.append(corner, ...order.map((id) => Object.assign(el("th", "", items.get(id).label), { scope: "col" })));
  table.append(el("thead"), el("tbody"));
  table.tHead.append(head);
  for (const organisation of compare.organisations) {
    const row = el("tr");
    const name = Object.assign(el("th", "", organisationHeading(organisation.name)), { scope: "row" });
    name.title = organisationLabel(organisation.name);
    row.append(name, ...order.map((id) => shiftCell(items.get(id), organisation.items[id])));
    table.tBodies[0].append(row);
  }
  const scroller = el("div", "cmp-table");
  scroller.append(table);
  part.append(scroller, el("p", "cmp-key", t("Per cel de verandering sinds ronde {n}: van het gemiddelde, of van het aandeel in procentpunten.",
    { n: compare.with_round })));
  return part;
}

function shiftCell(item, summary) {
  const cell = el("td");
  if (!summary?.shift) {
    cell.className = "cmp-none";
    cell.textContent = "–";
    return cell;
  }
  if ("mean" in summary.shift) cell.textContent = signed(summary.shift.mean);
  else {  // narrow: one line per option, the unit (pp) in the table's legend
    cell.append(...namedOptions(item, summary.shift).map((option) =>
      el("span", "cmp-line", `${optionName(option)} ${signed(summary.shift.shares[option.value] * 100, 0)}`)));
  }
  return cell;
}

/** Beamer: the parts (item rows, the organisations' table) of `body` in pages that fit; the page shown follows
 * the activity's `wall` (its counter and pace), across redraws: a snapshot comes several times a second. */
function paginate(box, body, parts, activity) {
  const show = (shown) => parts.forEach((part, index) => { part.hidden = !shown.has(index); });
  const fits = (part) => part.getBoundingClientRect().bottom <= body.getBoundingClientRect().bottom + 0.5;
  const pages = splitIntoPages(parts.length, (remaining) => {
    show(new Set(remaining));
    return remaining.filter((index) => fits(parts[index]));
  });
  const pager = pagers.get(activity.id) ?? newPager();
  pagers.set(activity.id, pager);
  pager.apply = () => {
    const page = shownPage(pager, pages.length);
    show(new Set(pages[page]));
    box.querySelector(".cmp-pager").textContent = pages.length > 1
      ? t("pagina {page} van {count}", { page: page + 1, count: pages.length }) : "";
  };
  follow(pager, activity.wall);
  pager.apply();
}
