// Quick scan result: per condition the distribution of grades with mean, median and a disagreement mark,
// or a table of the mean grade per organisation.
import { drawScale, el, format } from "./parts.js";

export function render(root, aggregate, settings) {
  const box = root.querySelector(".qs");
  box.dataset.view = settings.view;
  box.querySelector("[data-respondents]").textContent = aggregate.respondents;
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

// The server's name for answers without an organisation: its column comes last, as on the server.
const NO_ORGANISATION = "Zonder organisatie";

function drawOrganisations(box, aggregate) {
  // Every organisation that graded any condition, ordered as the server orders them: not in the order
  // of first appearance, or one that left the first condition open would land after "Zonder organisatie".
  const names = [...new Set(Object.values(aggregate.items).flatMap((item) => item.organisations.map((o) => o.name)))]
    .sort((a, b) => (a === NO_ORGANISATION) - (b === NO_ORGANISATION) || a.localeCompare(b, "nl"));
  const head = box.querySelector("thead tr");
  head.replaceChildren(head.firstElementChild, el("th", "", "Iedereen"), ...names.map((name) => el("th", "", name)));
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
  td.style.backgroundColor = `hsl(${Math.round(((stats.mean - 1) / 9) * 130)} 60% 31%)`;
  td.append(el("strong", "", format(stats.mean)), el("span", "", ` (${format(stats.median)})`),
    el("small", "", `n = ${stats.n}${stats.disagree ? " ⚠" : ""}`));
  return td;
}
