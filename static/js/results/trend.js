// The view "verloop" of any layout: an instrument over the sessions of the network (the aggregate's `trend`, the
// instrument's entry of GET /api/sessions/<code>/trend with this session's column live). Per item a column per
// session, oldest first and labelled by its date (this session marked "nu"): a scale's mean as a bar with its number,
// a choice's shares as a stacked bar with the percentages; then the change from the first to the last session that
// was answered, signed and with ▲/▼. Then the same per organisation as a table. It opens a follow-up session ("this
// is where we were") before anyone answered, so this session's column may be empty. Numbers and signs carry
// everything: it reads without colour. The beamer never scrolls: rows that do not fit go to further pages, turned
// by the facilitator or at the pace set (the activity's `wall`, as the card wall's: see wall.js `follow`).
import { formatNumber, language, t, tn } from "../i18n.js";
import { el, format, NO_ORGANISATION, organisationHeading, overflows, shrinkToFit } from "./parts.js";
import { follow, newPager, shownPage, splitIntoPages, stopPager } from "./wall.js";

export const TREND_VIEW = "verloop";
const MIN_FIT = 0.7;  // the smallest type on the beamer before rows go to another page
const TOGETHER_FIT = 0.8;  // the smallest type to show the items and the organisations on one screen
const NARROW = 0.15;  // a smaller share's segment shows its percentage without its icon (the bar's label has all)
const REGIONS = { nl: "NL", en: "GB" };  // "12 mrt. 2026" and "12 Mar 2026"

const dateFormat = new Intl.DateTimeFormat(new Intl.Locale(language, { region: REGIONS[language] }),
  { day: "numeric", month: "short", year: "numeric" });

/** "12 mrt 2026": a session's date as a column's heading. */
export const sessionDate = (createdAt) => dateFormat.format(new Date(createdAt)).replace(".", "");

const answered = (brief) => Boolean(brief && brief.n);

/** The positions of the first and the last session that answered the item (`briefs`: one per session, null where
 * absent), or null when fewer than two did. */
export function span(briefs) {
  const positions = briefs.map((brief, n) => (answered(brief) ? n : -1)).filter((n) => n >= 0);
  return positions.length < 2 ? null : { first: positions[0], last: positions[positions.length - 1] };
}

/** The change from the first to the last answered session: a scale's mean (`{mean}`), or the share of the choice's
 * option `option` in percentage points (`{points}`); null when fewer than two sessions answered. */
export function changeOf(briefs, option) {
  const range = span(briefs);
  if (!range) return null;
  const [first, last] = [briefs[range.first], briefs[range.last]];
  if (first.kind === "scale") return { mean: Math.round((last.mean - first.mean) * 10) / 10 };
  return { points: Math.round(((last.shares[option] ?? 0) - (first.shares[option] ?? 0)) * 100) };
}

/** "▲ +0,8", "▼ −12", "= 0": a change (a mean, or percentage points of a share) with its sign written out; "–" for
 * none. */
export function changeText(change) {
  if (!change) return "–";
  const value = change.mean ?? change.points;
  const number = change.mean === undefined ? formatNumber(Math.abs(value), 0) : format(Math.abs(value));
  return value === 0 ? `= ${number}` : `${value > 0 ? "▲ +" : "▼ −"}${number}`;
}

/** "%-punt ja": what the change of a choice counts. */
const pointsOf = (option) => t("%-punt {option}", { option: option.label.toLowerCase() });

const percent = (share) => `${formatNumber((share ?? 0) * 100, 0)}%`;

/** The item's options from this session's definition (a choice), [] for a scale. */
const optionsOf = (activity, itemId) => activity?.items?.find((item) => item.id === itemId)?.options ?? [];

// --- drawing -------------------------------------------------------------------------------------------------

/** Show the trend view in `section` (the layout's own box hidden), or with `on` false hide it again. */
export function showTrend(section, aggregate, settings, on) {
  const found = section.querySelector(":scope > .trend");
  if (!on) {
    if (found) found.hidden = true;
    stopPaging(settings.activity.id);
    return;
  }
  const box = found ?? section.appendChild(el("div", "trend"));
  for (const child of section.children) child.hidden = child !== box;
  drawTrend(box, aggregate.trend, settings);
  if (!settings.moderating) page(box, settings.activity);
}

function drawTrend(box, trend, settings) {
  if (!trend || !trend.sessions?.length) {
    box.replaceChildren(el("p", "mv-empty", t("Deze activiteit komt in geen andere sessie van het netwerk voor.")));
    return;
  }
  const code = document.body.dataset.code;
  const columns = trend.sessions.map((session) => ({ ...session, now: session.code === code }));
  const legend = el("p", "legend trend-legend", tn("Verloop over {n} sessie, de oudste eerst.",
    "Verloop over {n} sessies, de oudste eerst.", columns.length));
  legend.append(" ", el("span", "", t("Verschil: van de eerste tot de laatste sessie met antwoorden.")));
  const parts = [itemsPart(trend, columns, settings.activity)];
  if (trend.organisations?.some((organisation) => organisation.name !== NO_ORGANISATION)) {
    parts.push(organisationsPart(trend, columns, settings.activity));
  }
  box.replaceChildren(legend, ...parts, el("p", "trend-pager"));
}

