// Punten verdelen on the beamer: the options ranked by their points, with the totals, big enough for the back
// row; per organisation each organisation's own ranking side by side.
import { t, tn } from "../i18n.js";
import { el, organisationLabel } from "../results/parts.js";
import { organisationsOf } from "./common.js";

// Dot voting on the beamer: the ten cards with the most dots, readable from the back row; the rest are counted
// in a line (all on the console).
const DOT_ROWS = 10;

export function draw(body, summary, item, settings = {}) {
  body.classList.add("points-ranking");
  if (!summary.per_option) {
    body.replaceChildren(ranking(summary.ranking, summary.totals, item.options));
    body.append(el("p", "points-note", tn("{n} persoon verdeelde {points} punten", "{n} personen verdeelden elk {points} punten",
      summary.total, { points: summary.points })));
    return;
  }
  body.classList.add("points-dots");
  const shown = settings.moderating ? summary.ranking.length : Math.min(DOT_ROWS, summary.ranking.length);
  body.replaceChildren(ranking(summary.ranking, summary.totals, item.options, shown));
  const rest = summary.ranking.length - shown;
  if (rest) body.append(el("p", "points-rest", tn("En nog {n} kaart met minder stippen (op de console)", "En nog {n} kaarten met minder stippen (op de console)", rest)));
  body.append(el("p", "points-note", tn("{n} persoon zette {points} stippen", "{n} personen zetten elk {points} stippen",
    summary.total, { points: summary.points })));
}

function ranking(values, totals, options, limit = values.length) {
  const labels = new Map(options.map((option) => [option.value, option.label]));
  const most = Math.max(1, ...Object.values(totals));
  const list = el("ol", "points-list");
  list.append(...values.slice(0, limit).map((value, n) => {
    const row = el("li", "points-row");
    const track = el("span", "points-track");
    const bar = el("span", "points-bar");
    bar.style.width = `${(totals[value] / most) * 100}%`;
    track.append(bar);
    row.append(el("span", "points-rank", String(n + 1)), el("span", "points-label", labels.get(value)), track,
      el("b", "points-total", String(totals[value])));
    row.classList.toggle("points-none", totals[value] === 0);
    return row;
  }));
  return list;
}

export function drawPerOrganisation(body, summary, item) {
  body.classList.add("points-organisations");
  const organisations = organisationsOf(summary);
  body.replaceChildren(...organisations.map((org) => {
    const column = el("section", "points-org");
    column.append(el("h4", "", `${organisationLabel(org.name)} (${org.total})`), ranking(org.ranking, org.totals, item.options, 5));
    return column;
  }));
  if (!organisations.length) body.append(el("p", "kind-empty", t("Nog geen punten verdeeld.")));
}
