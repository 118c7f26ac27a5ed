// Quick scan result: per condition the distribution of grades with mean, median and a disagreement mark,
// or a table of the mean grade per organisation.
import { t } from "../i18n.js";
import { drawScale, el, format, ordered, organisationHeading, showRespondents } from "./parts.js";

export function render(root, aggregate, settings) {
  const box = root.querySelector(".qs");
  box.dataset.view = settings.view;
  showRespondents(box, aggregate.respondents);
  const byOrganisation = settings.view === "organisaties";
  box.querySelector(".qs-rows").hidden = byOrganisation;
  box.querySelector(".qs-organisations").hidden = !byOrganisation;
  for (const legend of box.querySelectorAll("[data-legend]")) {
    legend.hidden = (legend.dataset.legend === "organisaties") !== byOrganisation;
  }
  if (byOrganisation) drawOrganisations(box, aggregate);
  else {
    for (const row of box.querySelectorAll(".qs-row")) {
      const summary = aggregate.items[row.dataset.item];
      drawScale(row.querySelector("[data-dist]"), summary, row.querySelector("[data-stats]"));
      row.classList.toggle("qs-disagree", summary.disagree);
    }
  }
}

function drawOrganisations(box, aggregate) {
  // Every organisation that graded any condition, ordered as the server orders them: not in the order
  // of first appearance, or one that left the first condition open would land after the group without one.
  const names = ordered(Object.values(aggregate.items).flatMap((item) => item.organisations.map((o) => o.name)));
  const head = box.querySelector("thead tr");
  const heading = (text) => Object.assign(el("th", "", text), { scope: "col" });
  head.replaceChildren(head.firstElementChild, heading(t("Iedereen")),
    ...names.map((name) => heading(organisationHeading(name))));
  for (const row of box.querySelectorAll("tbody tr")) {
    const item = aggregate.items[row.dataset.item];
    const byName = new Map(item.organisations.map((o) => [o.name, o]));
    row.replaceChildren(row.firstElementChild, gradeCell(item), ...names.map((name) => gradeCell(byName.get(name))));
  }
}

function gradeCell(stats) {
  const td = el("td");
  if (!stats || stats.n === 0) {
    td.className = "heat-empty";
    td.textContent = "–";
    return td;
  }
  // From red (grade 1) to green (grade 10), dark enough for white text.
  td.style.backgroundColor = `hsl(${Math.round(((stats.mean - 1) / 9) * 130)} 60% 28%)`;
  const n = el("small", "", `n = ${stats.n}`);
  if (stats.disagree) n.append(" ", disagreeMark());
  td.append(el("strong", "", format(stats.mean)), el("span", "", ` (${format(stats.median)})`), n);
  return td;
}

/** ⚠, read out as 'verschil van inzicht'. */
function disagreeMark() {
  const mark = el("i", "disagree-mark", "⚠");
  mark.setAttribute("role", "img");
  mark.setAttribute("aria-label", t("verschil van inzicht"));
  return mark;
}
