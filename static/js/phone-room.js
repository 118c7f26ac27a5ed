// The phone's link to the room, shared by the phone page and its parts (timer, results): the Socket.IO connection
// and the activity as last shown.
import { connect } from "./common.js";

export const socket = connect();
const watchers = [];

/** Call `draw(activity, state)` whenever the phone shows an activity (or none: null) with what the server holds
 * of this phone (the `state` / `join` ack). */
export function onActivity(draw) {
  watchers.push(draw);
}

/** The phone shows `activity`: every part draws it. */
export function activityShown(activity, state) {
  for (const draw of watchers) draw(activity, state);
}
