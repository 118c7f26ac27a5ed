// The console's progress panel: of the activity on the phones, how many participants answered everything
// ("14 van 20 klaar"), the number per item and per organisation, and who is connected now. Counts only: it
// never names who is slow.
import { formatNumber, t } from "./i18n.js";
import { onResults, onSession, shownResults, shownSession, socket } from "./console-room.js";
import { organisationLabel } from "./results/parts.js";

const panel = document.getElementById("progress-panel");
let presence = { participants: 0, connected: 0, seq: -1 };

onSession((session) => {
  countPresence(session);
  draw();
});
onResults((activityId) => {
  if (activityId === shownSession()?.current_activity) draw();
});
socket.on("presence", (counts) => {
  countPresence(counts);
  draw();
});
socket.on("connect", () => { presence.seq = -1; });  // a new connection's snapshots count from its own seq

/** Keep the newest of the counts in `presence` events and session overviews (one seq counter). */
function countPresence({ participants, connected, seq = 0 }) {
  if (seq < presence.seq) return;
  presence = { participants, connected, seq };
}

function draw() {
  const session = shownSession();
  if (!session) return;
  const activity = session.activities.find(({ id }) => id === session.current_activity);
  const aggregate = activity && shownResults(activity.id);
  panel.replaceChildren(...[
    heading(),
    aggregate ? summary(aggregate) : null,
    paragraph("progress-presence", t("{connected} verbonden · {joined} ooit aangemeld",
      { connected: formatNumber(presence.connected), joined: formatNumber(presence.participants) })),
    ...(aggregate ? perItem(activity, aggregate.progress.items) : []),
    ...(aggregate ? perOrganisation(aggregate.progress.organisations) : []),
  ].filter(Boolean));
}

function heading() {
  return Object.assign(document.createElement("h3"), { id: "progress-heading", textContent: t("Voortgang") });
}

/** "14 van 20 klaar": who answered every item, of everyone who joined. */
function summary(aggregate) {
  const line = paragraph("progress-complete", "");
  line.append(Object.assign(document.createElement("strong"), {
    textContent: t("{complete} van {joined} klaar",
      { complete: formatNumber(aggregate.complete), joined: formatNumber(presence.participants) }),
  }), " ", Object.assign(document.createElement("span"), {
    className: "muted", textContent: t("({n} begonnen)", { n: formatNumber(aggregate.respondents) }),
  }));
  return line;
}

/** A small caption and the list it names. */
function captioned(id, caption, list) {
  list.setAttribute("aria-labelledby", id);
  return [Object.assign(paragraph("progress-caption", caption), { id }), list];
}

/** Per item, in the activity's order: its label and how many answered it. */
function perItem(activity, counts) {
  const list = Object.assign(document.createElement("ol"), { className: "progress-items" });
  list.append(...activity.items.map((item) => {
    const row = document.createElement("li");
    row.title = item.label;
    row.append(Object.assign(document.createElement("span"), { className: "progress-label", textContent: item.label }),
      Object.assign(document.createElement("span"), { className: "progress-count", textContent: formatNumber(counts[item.id] ?? 0) }));
    return row;
  }));
  return captioned("progress-items-caption", t("Beantwoord per vraag"), list);
}

/** Per organisation: how many of its participants are done; organisations, never people. */
function perOrganisation(organisations) {
  if (!organisations.length) return [];
  const list = Object.assign(document.createElement("ul"), { className: "progress-organisations" });
  list.append(...organisations.map(({ name, participants, complete }) => {
    const row = document.createElement("li");
    row.append(Object.assign(document.createElement("span"), { className: "progress-label", textContent: organisationLabel(name) }),
      Object.assign(document.createElement("span"), { className: "progress-count",
        textContent: t("{complete} van {participants}", { complete: formatNumber(complete), participants: formatNumber(participants) }) }));
    return row;
  }));
  return captioned("progress-organisations-caption", t("Klaar per organisatie"), list);
}

function paragraph(className, text) {
  return Object.assign(document.createElement("p"), { className, textContent: text });
}
