// What the beamer parts of the kinds share: the organisations in the server's order, and a table helper.
import { el, ordered } from "../results/parts.js";

/** The per-organisation summaries of an item, in the server's order. */
export function organisationsOf(summary) {
  return ordered(summary.organisations.map((org) => org.name))
    .map((name) => summary.organisations.find((org) => org.name === name));
}

/** A table: a header row of texts, then rows whose first cell (a text) heads the row; other cells are texts or
 * table cells made by the caller. */
export function table(className, head, rows) {
  const tableEl = el("table", className);
  const headRow = tableEl.createTHead().insertRow();
  for (const text of head) headRow.append(Object.assign(el("th", "", text), { scope: "col" }));
  const body = tableEl.createTBody();
  for (const [label, ...cells] of rows) {
    const row = body.insertRow();
    row.append(Object.assign(el("th", "", label), { scope: "row" }),
      ...cells.map((cell) => (typeof cell === "string" ? el("td", "", cell) : cell)));
  }
  return tableEl;
}

/** An empty cell: '–' on grey. */
export function emptyCell() {
  return el("td", "heat-empty", "–");
}

/** A cell coloured from red (score 0) through orange to green (1), dark enough for white text. */
export function scoreCell(score) {
  const td = el("td", "heat");
  td.style.backgroundColor = `hsl(${Math.round(score * 130)} 60% 28%)`;
  return td;
}
