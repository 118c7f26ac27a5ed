// An own activity (and a library instrument without a view of its own): each item drawn by its answer kind
// (static/js/kinds/<kind>.js), for the whole group (view 'vragen') or per organisation ('organisaties').
// On the beamer the type shrinks until every item fits the screen with one card per list; the cards keep a
// readable size (eigen.css) and page when they do not all fit (results/wall.js).
import * as choice from "../kinds/choice.js";
import * as points from "../kinds/points.js";
import * as scale from "../kinds/scale.js";
import * as text from "../kinds/text.js";
import { overflows, showRespondents, shrinkToFit } from "./parts.js";
import { keepPagerRoom, showWall } from "./wall.js";

const KINDS = { choice, points, scale, text };
const MIN_FIT = 0.5;
const COMPACT_FROM = 6;  // more items than this: a stoplicht is one stacked bar, so they fit the screen

export function render(root, aggregate, settings) {
  const box = root.querySelector(".eigen");
  box.dataset.view = settings.view;
  showRespondents(box, aggregate.respondents);
  const byOrganisation = settings.view === "organisaties";
  const items = new Map(settings.activity.items.map((item) => [item.id, item]));
  const options = { ...settings, compact: items.size > COMPACT_FROM };
  // Per organisation the traffic lights share one heat map, in the place of the first of them.
  const lights = byOrganisation ? [...items.values()].filter((item) => choice.isStoplicht(item) && aggregate.items[item.id]) : [];
  for (const row of box.querySelectorAll(".eigen-item")) {
    const item = items.get(row.dataset.item);
    const summary = aggregate.items[row.dataset.item];
    const kind = KINDS[item?.kind];
    if (!kind || !summary) continue;
    const body = row.querySelector("[data-body]");
    body.className = "eigen-body";
    body.removeAttribute("role");  // a kind may have made it an image of its counts
    body.removeAttribute("aria-label");
    const inHeatmap = lights.includes(item);
    row.hidden = inHeatmap && item !== lights[0];
    row.classList.toggle("eigen-heatmap", inHeatmap);
    if (inHeatmap) {
      if (item === lights[0]) choice.drawHeatmap(body, lights, aggregate.items);
    } else if (byOrganisation) kind.drawPerOrganisation(body, summary, item, options);
    else kind.draw(body, summary, item, options);
  }
  if (root.closest(".beamer")) {
    // The other items make room for at least one card of each list; the rest of the cards go on pages.
    const firsts = new Set([...box.querySelectorAll(".notes")].map((list) => list.querySelector(".note")));
    for (const card of box.querySelectorAll(".note")) card.hidden = !firsts.has(card);
    keepPagerRoom(root, [box]);
    shrinkToFit(box, "--eigen-fit", () => overflows(box), MIN_FIT);
    showWall(root, aggregate, settings, [box], { groups: ".cards-org", fixed: ".eigen-item:not(.eigen-text)" });
  }
}
