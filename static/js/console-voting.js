// Console: dot voting. On the cards (or themes) of the activity on the phones the facilitator starts a vote (dots
// per participant, at most so many on one card): a new activity right after it, on the phones at once. While a vote
// is on the phones the panel says on whose cards; its ranking is the live result (view "Per organisatie" too).
// Drawn once, then only shown, hidden and its words changed, so the keyboard focus stays where it is.
import { control, onSession, showProblem } from "./console-room.js";
import { t } from "./i18n.js";

const MAX_DOTS = 20;
const panel = document.getElementById("voting-panel");

const element = (tag, props = {}, ...children) => {
  const made = Object.assign(document.createElement(tag), props);
  made.append(...children);
  return made;
};
const number = (id, value, max) => element("input", { type: "number", id, min: 1, max, step: 1, value, className: "voting-number" });
const heading = element("h3", { id: "voting-heading", className: "panel-title", textContent: t("Stemmen met stippen") });
const dots = number("voting-dots", 5, MAX_DOTS);
const perCard = number("voting-max", 2, MAX_DOTS);
const on = element("select", { id: "voting-on" },
  element("option", { value: "cards", textContent: t("de kaarten") }),
  element("option", { value: "themes", textContent: t("de thema's") }));
const start = element("button", { type: "submit", className: "small", textContent: t("Stemming starten") });
const form = element("form", { className: "voting-form" },
  element("label", { htmlFor: "voting-on", textContent: t("Stemmen op") }), on,
  element("label", { htmlFor: "voting-dots", textContent: t("Stippen per deelnemer") }), dots,
  element("label", { htmlFor: "voting-max", textContent: t("Hoogstens op één kaart of thema") }), perCard, start);
const about = element("p", { className: "muted voting-about" });
panel.setAttribute("role", "group");
panel.setAttribute("aria-labelledby", "voting-heading");
panel.append(heading, form, about);
panel.hidden = true;
let source = null;  // the card activity on the phones, whose cards a vote would be on

onSession((session) => {
  const current = session.activities.find((a) => a.id === session.current_activity);
  const cards = current && current.items.some((item) => item.kind === "text");
  const vote = current?.source_activity && session.activities.find((a) => a.id === current.source_activity);
  source = cards ? current : null;
  panel.hidden = !cards && !vote;
  form.hidden = !cards;
  about.hidden = !vote;
  if (vote) {
    const [item] = current.items;
    const words = { title: vote.title, dots: item.points, most: item.per_option };
    about.textContent = item.options.some((option) => option.value.startsWith("t"))
      ? t("Stemming op de thema's van ‘{title}’: {dots} stippen per deelnemer, hoogstens {most} op één thema. De rangorde staat bij het live resultaat; kies ‘Per organisatie’ voor elke organisatie apart.", words)
      : t("Stemming op de kaarten van ‘{title}’: {dots} stippen per deelnemer, hoogstens {most} op één kaart. De rangorde staat bij het live resultaat; kies ‘Per organisatie’ voor elke organisatie apart.", words);
  }
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const given = Number(dots.value);
  const most = Number(perCard.value);
  if (!Number.isInteger(given) || given < 1 || given > MAX_DOTS) {
    showProblem(t("Kies 1 tot en met {n} stippen per deelnemer.", { n: MAX_DOTS }));
    return dots.focus();
  }
  if (!Number.isInteger(most) || most < 1 || most > given) {
    showProblem(t("Kies per kaart hoogstens 1 tot en met {n} stippen (niet meer dan iedereen heeft).", { n: given }));
    return perCard.focus();
  }
  if (source) control("start_voting", source.id, { dots: given, max_per_card: most, on: on.value });
});
