// Halen en brengen result: the worksheet as a matrix. A row per organisation with its cards under belangen,
// halen and brengen, and the balance (mean, distribution, disagreement) of its participants' answers.
// On the beamer the matrix is fitted to the screen: fewer cards per cell, each count with somewhat smaller type.
import { t, tn } from "../i18n.js";
import { drawCards, drawScale, el, format, organisationLabel, overflows, showRespondents } from "./parts.js";

const COLUMNS = ["belangen", "halen", "brengen"];
const SIZES = [1, 0.9, 0.8, 0.72];  // smaller than this does not read from the back of the room
const LIMITS = [Infinity, 8, 6, 5, 4, 3, 2, 1];

export function render(root, aggregate, settings) {
  const box = root.querySelector(".hb");
  box.dataset.view = settings.view;
  showRespondents(box, aggregate.respondents);
  const organisations = aggregate.organisations;
  box.querySelector("[data-empty]").hidden = organisations.length > 0;
  const rows = box.querySelector("[data-rows]");
  const draw = (limit) => {
    rows.replaceChildren(...organisations.map((org) => row(org, settings, limit)));
    box.querySelector("[data-more]").hidden = limit === Infinity || !rows.querySelector(".hb-more-cards");
  };
  if (root.closest(".beamer")) fit(box, draw);
  else draw(Infinity);
}

/** The beamer never scrolls: fewer cards per cell (the highlighted and newest stay), each count tried with
 * somewhat smaller type first, until the matrix fits. */
function fit(box, draw) {
  const frame = box.querySelector("[data-frame]");
  for (const limit of LIMITS) {
    draw(limit);
    for (const size of SIZES) {
      box.style.setProperty("--hb-size", size);
      if (!overflows(frame)) return;
    }
  }
}

function row(org, settings, limit) {
  const tr = el("tr");
  tr.dataset.organisation = org.name;
  const name = el("th", "hb-org");
  name.scope = "row";
  name.append(el("strong", "", organisationLabel(org.name)), el("small", "", tn("{n} pers.", "{n} pers.", org.respondents)));
  tr.append(name, ...COLUMNS.map((item) => cardCell(org.cards[item], settings, limit, item)), balanceCell(org.balans));
  return tr;
}

function cardCell(cards, settings, limit, item) {
  const td = el("td", "hb-cell");
  td.dataset.item = item;
  const list = el("ul", "notes");
  const shown = drawCards(list, cards, settings, { organisation: false });
  if (shown > limit) {  // drawCards puts the highlighted and the newest first
    [...list.children].slice(limit).forEach((card) => card.remove());
    list.append(el("li", "hb-more-cards", t("+ {n} meer", { n: shown - limit })));
  }
  if (shown === 0) td.classList.add("hb-cell-empty");
  td.append(list);
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
