// The console's link to the room, shared by the console and its panels (timer, progress, beamer, moderators):
// the Socket.IO connection, control actions, problems shown to the facilitator, and the session as last shown.
import { connect, request } from "./common.js";

export const socket = connect();

/** Something the console shows (the session, each activity's results, who holds it) and the panels that draw it:
 * `watch(draw)` calls `draw` with what is shown now and with all that is shown from then on; `show(...shown)` shows
 * it (the newest per `keyOf(...shown)`). */
function shownThing(keyOf = () => "") {
  const latest = new Map();  // key -> the arguments last shown
  const draws = [];
  return {
    watch(draw) {
      draws.push(draw);
      for (const shown of latest.values()) draw(...shown);
    },
    show(...shown) {
      latest.set(keyOf(...shown), shown);
      for (const draw of draws) draw(...shown);
    },
    latest: (key = "") => latest.get(key),
  };
}

const sessions = shownThing();
/** Call `draw(session)` with every session overview the console shows, from now on. */
export const onSession = sessions.watch;
/** The console shows `session`: every panel draws it. */
export const sessionShown = sessions.show;
/** The session overview as last shown (null before the first). */
export const shownSession = () => sessions.latest()?.[0] ?? null;

const results = shownThing((activityId) => activityId);
/** Call `draw(activityId, aggregate)` with every aggregate the console shows (the newest of each activity),
 * from now on. */
export const onResults = results.watch;
/** The console shows `aggregate` for an activity (`resultsShown(activityId, aggregate)`): every panel that
 * follows results draws it. */
export const resultsShown = results.show;
/** The aggregate of an activity as last shown (undefined before the first). */
export const shownResults = (activityId) => results.latest(activityId)?.[1];

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

// --- keys: each panel registers its own; one listener runs them (not while the facilitator types) ------------

const keys = [];  // {keys: ["ArrowRight", "n"], label, run}, in the order the `?` overlay lists them

/** Let `run()` answer the keys `names` (KeyboardEvent.key values) anywhere on the console; `label` says what it
 * does, for the list of keys. */
export function registerKey(names, label, run) {
  keys.push({ keys: names, label, run });
}

/** The keys registered, for the list of keys. */
export const registeredKeys = () => keys;

// A check box or radio button takes no letters: the keys work there too.
const typing = (element) => element?.closest?.(
  "input:not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable], dialog");
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented || typing(event.target)) return;
  const entry = keys.find(({ keys: names }) => names.includes(event.key));
  if (!entry) return;
  event.preventDefault();
  entry.run(event);
});

// --- who holds this console: the facilitator, or a moderator (who runs the room, not the session) -------------

const roles = shownThing();
/** Call `draw(role)` ("facilitator" or "moderator", from the facilitate ack) once it is known, and again after
 * every reconnect. */
export const onRole = roles.watch;
/** The server said who holds this console. */
export const roleShown = roles.show;
