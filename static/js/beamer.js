// Beamer: the join screen, or the current activity's live result when the facilitator shows it.
import { connect, facilitate, showParticipants } from "./common.js";
import { ResultBoard } from "./results/index.js";

const socket = connect();
const board = new ResultBoard(document.querySelector(".beamer-main"));

facilitate(socket, (ack) => {
  board.loadAll(ack.session, ack.results);
  showSession(ack.session);
});
socket.on("session", showSession);
socket.on("results", ({ activity_id, aggregate, seq }) => board.update(activity_id, aggregate, seq));
socket.on("presence", ({ participants }) => showParticipants(participants));

function showSession(session) {
  showParticipants(session.participants);
  const current = session.activities.find((a) => a.id === session.current_activity);
  const showing = Boolean(current && current.show_results);
  document.getElementById("activity-title").textContent = current ? current.title : "";
  document.getElementById("join-screen").hidden = showing;
  document.getElementById("join-mini").hidden = !showing;
  for (const activity of session.activities) {
    board.section(activity.id).hidden = !(showing && activity.id === current.id);
  }
  board.setSession(session);
}
