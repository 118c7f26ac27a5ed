// An own activity: each item drawn by its answer kind; per organisation in the view 'organisaties'.
import { drawCards, drawChoiceBar, drawScale, el } from "./parts.js";

export function render(root, aggregate, settings) {
  const box = root.querySelector(".eigen");
  box.dataset.view = settings.view;
  box.querySelector("[data-respondents]").textContent = aggregate.respondents;
  const items = new Map(settings.activity.items.map((item) => [item.id, item]));
  for (const row of box.querySelectorAll(".eigen-item")) {
    const item = items.get(row.dataset.item);
    const summary = aggregate.items[row.dataset.item];
    const body = row.querySelector("[data-body]");
    if (!item || !summary) continue;
    if (item.kind === "choice") drawChoiceBar(body, summary, item.options);
    else if (item.kind === "scale") drawScale(body, summary);
    else if (item.kind === "points") drawPoints(body, summary, item.options);
    else {
      const list = el("ul", "notes");
      drawCards(list, summary.cards, settings);
      body.replaceChildren(list);
    }
  }
}

/** The options ranked by their points: a bar each, as long as its share of the most points. */
function drawPoints(body, summary, options) {
  const labels = new Map(options.map((option) => [option.value, option.label]));
  const most = Math.max(1, ...Object.values(summary.totals));
  body.replaceChildren(...summary.ranking.map((value) => {
    const row = el("p", "points-row");
    const bar = el("span", "points-bar");
    bar.style.width = `${(summary.totals[value] / most) * 100}%`;
    row.append(el("span", "points-label", labels.get(value)), bar, el("b", "points-total", String(summary.totals[value])));
    return row;
  }));
}
