// Beamer: the join screen, or the current activity's live result when the facilitator shows it.
import { showScreen } from "./beamer-screen.js";
import { connect, facilitate, showParticipants } from "./common.js";
import { t } from "./i18n.js";
import { showTimer } from "./beamer-timer.js";
import { ResultBoard } from "./results/index.js";

const socket = connect();
let sessionSeq = 0;  // of the newest session snapshot shown
const board = new ResultBoard(document.querySelector(".beamer-main"));

facilitate(socket, (ack) => {
  board.loadAll(ack.results, ack.session.seq, ack.labels, ack.cards);
  showSession(ack.session);
});
socket.on("session", showSession);
socket.on("connect", () => {  // snapshots of a new connection count from its own seq
  sessionSeq = 0;
  board.forgetSeqs();
});
board.followCards(socket);
socket.on("results", ({ activity_id, aggregate, seq, labels }) => board.update(activity_id, aggregate, seq, labels));
socket.on("presence", ({ participants }) => showParticipants(participants));
socket.on("language", () => location.reload());  // the facilitator chose another language for the session
socket.on("deleted", () => {
  socket.disconnect();
  const box = document.getElementById("auth-error");
  box.textContent = t("Deze sessie is verwijderd door de procesbegeleider.");
  box.hidden = false;
  document.querySelector(".beamer-main").hidden = true;
});

/** Show the session's state; a snapshot older than one already shown (a slow ack) is ignored. */
function showSession(session) {
  if (session.seq < sessionSeq) return;
  sessionSeq = session.seq;
  if (session.activities.some((activity) => !board.section(activity.id))) return location.reload();  // added
  showParticipants(session.participants);
  const current = session.activities.find((a) => a.id === session.current_activity);
  const showing = Boolean(current && current.show_results);
  document.getElementById("activity-title").textContent = current ? current.title : "";
  showScreen(session, current, showing);
  for (const activity of session.activities) {
    board.section(activity.id).hidden = !(showing && activity.id === current.id);
  }
  board.setSession(session);
  showTimer(session);
}
