// Succesfactoren result: stacked traffic-light bars, the same ordered by priority, or a heat map per organisation.

const COLOURS = ["groen", "oranje", "rood"];
const ICONS = { groen: "check", oranje: "question", rood: "cross" };

export function render(root, aggregate, { view }) {
  const box = root.querySelector(".sf");
  box.dataset.view = view;
  box.querySelector("[data-respondents]").textContent = aggregate.respondents;
  const heatmap = view === "heatmap";
  box.querySelector(".sf-rows").hidden = heatmap;
  box.querySelector(".sf-heatmap").hidden = !heatmap;
  if (heatmap) drawHeatmap(box, aggregate);
  else drawBars(box, aggregate, view === "priority");
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
      segment.title = `${item[colour]} × ${colour}`;
    }
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
    th.textContent = org.name;
    const count = document.createElement("small");
    count.textContent = `${org.respondents} pers.`;
    th.append(count);
    return th;
  }));
  for (const row of table.querySelectorAll("tbody tr")) {
    const cells = aggregate.organisations.map((org) => heatCell(org.items[row.dataset.item]));
    row.replaceChildren(row.firstElementChild, ...cells);
  }
}

function heatCell(cell) {
  const td = document.createElement("td");
  if (!cell || cell.total === 0) {
    td.className = "heat-empty";
    td.textContent = "–";
    return td;
  }
  // Hue from red (0) through orange to green (130), dark enough for white text; the counts carry the meaning.
  td.style.backgroundColor = `hsl(${Math.round(cell.score * 130)} 60% 31%)`;
  for (const colour of COLOURS) {
    const part = document.createElement("span");
    part.className = "heat-count";
    const icon = document.createElement("span");
    icon.className = `icon icon-${ICONS[colour]}`;
    icon.setAttribute("aria-label", colour);
    part.append(icon, String(cell[colour]));
    td.append(part);
  }
  return td;
}
