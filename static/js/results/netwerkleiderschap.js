// Netwerkleiderschap result: the four roles in the model's quadrant (richten / inrichten & verrichten ×
// verduurzamen / vernieuwen), each with how well it is covered and the names mentioned most, plus the balance
// answer; or the same quadrant with each role's cards (persoonlijke bijdrage, versterking). On the beamer the
// cards keep their size and page when a list is full (results/wall.js). The console also
// lists the cards the names come from, so the facilitator can hide one (hidden cards are not counted).
import { t, tn } from "../i18n.js";
import { drawCards, drawChoiceBar, dropUntilFits, el, showRespondents } from "./parts.js";
import { leaveWall, showWall } from "./wall.js";

export function render(root, aggregate, settings) {
  const box = root.querySelector(".nl");
  // The views as workshop/activities/netwerkleiderschap.py lists them: the quadrant, then each role's cards.
  const views = settings.activity.views.map((v) => v.id);
  const view = views.includes(settings.view) ? settings.view : views[0];
  const cardsView = view === views[1];
  box.dataset.view = view;
  showRespondents(box, aggregate.respondents);
  for (const lead of box.querySelectorAll("[data-lead]")) lead.hidden = lead.dataset.lead !== view;
  box.querySelector(".nl-balance").hidden = cardsView;
  const options = settings.activity.items.find((item) => item.kind === "choice").options;

  for (const role of aggregate.roles) {
    const article = box.querySelector(`.nl-role[data-role="${role.id}"]`);
    article.querySelector(".nl-summary").hidden = cardsView;
    article.querySelector(".nl-role-cards").hidden = !cardsView;
    if (cardsView) {
      for (const part of article.querySelectorAll(".nl-part")) drawPart(part, aggregate.items[part.dataset.item], settings);
    } else {
      drawChoiceBar(article.querySelector("[data-coverage]"), role.coverage, options);
      drawNames(article.querySelector("[data-names]"), role, !settings.moderating);
      // Only the current view's cards are in the page; the console also lists the cards with names, to moderate.
      for (const list of article.querySelectorAll(".nl-part [data-cards]")) list.replaceChildren();
      const nameCards = article.querySelector(".nl-name-cards");
      nameCards.hidden = !settings.moderating;
      if (settings.moderating) drawPart(nameCards, aggregate.items[nameCards.dataset.item], settings);
    }
  }
  if (!cardsView) drawChoiceBar(box.querySelector("[data-balance]"), aggregate.balance, options);
  if (cardsView && root.closest(".beamer")) {
    showWall(root, aggregate, settings, [...box.querySelectorAll(".nl-role-cards [data-cards]")]);
  } else if (root.closest(".beamer")) leaveWall(root, settings.activity.id);  // the quadrant: no pager of the cards
}

/** The names mentioned most, each with the number of participants who named it. On the beamer the last names
 * make way for "+ N andere namen" when they do not fit the role's box. */
function drawNames(list, role, fitting) {
  const chips = role.names.map(({ name, count }) => {
    const li = el("li", "nl-name");
    li.append(el("span", "nl-name-text", name), el("b", "nl-name-count", String(count)));
    li.title = tn("{name}: genoemd door {n} deelnemer", "{name}: genoemd door {n} deelnemers", count, { name });
    return li;
  });
  const more = el("li", "nl-more");
  const showMore = (n) => {
    more.textContent = tn("+ {n} andere naam", "+ {n} andere namen", n);
    more.hidden = n === 0;
  };
  showMore(role.more_names);
  list.replaceChildren(...(chips.length ? [...chips, more] : [el("li", "nl-empty", t("nog geen namen"))]));
  if (fitting) dropUntilFits(list, chips, (n) => showMore(role.more_names + n));
}

function drawPart(part, summary, settings) {
  const list = part.querySelector("[data-cards]");
  const shown = drawCards(list, summary.cards, settings);
  part.querySelector("[data-count]").textContent = summary.cards.filter((card) => !card.hidden).length;
  if (!shown) list.replaceChildren(el("li", "nl-empty", t("nog geen kaarten")));
}
