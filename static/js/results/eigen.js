// An own activity (and a library instrument without a view of its own): each item drawn by its answer kind
// (static/js/kinds/<kind>.js), for the whole group (view 'vragen') or per organisation ('organisaties').
// On the beamer the type shrinks until every item fits the screen.
import * as choice from "../kinds/choice.js";
import * as points from "../kinds/points.js";
import * as scale from "../kinds/scale.js";
import * as text from "../kinds/text.js";
import { tn } from "../i18n.js";
import { dropUntilFits, overflows, showRespondents, shrinkToFit } from "./parts.js";

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
  const dropped = box.querySelector("[data-dropped]");
  dropped.hidden = true;
  if (root.closest(".beamer")) fit(box, dropped);
}

/** Beamer: smaller type until every item fits; if the cards still do not, the oldest make way, and the legend
 * says how many are on the console only. */
function fit(box, dropped) {
  shrinkToFit(box, "--eigen-fit", () => overflows(box), MIN_FIT);
  dropUntilFits(box, [...box.querySelectorAll(".note")], (n) => {
    dropped.hidden = false;
    dropped.textContent = tn("{n} kaart past niet op het scherm (wel op de console)",
      "{n} kaarten passen niet op het scherm (wel op de console)", n);
  });
  for (const column of box.querySelectorAll(".cards-org")) column.hidden = !column.querySelector(".note:not([hidden])");
}
