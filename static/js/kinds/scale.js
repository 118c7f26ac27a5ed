// A scale on the beamer: the distribution with mean and median; per organisation the mean, coloured from the
// low end (red) to the high end (green), as the quick scan does.
import { t } from "../i18n.js";
import { drawScale, el, format, organisationLabel } from "../results/parts.js";
import { emptyCell, organisationsOf, scoreCell, table } from "./common.js";

export function draw(body, summary, item) {
  drawScale(body, summary);
  if (item.low_label || item.high_label) {
    body.append(el("p", "kind-note", `${item.low} = ${item.low_label} · ${item.high} = ${item.high_label}`));
  }
}

/** A row per group (everyone, then each organisation): the mean (median), the number of people. */
export function drawPerOrganisation(body, summary) {
  const groups = [{ ...summary, label: t("Iedereen") }, ...organisationsOf(summary)];
  body.replaceChildren(table("kind-table kind-means", ["", t("gemiddeld (mediaan)")],
    groups.map((group) => [group.label ?? organisationLabel(group.name), meanCell(group, summary)])));
}

function meanCell(stats, scale) {
  if (!stats.n) return emptyCell();
  const td = scoreCell((stats.mean - scale.low) / (scale.high - scale.low));
  td.append(el("strong", "", format(stats.mean)), el("span", "", ` (${format(stats.median)})`),
    el("small", "", ` n = ${stats.n}${stats.disagree ? ` · ⚠ ${t("verschil van inzicht")}` : ""}`));
  return td;
}
