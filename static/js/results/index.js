// Result renderers by activity type: render(root, aggregate, view) draws a type's live result.
import { render as succesfactoren } from "./succesfactoren.js";

export const renderers = { succesfactoren };

/** Keep the latest aggregate per activity and redraw its result section (beamer and console). */
export class ResultBoard {
  constructor(root) {
    this.root = root;
    this.latest = new Map();  // activity id -> {seq, aggregate}
    this.views = new Map();   // activity id -> view id
  }

  section(activityId) {
    return this.root.querySelector(`.result[data-activity-id="${activityId}"]`);
  }

  update(activityId, aggregate, seq = 0) {
    const previous = this.latest.get(activityId);
    if (previous && seq && previous.seq > seq) return;  // an older snapshot that arrived late
    this.latest.set(activityId, { seq, aggregate });
    this.draw(activityId);
  }

  setView(activityId, view) {
    this.views.set(activityId, view);
    this.draw(activityId);
  }

  draw(activityId) {
    const section = this.section(activityId);
    const latest = this.latest.get(activityId);
    const render = section && renderers[section.dataset.type];
    if (render && latest) render(section, latest.aggregate, this.views.get(activityId));
  }

  loadAll(session, results) {
    for (const activity of session.activities) {
      this.views.set(activity.id, activity.view);
      if (results[activity.id]) this.update(activity.id, results[activity.id]);
    }
  }
}
