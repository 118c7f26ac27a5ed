// The console's link to the room, shared by the console and its panels (timer, progress, beamer, moderators):
// the Socket.IO connection, control actions, problems shown to the facilitator, and the session as last shown.
import { connect, request } from "./common.js";

export const socket = connect();
const watchers = [];
let latest = null;

/** The session overview as last shown (null before the first). */
export const shownSession = () => latest;

/** Call `draw(session)` with every session overview the console shows, from now on. */
export function onSession(draw) {
  watchers.push(draw);
  if (latest) draw(latest);
}

/** The console shows `session`: every panel draws it. */
export function sessionShown(session) {
  latest = session;
  for (const draw of watchers) draw(session);
}

/** A `control` action; a refusal is shown as the console's problem. Resolves to the ack. */
export async function control(action, activityId, extra = {}) {
  const ack = await request(socket, "control", { action, activity_id: activityId, ...extra });
  showProblem(ack.ok ? null : ack.error);
  return ack;
}

/** Show (or, with nothing, clear) the console's message about what went wrong. */
export function showProblem(message) {
  const problem = document.getElementById("control-error");
  problem.textContent = message || "";
  problem.hidden = !message;
}
