// Console: rounds. An activity with scales or choices can be run again as its next round ("Nieuwe ronde": the same
// items and title, right after it in the agenda, compared with it in the view "Vergelijking met ronde …"). The
// agenda marks each round of a chain. Adding a round needs no confirmation (it can be removed while it has no
// answers) but is announced; the new activity reloads the page, so the announcement waits in sessionStorage.
import { code } from "./common.js";
import { t } from "./i18n.js";
import { onSession } from "./console-room.js";
import { el } from "./results/parts.js";

const ADDED = "werkatelier:round-added";  // {code, of, message}: a round added just before the page reloaded
const COMPARED = ["scale", "choice"];  // the kinds a round is compared on (workshop/changes.py)

/** The round badge beside an activity's title in the agenda and, on the last round of a comparable activity, the
 * button "Nieuwe ronde"; `add(activityId)` asks the server for the next round (resolves to it, or null). */
export function roundControls(row, activity, session, add) {
  const later = session.activities.some((other) => other.round_of === activity.id);
  const badge = el("span", "badge badge-round", t("ronde {n}", { n: activity.round }));
  badge.hidden = activity.round === 1 && !later;
  row.querySelector("[data-title]").after(badge);
  if (later || activity.hidden || !activity.items.some((item) => COMPARED.includes(item.kind))) return;
  const button = el("button", "small", t("Nieuwe ronde"));
  button.type = "button";
  button.dataset.agenda = "round";  // as the agenda's other buttons: the keyboard stays on it across redraws
  button.title = t("Dezelfde vragen nog een keer, direct hierna in de agenda, om de rondes te vergelijken");
  button.addEventListener("click", async () => {
    button.disabled = true;
    // Written first: the new activity may reload the page before the reply arrives.
    sessionStorage.setItem(ADDED, JSON.stringify({ code, of: activity.id,
      message: t("Ronde {n} van ‘{title}’ staat in de agenda.", { n: activity.round + 1, title: activity.title }) }));
    if (!(await add(activity.id))) sessionStorage.removeItem(ADDED);
    button.disabled = false;
  });
  row.querySelector(".agenda-controls").append(button);
}

// After the reload: say that the round was added, and put the keyboard on the new round's button.
const added = JSON.parse(sessionStorage.getItem(ADDED) ?? "null");
sessionStorage.removeItem(ADDED);
let announced = !added || added.code !== code;
onSession((session) => {
  if (announced) return;
  announced = true;
  document.getElementById("round-status").textContent = added.message;
  const round = session.activities.filter((activity) => activity.round_of === added.of).at(-1);
  document.querySelector(`[data-activity-id="${round?.id}"] [data-agenda="round"]`)?.focus();
});
