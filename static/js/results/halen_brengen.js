// Halen en brengen result: the worksheet as a matrix. A row per organisation with its cards under belangen,
// halen and brengen, and the balance (mean, distribution, disagreement) of its participants' answers.
// On the beamer the cards keep a readable size; when the matrix is full they page (results/wall.js).
// The view "wederkerigheid": per pair of organisations what the row's organisation asks of the column's and what
// that one offers it, each pair flagged by an icon and words (the aggregate's `reciprocity`); on the beamer its
// cards page the same way.
import { t, tn } from "../i18n.js";
import { drawCards, drawScale, el, format, organisationHeading, organisationLabel, showRespondents } from "./parts.js";
import { showWall } from "./wall.js";

const COLUMNS = ["belangen", "halen", "brengen"];

export function render(root, aggregate, settings) {
  const box = root.querySelector(".hb");
  const views = settings.activity.views.map((v) => v.id);
  const view = views.includes(settings.view) ? settings.view : views[0];
  box.dataset.view = view;
  showRespondents(box, aggregate.respondents);
  for (const lead of box.querySelectorAll("[data-lead]")) lead.hidden = lead.dataset.lead !== view;
  const reciprocal = view === "wederkerigheid";
  box.querySelector("[data-frame]").hidden = reciprocal;
  box.querySelector("[data-recip]").hidden = !reciprocal;
  if (reciprocal) renderReciprocity(root, box, aggregate, settings);
  else renderMatrix(root, box, aggregate, settings);
}

function renderMatrix(root, box, aggregate, settings) {
  const organisations = aggregate.organisations;
  box.querySelector("[data-empty]").hidden = organisations.length > 0;
  box.querySelector("[data-rows]").replaceChildren(...organisations.map((org) => row(org, settings)));
  if (root.closest(".beamer")) showWall(root, aggregate, settings, [box.querySelector("[data-frame]")],
      { groups: "tbody tr", whole: ".hb-org > *, .hb-balance > *" });
}

function row(org, settings) {
  const tr = el("tr");
  tr.dataset.organisation = org.name;
  const name = el("th", "hb-org");
  name.scope = "row";
  name.append(el("strong", "", organisationLabel(org.name)), el("small", "", tn("{n} pers.", "{n} pers.", org.respondents)));
  tr.append(name, ...COLUMNS.map((item) => cardCell(org.cards[item], settings, item)), balanceCell(org.balans));
  return tr;
}

function cardCell(cards, settings, item) {
  const td = el("td", "hb-cell");
  td.dataset.item = item;
  const list = el("ul", "notes");
  const shown = drawCards(list, cards, settings, { organisation: false });
  if (shown === 0) td.classList.add("hb-cell-empty");
  td.append(list);
  return td;
}

// --- wederkerigheid -----------------------------------------------------------------------------------------

const FLAGS = {
  matched: { icon: "✓", label: () => t("gevraagd en aangeboden") },
  unmet: { icon: "⚠", label: () => t("gevraagd, niemand biedt het aan") },
  unasked: { icon: "+", label: () => t("aangeboden, niemand vraagt het") },
};