/** A column heading per session: its date, its title small, and "nu" on this one. */
function sessionHeadings(columns) {
  return columns.map((session) => {
    const th = el("th", session.now ? "trend-now" : "");
    th.scope = "col";
    th.append(el("span", "trend-date", sessionDate(session.created_at)));
    if (session.now) th.append(" ", el("strong", "trend-now-mark", t("nu")));
    th.append(el("small", "trend-title", session.title));
    return th;
  });
}

function heading(text, className = "") {
  const th = el("th", className, text);
  th.scope = "col";
  return th;
}

/** What every item's change counts, when it is the same for all ("%-punt ja" for the succesfactoren): said once, in
 * the column's heading. */
function sharedUnit(trend, activity) {
  const units = new Set(trend.order.map((itemId) => {
    const option = optionsOf(activity, itemId)[0];
    return option ? pointsOf(option) : "";
  }));
  return units.size === 1 ? [...units][0] : null;
}

function itemsPart(trend, columns, activity) {
  const table = el("table", "trend-table");
  const unit = sharedUnit(trend, activity);
  const change = heading(t("Verschil"), "trend-change");
  if (unit) change.append(el("small", "", unit));
  table.createTHead().append(row(heading(t("Onderdeel")), ...sessionHeadings(columns), change));
  const body = table.createTBody();
  for (const itemId of trend.order) {
    const briefs = trend.items[itemId] ?? [];
    const options = optionsOf(activity, itemId);
    const label = el("th", "trend-label", trend.labels[itemId] ?? itemId);
    label.scope = "row";
    const cells = columns.map((session, n) => briefCell(briefs[n], options, session.now));
    const tr = row(label, ...cells, changeCell(changeOf(briefs, options[0]?.value), unit === null && options[0]));
    tr.dataset.item = itemId;
    body.append(tr);
  }
  const part = el("section", "trend-part trend-items");
  part.dataset.part = "items";
  part.append(table);
  return part;
}

function row(...cells) {
  const tr = el("tr");
  tr.append(...cells);
  return tr;
}

/** One session's brief of an item: a scale's mean as a bar and a number, a choice's shares as a stacked bar. */
function briefCell(brief, options, now) {
  const td = el("td", "trend-cell");
  if (!answered(brief)) {
    td.classList.add("trend-empty");
    td.append(el("span", "", now ? t("nog geen antwoorden") : "–"));
    if (!now) td.title = t("niet gemeten in deze sessie");
    return td;
  }
  const line = el("div", "trend-answered");
  line.append(brief.kind === "scale" ? meanBar(brief) : shareBar(brief, options), el("small", "trend-n", `n = ${brief.n}`));
  td.append(line);
  return td;
}

function meanBar(brief) {
  const box = el("span", "trend-mean");
  const track = el("span", "trend-track");
  const fill = el("span", "trend-fill");
  fill.style.width = `${((brief.mean - brief.low) / (brief.high - brief.low)) * 100}%`;
  track.append(fill);
  track.setAttribute("aria-hidden", "true");
  box.append(track, el("strong", "trend-figure", format(brief.mean)));
  box.title = t("gemiddeld {value} op {low}–{high}", { value: format(brief.mean), low: brief.low, high: brief.high });
  return box;
}

/** '62% ja, 25% twijfelachtig, 13% nee'. */
const sharesText = (brief, options) => options
  .map((option) => `${percent(brief.shares[option.value])} ${option.label.toLowerCase()}`).join(", ");

function shareBar(brief, options) {
  const bar = el("span", "trend-shares");
  bar.setAttribute("role", "img");
  bar.setAttribute("aria-label", sharesText(brief, options));
  bar.append(...options.map((option) => {
    const share = brief.shares[option.value] ?? 0;
    const segment = el("span", `seg seg-${option.tone || "neutral"}`);
    segment.style.flexGrow = share;
    segment.hidden = share === 0;
    segment.classList.toggle("seg-narrow", share < NARROW);
    segment.title = `${percent(share)} ${option.label}`;
    if (option.icon) {
      const icon = el("span", `icon icon-${option.icon}`);
      icon.setAttribute("aria-hidden", "true");
      segment.append(icon);
    } else segment.append(el("span", "trend-option", option.label));
    segment.append(el("b", "", percent(share)));
    return segment;
  }));
  return bar;
}

