// Free-text cards on the beamer: all of them, or grouped by organisation in columns.
import { t } from "../i18n.js";
import { drawCards, el, ordered, organisationLabel } from "../results/parts.js";

export function draw(body, summary, item, settings) {
  const list = el("ul", "notes");
  drawCards(list, summary.cards, settings);
  body.replaceChildren(list);
}

export function drawPerOrganisation(body, summary, item, settings) {
  body.classList.add("cards-organisations");
  const names = ordered(summary.cards.filter((card) => settings.moderating || !card.hidden)
    .map((card) => card.organisation));
  body.replaceChildren(...names.map((name) => {
    const column = el("section", "cards-org");
    const list = el("ul", "notes");
    drawCards(list, summary.cards.filter((card) => card.organisation === name), settings, { organisation: false });
    column.append(el("h4", "", organisationLabel(name)), list);
    return column;
  }));
  if (!names.length) body.append(el("p", "kind-empty", t("Nog geen kaarten.")));
}
