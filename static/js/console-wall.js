// Console: the pages on the beamer, for the current activity with cards or with a comparison of rounds or a trend
// (the views that page): how fast they page by themselves (or by hand), a page back or on, and, with cards, the
// spotlight (one card big and alone, set from a card's "Spotlight" button) off.
// Keys ] next page, [ previous page, x spotlight off.
import { t } from "./i18n.js";
import { control, onResults, onSession, registerKey, shownResults, shownSession } from "./console-room.js";
import { COMPARE_VIEW } from "./results/compare.js";
import { el } from "./results/parts.js";
import { TREND_VIEW } from "./results/trend.js";
import { findCard } from "./results/wall.js";

const PACES = [0, 5, 10, 15, 20, 30, 45, 60, 90, 120];  // seconds per page; 0: by hand
const PAGED_VIEWS = [COMPARE_VIEW, TREND_VIEW];  // besides a card wall (sessions.py PAGED_VIEWS)

const panel = document.getElementById("wall-panel");
const title = el("h3", "panel-title");
title.id = "wall-heading";
const pace = el("select");
pace.id = "wall-pace";
pace.append(...PACES.map((seconds) => Object.assign(el("option", "", seconds ? t("elke {n} s", { n: seconds })
  : t("zelf bladeren")), { value: String(seconds) })));
const paceLabel = Object.assign(el("label", "", t("Pagina's:")), { htmlFor: pace.id });
const previous = button("wall-previous", t("‹ Vorige pagina"), "[");
const next = button("wall-next", t("Volgende pagina ›"), "]");
const spotlightOff = button("wall-spotlight-off", t("Spotlight uit"), "X");
const spotlightState = el("p", "wall-state");
panel.setAttribute("role", "group");
panel.setAttribute("aria-labelledby", title.id);
panel.append(title, el("div", "wall-controls"), spotlightState);
panel.querySelector(".wall-controls").append(paceLabel, pace, previous, next, spotlightOff);

function button(id, label, key) {
  const made = el("button", "small", label);
  Object.assign(made, { type: "button", id });
  made.setAttribute("aria-keyshortcuts", key);
  return made;
}

const hasCards = (activity) => activity.items.some((item) => item.kind === "text");

/** The activity on the phones, if it has pages on the beamer (cards, a comparison, a trend). */
function wallActivity() {
  const session = shownSession();
  const current = session?.activities.find(({ id }) => id === session.current_activity);
  if (!current) return null;
  return hasCards(current) || current.views.some((view) => PAGED_VIEWS.includes(view.id)) ? current : null;
}

function turn(step) {
  const activity = wallActivity();
  if (activity) control("turn_page", activity.id, { step });
}

function clearSpotlight() {
  const activity = wallActivity();
  if (activity?.spotlight && hasCards(activity)) control("clear_spotlight", activity.id);
}

function draw() {
  const activity = wallActivity();
  panel.hidden = !activity;
  if (!activity) return;
  pace.value = String(activity.wall.page_seconds);
  const cards = hasCards(activity);
  title.textContent = cards ? t("Kaartenmuur op de beamer") : t("Pagina's op de beamer");
  spotlightOff.hidden = spotlightState.hidden = !cards;
  if (!cards) return;
  const card = findCard(shownResults(activity.id), activity.spotlight);
  spotlightOff.disabled = !activity.spotlight;
  spotlightState.textContent = activity.spotlight
    ? t("In de spotlight: “{text}”", { text: card ? card.text : "…" }) : t("Geen kaart in de spotlight.");
}

pace.addEventListener("change", () => {
  const activity = wallActivity();
  if (activity) control("set_page_seconds", activity.id, { seconds: Number(pace.value) });
});
previous.addEventListener("click", () => turn(-1));
next.addEventListener("click", () => turn(1));
spotlightOff.addEventListener("click", clearSpotlight);
// A card's Spotlight button in the preview (static/js/results/parts.js draws it).
document.querySelector(".preview").addEventListener("click", (event) => {
  const chosen = event.target.closest("[data-wall]");
  if (!chosen) return;
  const activityId = Number(chosen.closest("[data-activity-id]").dataset.activityId);
  const entryId = Number(chosen.closest("[data-entry-id]").dataset.entryId);
  control(chosen.dataset.wall, activityId, chosen.dataset.wall === "spotlight" ? { entry_id: entryId } : {});
});
registerKey(["]"], t("Beamer: volgende pagina"), () => turn(1));
registerKey(["["], t("Beamer: vorige pagina"), () => turn(-1));
registerKey(["x", "X"], t("Kaartenmuur: spotlight uit"), clearSpotlight);

onSession(draw);
onResults((activityId) => {
  if (activityId === wallActivity()?.id) draw();
});