function renderReciprocity(root, box, aggregate, settings) {
  const { organisations, pairs, unnamed } = aggregate.reciprocity;
  const cards = new Map(aggregate.organisations.flatMap((org) => Object.values(org.cards).flat())
    .map((card) => [card.id, card]));
  const byPair = new Map(pairs.map((pair) => [`${pair.asker}\u0000${pair.giver}`, pair]));
  box.querySelector("[data-recip-empty]").hidden = pairs.length > 0;
  box.querySelector("table.hb-recip-matrix").hidden = pairs.length === 0;
  const head = box.querySelector("[data-recip-head]");
  head.replaceChildren(head.firstElementChild, ...organisations.map((name) => {
    const th = el("th", "hb-recip-giver", organisationHeading(name));
    th.scope = "col";
    return th;
  }));
  // The flags' key and counts, and the cards naming nobody: above the matrix, on every page.
  const flags = box.querySelector("[data-recip-flags]");
  flags.replaceChildren(...Object.entries(FLAGS).map(([flag, { icon, label }]) => {
    const count = pairs.filter((pair) => pair.flag === flag).length;
    const item = el("span", `hb-flag hb-flag-${flag}`);
    item.append(el("span", "hb-flag-icon", icon), `${label()}: ${count}`);
    return item;
  }));
  if (unnamed.halen.length + unnamed.brengen.length) {
    flags.append(el("span", "hb-recip-unnamed", t("Zonder organisatie genoemd: {asks} bij halen, {brings} bij brengen.",
      { asks: unnamed.halen.length, brings: unnamed.brengen.length })));
  }
  box.querySelector("[data-recip-rows]").replaceChildren(...organisations.map((asker) => {
    const tr = el("tr");
    const th = el("th", "hb-org");
    th.scope = "row";
    th.append(el("strong", "", organisationLabel(asker)));
    tr.append(th, ...organisations.map((giver) => pairCell(asker, giver, byPair.get(`${asker}\u0000${giver}`), cards, settings)));
    return tr;
  }));
  // A row (who asks) and a part of a pair (what is asked, what is offered) show while one of their cards does.
  if (root.closest(".beamer")) showWall(root, aggregate, settings, [box.querySelector("[data-recip-frame]")],
      { groups: "tbody tr, .hb-part" });
}

/** What `asker` asks of `giver` and what `giver` offers `asker`, with the pair's flag; "–" when nothing. */
function pairCell(asker, giver, pair, cards, settings) {
  const td = el("td", "hb-pair");
  td.dataset.asker = asker;
  td.dataset.giver = giver;
  if (asker === giver) {
    td.classList.add("hb-self");
    td.append(el("span", "visually-hidden", t("zelfde organisatie")));
    return td;
  }
  if (!pair) {
    td.classList.add("hb-cell-empty");
    return td;
  }
  td.classList.add(`hb-pair-${pair.flag}`);
  td.dataset.flag = pair.flag;
  const { icon, label } = FLAGS[pair.flag];
  const flag = el("p", `hb-flag hb-flag-${pair.flag}`);
  flag.append(el("span", "hb-flag-icon", icon), el("span", "hb-flag-label", label()));
  td.append(flag);
  const part = (ids, heading, kind) => {
    if (!ids.length) return;
    const section = el("div", `hb-part hb-part-${kind}`);
    const list = el("ul", "notes");
    if (!drawCards(list, ids.map((id) => cards.get(id)).filter(Boolean), settings, { organisation: false })) return;
    section.append(el("p", "hb-part-label", heading), list);
    td.append(section);
  };
  part(pair.asks, t("vraagt"), "asks");
  part(pair.brings, t("{organisation} biedt aan", { organisation: organisationLabel(giver) }), "brings");
  return td;
}

function balanceCell(balans) {
  const td = el("td", "hb-balance");
  if (balans.n === 0) {
    td.classList.add("hb-cell-empty");
    td.append(el("span", "hb-none", t("nog geen antwoord")));
    return td;
  }
  const mean = el("strong", "hb-mean", format(balans.mean));
  mean.title = t("gemiddeld {mean} op {low}–{high}", { mean: format(balans.mean), low: balans.low, high: balans.high });
  // From red (1, not in balance) to green (5, in balance), dark enough for white text.
  mean.style.backgroundColor = `hsl(${Math.round(((balans.mean - balans.low) / (balans.high - balans.low)) * 130)} 60% 28%)`;
  const plot = el("div", "hb-dist");
  const stats = el("div", "hb-stats");
  drawScale(plot, balans, stats);
  td.classList.toggle("hb-disagree", balans.disagree);
  td.append(mean, el("span", "hb-mean-label", t("gemiddeld")), plot, stats);
  return td;
}
