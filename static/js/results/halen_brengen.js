// Halen en brengen result: the worksheet as a matrix. A row per organisation with its cards under belangen,
// halen and brengen, and the balance (mean, distribution, disagreement) of its participants' answers.
// On the beamer the cards keep a readable size; when the matrix is full they page (results/wall.js).
import { t, tn } from "../i18n.js";
import { drawCards, drawScale, el, format, organisationLabel, showRespondents } from "./parts.js";
import { showWall } from "./wall.js";

const COLUMNS = ["belangen", "halen", "brengen"];

export function render(root, aggregate, settings) {
  const box = root.querySelector(".hb");
  box.dataset.view = settings.view;
  showRespondents(box, aggregate.respondents);
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
