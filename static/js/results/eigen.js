// An own activity (and a library instrument without a view of its own): each item drawn by its answer kind
// (static/js/kinds/<kind>.js), for the whole group (view 'vragen') or per organisation ('organisaties').
// On the beamer the type shrinks until every item fits the screen.
import * as choice from "../kinds/choice.js";
import * as points from "../kinds/points.js";
import * as scale from "../kinds/scale.js";
import * as text from "../kinds/text.js";
import { overflows, shrinkToFit } from "./parts.js";

const KINDS = { choice, points, scale, text };
const MIN_FIT = 0.5;

export function render(root, aggregate, settings) {
  const box = root.querySelector(".eigen");
  box.dataset.view = settings.view;
  box.querySelector("[data-respondents]").textContent = aggregate.respondents;
  const byOrganisation = settings.view === "organisaties";
  const items = new Map(settings.activity.items.map((item) => [item.id, item]));
  for (const row of box.querySelectorAll(".eigen-item")) {
    const item = items.get(row.dataset.item);
    const summary = aggregate.items[row.dataset.item];
    const kind = KINDS[item?.kind];
    if (!kind || !summary) continue;
    const body = row.querySelector("[data-body]");
    body.className = "eigen-body";
    if (byOrganisation) kind.drawPerOrganisation(body, summary, item, settings);
    else kind.draw(body, summary, item, settings);
  }
  if (root.closest(".beamer")) shrinkToFit(box, "--eigen-fit", () => overflows(box), MIN_FIT);
}
