// A choice on the beamer: a bar per option with its count and its share of the people who answered (coloured
// by the option's tone: groen / oranje / rood); per organisation a heat map, each cell as dark as its share.
import { el } from "../results/parts.js";
import { emptyCell, organisationsOf, table } from "./common.js";

const HUES = { groen: 137, oranje: 33, rood: 4, neutral: 216 };  // hues of --groen, --oranje, --rood, --accent

export function draw(body, summary, item) {
  body.classList.add("option-bars");
  const { counts, total } = summary;
  body.replaceChildren(...item.options.map((option) => {
    const count = counts[option.value] || 0;
    const row = el("p", `option-row tone-${option.tone || "neutral"}`);
    const track = el("span", "option-track");
    const bar = el("span", "option-bar");
    bar.style.width = `${total ? (count / total) * 100 : 0}%`;
    track.append(bar);
    row.append(el("span", "option-label", option.label), track,
      el("b", "option-count", total ? `${count} (${Math.round((count / total) * 100)}%)` : "0"));
    return row;
  }));
  if (item.multiple) body.append(el("p", "kind-note", "Meer dan één keuze mogelijk: de procenten tellen niet op tot 100."));
}

/** Rows: everyone, then each organisation; columns: the options; each cell the count, as dark as its share. */
export function drawPerOrganisation(body, summary, item) {
  const groups = [{ ...summary, name: "Iedereen" }, ...organisationsOf(summary)];
  body.replaceChildren(table("kind-table", ["", ...item.options.map((option) => option.label)],
    groups.map((group) => [`${group.name} (${group.total})`, ...item.options.map((option) => shareCell(group, option))])));
}

function shareCell(group, option) {
  if (!group.total) return emptyCell();
  const count = group.counts[option.value] || 0;
  const share = count / group.total;
  const td = el("td", "share", String(count));
  td.style.backgroundColor = `hsl(${HUES[option.tone || "neutral"]} 60% ${Math.round(95 - share * 65)}%)`;
  td.classList.toggle("share-dark", share > 0.6);  // white text from a lightness of 56% down
  return td;
}
