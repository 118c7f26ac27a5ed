// Succesfactoren result: stacked traffic-light bars, the same ordered by priority, or a heat map per organisation.
import { t, tn } from "../i18n.js";
import { organisationHeading, showRespondents } from "./parts.js";

const COLOURS = ["groen", "oranje", "rood"];
const ICONS = { groen: "check", oranje: "question", rood: "cross" };
const LABELS = { groen: t("Ja"), oranje: t("Twijfelachtig"), rood: t("Nee") };

export function render(root, aggregate, { view }) {
  const box = root.querySelector(".sf");
  box.dataset.view = view;
  showRespondents(box, aggregate.respondents);
  const heatmap = view === "heatmap";
  box.querySelector(".sf-rows").hidden = heatmap;
  box.querySelector(".sf-heatmap").hidden = !heatmap;
  if (heatmap) drawHeatmap(box, aggregate);
  else drawBars(box, aggregate, view === "priority");
}

/** '5 ja, 2 twijfelachtig, 1 nee': the counts of a bar or cell as text. */
function countsText(counts) {
  return t("{yes} ja, {doubt} twijfelachtig, {no} nee", { yes: counts.groen, doubt: counts.oranje, no: counts.rood });
}

function drawBars(box, aggregate, byPriority) {
  const rank = new Map(aggregate.priority.map((id, n) => [id, n]));
  aggregate.items.forEach((item, position) => {
    const row = box.querySelector(`.sf-row[data-item="${item.id}"]`);
    row.style.order = byPriority ? rank.get(item.id) : position;
    for (const colour of COLOURS) {
      const segment = row.querySelector(`[data-colour="${colour}"]`);
      segment.style.flexGrow = item[colour];
      segment.hidden = item[colour] === 0;
      segment.querySelector("b").textContent = item[colour];
      segment.title = `${item[colour]} × ${LABELS[colour]}`;
    }
    row.querySelector(".sf-bar").setAttribute("aria-label", countsText(item));
    row.classList.toggle("empty", item.total === 0);
    row.querySelector(".sf-action").hidden = !(byPriority && item.rood > 0);
  });
}

function drawHeatmap(box, aggregate) {
  const table = box.querySelector(".sf-heatmap table");
  const head = table.querySelector("thead tr");
  head.replaceChildren(head.firstElementChild, ...aggregate.organisations.map((org) => {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = organisationHeading(org.name);
    const count = document.createElement("small");
    count.textContent = tn("{n} pers.", "{n} pers.", org.respondents);
    th.append(count);
    return th;
  }));
  for (const row of table.querySelectorAll("tbody tr")) {
    const cells = aggregate.organisations.map((org) => heatCell(org.items[row.dataset.item]));
    row.replaceChildren(row.firstElementChild, ...cells);
  }
}

/** A cell: its counts with icons, read out as text ('5 ja, 2 twijfelachtig, 1 nee'). */
function heatCell(cell) {
  const td = document.createElement("td");
  if (!cell || cell.total === 0) {
    td.className = "heat-empty";
    td.textContent = "–";
    return td;
  }
  // Hue from red (0) through orange to green (130), dark enough for white text (5:1 at the yellowest); the counts
  // carry the meaning.
  td.style.backgroundColor = `hsl(${Math.round(cell.score * 130)} 60% 28%)`;
  const shown = document.createElement("span");
  shown.setAttribute("aria-hidden", "true");
  for (const colour of COLOURS) {
    const part = document.createElement("span");
    part.className = "heat-count";
    const icon = document.createElement("span");
    icon.className = `icon icon-${ICONS[colour]}`;
    part.append(icon, String(cell[colour]));
    shown.append(part);
  }
  const spoken = document.createElement("span");
  spoken.className = "visually-hidden";
  spoken.textContent = countsText(cell);
  td.append(shown, spoken);
  return td;
}
