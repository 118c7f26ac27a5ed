// The phone: the results the facilitator released to the phones (`phone_results`), below the activity's form so
// the form stays usable, with a link to them at the top. Drawn from the activity's definition in the page's own
// language; every bar has its figure as text beside it.
import { announce } from "./common.js";
import { formatNumber, t, tn } from "./i18n.js";
import { onActivity, socket } from "./phone-room.js";
import { drawScale, el } from "./results/parts.js";

const box = document.getElementById("phone-results");
let current = null;  // the activity on the phone
let latest = null;   // the snapshot drawn: {activity_id, aggregate, seq}
let jump = null;     // the link to the results at the top of the activity

onActivity((activity, state) => {
  current = activity;
  if (!activity?.results_released) return withdraw();
  if (latest && latest.activity_id !== activity.id) withdraw();
  if (state?.phone_results) draw(state.phone_results);
});
socket.on("phone_results", draw);

/** The results are withdrawn (or another activity came): the phone drops them. */
function withdraw() {
  latest = null;
  box.hidden = true;
  box.replaceChildren();
  jump?.remove();
  jump = null;
}

function draw(snapshot) {
  if (!current?.results_released || snapshot.activity_id !== current.id) return;
  if (latest && snapshot.seq < latest.seq) return;  // an older snapshot that arrived late
  const first = !latest;
  latest = snapshot;
  const section = document.querySelector(`.activity[data-activity-id="${snapshot.activity_id}"]`);
  const { items, groups } = JSON.parse(section.dataset.resultItems);
  const heading = el("h2", "", t("Resultaten van de groep"));
  heading.id = "phone-results-heading";
  heading.tabIndex = -1;
  const { respondents } = snapshot.aggregate;
  box.replaceChildren(heading, el("p", "results-respondents",
    tn("{n} deelnemer heeft geantwoord.", "{n} deelnemers hebben geantwoord.", respondents)),
  ...itemsByGroup(items, groups, snapshot.aggregate.items));
  box.hidden = false;
  if (first) {
    addJump(section);
    announce(t("De resultaten van de groep staan onder de vragen."));
  }
}

/** The items the phones may see, under the heading of their group (a leadership role, say). */
function itemsByGroup(items, groups, summaries) {
  const labels = new Map(groups.map((group) => [group.id, group.label]));
  const nodes = [];
  let group = null;
  for (const item of items.filter((it) => it.id in summaries)) {
    if (item.group && item.group !== group && labels.has(item.group)) nodes.push(el("h3", "", labels.get(item.group)));
    group = item.group;
    nodes.push(itemResult(item, summaries[item.id]));
  }
  return nodes;
}

function itemResult(item, summary) {
  const box = el("div", "phone-result");
  box.append(el("h4", "", item.label));
  const draw = { choice: choiceRows, scale: scalePlot, points: pointsRows, text: cardList }[summary.kind];
  box.append(draw(item, summary));
  return box;
}

/** A row per option: its label, a bar, and the count with its share of those who answered. */
function choiceRows(item, summary) {
  if (!summary.total) return el("p", "results-empty", t("nog geen antwoorden"));
  const rows = item.options.map((option) => {
    const count = summary.counts[option.value] || 0;
    const share = Math.round((100 * count) / summary.total);
    return barRow(option.label, count / summary.total, t("{count} ({share}%)", {
      count: formatNumber(count, 0), share: formatNumber(share, 0) }), option.tone);
  });
  return listOf("ul", rows);
}

function scalePlot(item, summary) {
  const plot = el("div");
  drawScale(plot, summary);
  return plot;
}

/** The options, most points first. */
function pointsRows(item, summary) {
  if (!summary.total) return el("p", "results-empty", t("nog geen antwoorden"));
  const labels = new Map(item.options.map((option) => [option.value, option.label]));
  const most = Math.max(1, ...Object.values(summary.totals));
  return listOf("ol", summary.ranking.map((value) => barRow(labels.get(value), summary.totals[value] / most,
    tn("{n} punt", "{n} punten", summary.totals[value]))));
}

/** The visible cards the phone got; a highlighted one says so in words too. */
function cardList(item, summary) {
  if (!summary.count) return el("p", "results-empty", t("nog geen kaarten"));
  const list = listOf("ul", summary.cards.map((card) => {
    const li = el("li", card.highlighted ? "note note-highlighted" : "note");
    if (card.highlighted) li.append(el("span", "badge", t("uitgelicht")));
    li.append(el("p", "note-text", card.text));
    return li;
  }));
  list.classList.add("results-cards");
  const more = summary.count - summary.cards.length;
  if (!more) return list;
  const box = el("div");
  box.append(list, el("p", "results-more", tn("En nog {n} kaart.", "En nog {n} kaarten.", more)));
  return box;
}

function barRow(label, fraction, figure, tone = "") {
  const row = el("li", "results-row");
  const bar = el("span", "results-bar");
  const fill = el("span", `results-fill results-fill-${tone || "neutral"}`);
  fill.style.width = `${Math.round(fraction * 100)}%`;
  bar.append(fill);
  row.append(el("span", "results-label", label), bar, el("span", "results-figure", figure));
  return row;
}

function listOf(tag, rows) {
  const list = el(tag, "results-rows");
  list.append(...rows);
  return list;
}

/** A link at the top of the activity down to the results. */
function addJump(section) {
  jump = el("p", "results-jump");
  const link = el("a", "", t("Naar de resultaten van de groep"));
  link.href = "#phone-results-heading";
  jump.append(link);
  section.querySelector("h2").after(jump);
}
