// Motieven result: three columns of cards (instrumentele, affectieve, morele motieven), all together above
// the two scales 'In hoeverre…' (view kolommen), or grouped under organisation headings (organisaties; the
// beamer leaves the scales out there for room); or the two scales large, with the mean per organisation
// (vragen). On the beamer the cards keep their size and page when a column is full (results/wall.js).
import { formatNumber, t, tn } from "../i18n.js";
import { drawCards, drawScale, el, format, organisationLabel, showRespondents } from "./parts.js";
import { showWall } from "./wall.js";

export function render(root, aggregate, settings) {
  const box = root.querySelector(".mv");
  // The views as workshop/activities/motieven.py lists them: all cards, cards per organisation, the two scales.
  const views = settings.activity.views.map((v) => v.id);
  const [, byOrganisation, scales] = views;
  const view = views.includes(settings.view) ? settings.view : views[0];
  box.dataset.view = view;
  showRespondents(box, aggregate.respondents);
  const scalesOnly = view === scales;
  box.querySelector(".mv-columns").hidden = scalesOnly;
  box.querySelector('[data-lead="cards"]').hidden = scalesOnly;
  box.querySelector('[data-lead="scales"]').hidden = !scalesOnly;

  let total = 0;
  for (const column of box.querySelectorAll(".mv-column")) {
    const cards = aggregate.items[column.dataset.item].cards;
    const target = column.querySelector("[data-cards]");
    // Only the current view's cards are in the page: the other view is not drawn at all.
    if (scalesOnly) target.replaceChildren();
    else if (view === byOrganisation) drawGroups(target, cards, aggregate.organisations, settings);
    else drawAll(target, cards, settings);
    const visible = cards.filter((card) => !card.hidden).length;  // what the beamer shows
    column.querySelector("[data-count]").textContent = visible;
    total += visible;
  }
  box.querySelector("[data-total]").textContent = formatNumber(total, 0);
  box.querySelector("[data-total-word]").textContent = tn("kaart", "kaarten", total);

  for (const section of box.querySelectorAll(".mv-scale")) {
    const summary = aggregate.items[section.dataset.item];
    drawScale(section.querySelector("[data-dist]"), summary, section.querySelector("[data-stats]"));
    const orgs = section.querySelector("[data-orgs]");
    orgs.hidden = !scalesOnly || summary.organisations.length === 0;
    if (scalesOnly) drawOrganisationMeans(orgs, summary);
  }
  if (root.closest(".beamer")) {
    showWall(root, aggregate, settings, [...box.querySelectorAll(".mv-cards")], { groups: ".mv-group" });
  }
}

function drawAll(target, cards, settings) {
  const list = el("ul", "notes");
  const shown = drawCards(list, cards, settings);
  target.replaceChildren(shown ? list : el("p", "mv-empty", t("Nog geen kaarten.")));
}

/** Per organisation a heading and its cards; an organisation without cards here shows as 'nog niets'. */
function drawGroups(target, cards, organisations, settings) {
  const groups = organisations.map(({ name }) => {
    const list = el("ul", "notes");
    const mine = cards.filter((card) => card.organisation === name);
    const shown = drawCards(list, mine, settings, { organisation: false });
    const visible = mine.filter((card) => !card.hidden).length;
    const group = el("div", shown ? "mv-group" : "mv-group mv-group-empty");
    group.dataset.organisation = name;
    const heading = el("h4", "mv-org", organisationLabel(name));
    heading.append(el("small", "", visible ? String(visible) : t("nog niets")));
    group.append(heading);
    if (shown) group.append(list);
    return group;
  });
  target.replaceChildren(...(groups.length ? groups : [el("p", "mv-empty", t("Nog geen kaarten."))]));
}

/** The mean per organisation on a 1–5 track, for the scales view. */
function drawOrganisationMeans(list, summary) {
  const steps = summary.high - summary.low;
  list.replaceChildren(...summary.organisations.map((org) => {
    const li = el("li", org.disagree ? "mv-org-mean mv-org-disagree" : "mv-org-mean");
    const track = el("span", "mv-track");
    track.setAttribute("aria-hidden", "true");  // the mean is written beside it
    const dot = el("i", "mv-dot");
    dot.style.left = `${((org.mean - summary.low) / steps) * 100}%`;
    track.append(dot);
    li.append(el("span", "mv-org-name", organisationLabel(org.name)), track, el("b", "", format(org.mean)),
      el("small", "", `n = ${org.n}`));
    return li;
  }));
}