/** The change of an item, with what it counts below it unless the column's heading says so for every item. */
function changeCell(change, option) {
  const td = el("td", "trend-change", changeText(change));
  if (change && change.points !== undefined && option) td.append(el("small", "", pointsOf(option)));
  return td;
}

function organisationsPart(trend, columns, activity) {
  const named = trend.organisations;
  const table = el("table", "trend-table trend-organisations");
  table.createTHead().append(row(heading(t("Onderdeel")),
    ...named.map((organisation) => heading(organisationHeading(organisation.name)))));
  const body = table.createTBody();
  for (const itemId of trend.order) {
    const option = optionsOf(activity, itemId)[0];
    const label = el("th", "trend-label", trend.labels[itemId] ?? itemId);
    label.scope = "row";
    const tr = row(label, ...named.map((organisation) =>
      organisationCell(organisation.items[itemId] ?? [], columns, option)));
    tr.dataset.item = itemId;
    body.append(tr);
  }
  const part = el("section", "trend-part trend-by-organisation");
  part.dataset.part = "organisations";
  const choice = trend.order.map((itemId) => optionsOf(activity, itemId)[0]).find(Boolean);
  const legend = choice
    ? t("Per cel de sessies na elkaar (– = niet gemeten): het aandeel ‘{option}’, en het verschil in procentpunten.",
      { option: choice.label.toLowerCase() })
    : t("Per cel het gemiddelde per sessie na elkaar (– = niet gemeten), en het verschil.");
  part.append(el("h3", "trend-heading", t("Per organisatie")), el("p", "heat-legend", legend), table);
  return part;
}

/** An organisation's item over the sessions: "6,2 → – → 7,4" and the change below it. */
function organisationCell(briefs, columns, option) {
  const td = el("td", "trend-cell");
  if (!briefs.some(answered)) {
    td.classList.add("trend-empty");
    td.textContent = "–";
    return td;
  }
  const value = (brief) => {
    if (!answered(brief)) return "–";
    return brief.kind === "scale" ? format(brief.mean) : percent(brief.shares[option?.value]);
  };
  const sessions = columns.map((session, n) => `${sessionDate(session.created_at)}: ${value(briefs[n])}`).join(", ");
  const line = el("span", "trend-values", columns.map((_, n) => value(briefs[n])).join(" → "));
  line.title = sessions;
  td.append(line, el("strong", "trend-change", changeText(changeOf(briefs, option?.value))));  // the legend says what
  return td;
}

// --- the beamer's pages ----------------------------------------------------------------------------------------

const pagers = new Map();  // activity id -> its pager (wall.js newPager)

function stopPaging(activityId) {
  stopPager(pagers.get(activityId));
  pagers.delete(activityId);
}

/** Fit the trend on the beamer: all of it on one screen if it fits with type down to TOGETHER_FIT; else each part
 * alone with its type down to MIN_FIT, its rows in pages (the items first, then the organisations), the page shown
 * following the activity's `wall`, and "pagina 1 van 3" says where it is. */
function page(box, activity) {
  const pager = box.querySelector(".trend-pager");
  const parts = [...box.querySelectorAll(".trend-part")];
  const only = (part) => { for (const other of parts) other.hidden = part !== null && other !== part; };
  pager.textContent = "";
  only(null);
  shrinkToFit(box, "--fit", () => parts.some(overflows), TOGETHER_FIT);
  let pages = [{ part: null, rows: null, fit: null }];
  if (parts.some(overflows)) {
    pager.textContent = t("pagina {page} van {count}", { page: 1, count: 2 });  // its room, while measuring
    pages = parts.flatMap((part) => {
      only(part);
      const fit = shrinkToFit(box, "--fit", () => overflows(part), MIN_FIT);
      return rowPages(part).map((rows) => ({ part, rows, fit }));
    });
  }
  const state = pagers.get(activity.id) ?? newPager();
  pagers.set(activity.id, state);
  state.apply = () => {
    const index = shownPage(state, pages.length);
    const { part, rows, fit } = pages[index];
    if (fit) box.style.setProperty("--fit", fit);
    only(part);
    if (part) [...part.querySelectorAll("tbody tr")].forEach((tr, n) => { tr.hidden = !rows.includes(n); });
    pager.textContent = t("pagina {page} van {count}", { page: index + 1, count: pages.length });
    pager.hidden = pages.length < 2;
  };
  follow(state, activity.wall);
  state.apply();
}

/** The rows of a part's table split into pages that each fit the part's height. */
function rowPages(part) {
  const rows = [...part.querySelectorAll("tbody tr")];
  return splitIntoPages(rows.length, (remaining) => {
    rows.forEach((tr, n) => { tr.hidden = !remaining.includes(n); });
    const bottom = part.getBoundingClientRect().bottom;
    return remaining.filter((n) => rows[n].getBoundingClientRect().bottom <= bottom + 0.5);
  });
}
