// Live results on the beamer and the console. Each activity type has a renderer module
// static/js/results/<type>.js exporting render(section, aggregate, settings); it is loaded on first use.
import { CARD_VIEWS, markMerged, showCardView } from "./cardviews.js";
import { CardStore, withCards } from "./card-store.js";
import { COMPARE_VIEW, showComparison } from "./compare.js";
import { learnLabels } from "./parts.js";
import { showTrend, TREND_VIEW } from "./trend.js";

const renderers = new Map();  // type -> Promise of its module

function renderer(type) {
  if (!renderers.has(type)) renderers.set(type, import(`./${type}.js`));
  return renderers.get(type);
}

/** Keep the latest aggregate per activity and redraw its result section. */
export class ResultBoard {
  /** `moderating`: the console, where cards can be hidden or highlighted and hidden cards stay visible. */
  constructor(root, { moderating = false } = {}) {
    this.root = root;
    this.moderating = moderating;
    this.latest = new Map();      // activity id -> {seq, bare, aggregate}: as received, and with its cards
    this.cards = new Map();       // activity id -> its CardStore
    this.socket = null;           // to ask `cards_since` (see followCards)
    this.onCards = () => {};
    this.activities = new Map();  // activity id -> the activity as in the session overview
    // Renderers fit the beamer's screen; a beamer window often goes full screen after loading.
    let resizing = 0;
    window.addEventListener("resize", () => {
      clearTimeout(resizing);
      resizing = setTimeout(() => { for (const id of this.latest.keys()) this.draw(id); }, 150);
    });
  }

  section(activityId) {
    return this.root.querySelector(`.result[data-activity-id="${activityId}"]`);
  }

  /** A new aggregate of an activity; `labels`: the server's display forms of organisation names. */
  update(activityId, aggregate, seq = 0, labels = {}) {
    learnLabels(labels);
    const previous = this.latest.get(activityId);
    if (previous && seq && previous.seq > seq) return;  // an older snapshot that arrived late
    this.latest.set(activityId, { seq, bare: aggregate, aggregate: withCards(aggregate, this.cards.get(activityId)) });
    this.draw(activityId);
  }

  /** Keep the cards up to date from the `cards` deltas on `socket`; `onCards(activityId, aggregate)` after each
   * change of an activity's cards. */
  followCards(socket, onCards = () => {}) {
    this.socket = socket;
    this.onCards = onCards;
    socket.on("cards", (delta) => this.applyCards(delta));
  }

  /** A `cards` delta (or a `cards_since` ack); one that starts after what this screen has asks for the rest. */
  applyCards(delta) {
    const id = delta.activity_id;
    if (!this.cards.has(id)) this.cards.set(id, new CardStore());
    if (!this.cards.get(id).apply(delta)) return this.askCards(id);
    this.cardsChanged(id);
  }

  /** A change was missed: ask for everything after this screen's version (one question at a time). */
  askCards(activityId) {
    const store = this.cards.get(activityId);
    if (!this.socket || store.asking) return;
    store.asking = true;
    this.socket.timeout(8000).emit("cards_since", { activity_id: activityId, version: store.version ?? 0 },
      (err, ack) => {
        store.asking = false;
        if (!err && ack.ok) this.applyCards(ack);  // else the next delta, or reconnecting, tries again
      });
  }

  cardsChanged(activityId) {
    const latest = this.latest.get(activityId);
    if (!latest) return;
    latest.aggregate = withCards(latest.bare, this.cards.get(activityId));
    this.draw(activityId);
    this.onCards(activityId, latest.aggregate);
  }

  /** The session overview changed (view, names shown, state): remember it and redraw. */
  setSession(session) {
    for (const activity of session.activities) {
      this.activities.set(activity.id, activity);
      this.draw(activity.id);
    }
  }

  async draw(activityId) {
    const section = this.section(activityId);
    if (!section || !this.activities.has(activityId) || !this.latest.has(activityId)) return;
    const { render } = await renderer(section.dataset.type);
    const activity = this.activities.get(activityId);  // read after the import: the newest state
    const settings = { view: activity.view, showNames: activity.show_names, moderating: this.moderating, activity };
    const { aggregate } = this.latest.get(activityId);
    markMerged(aggregate);
    const cardView = CARD_VIEWS.includes(activity.view) ? activity.view : null;  // the same for every layout
    showCardView(section, aggregate, settings, cardView);
    const comparing = activity.view === COMPARE_VIEW;  // a later round beside the one before, in any layout
    showComparison(section, aggregate, settings, comparing);
    const trend = activity.view === TREND_VIEW;  // any layout's, over the sessions of its network
    showTrend(section, aggregate, settings, trend);
    if (!cardView && !comparing && !trend) render(section, aggregate, settings);
  }

  /** The facilitate ack: every activity's aggregate as of snapshot `seq`, and the whole wall of each activity
   * with cards (`cards`). */
  loadAll(results, seq, labels = {}, cards = {}) {
    learnLabels(labels);
    for (const [activityId, wall] of Object.entries(cards)) this.applyCards({ ...wall, activity_id: Number(activityId) });
    for (const [activityId, aggregate] of Object.entries(results)) this.update(Number(activityId), aggregate, seq);
  }

  /** A new connection (perhaps to a restarted server, counting `seq` from 1 again): forget the old numbers. */
  forgetSeqs() {
    for (const latest of this.latest.values()) latest.seq = 0;
  }
}
