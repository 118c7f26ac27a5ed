// The cards of one activity as a screen keeps them: the whole wall once (the facilitate ack), then the `cards`
// deltas, each card with the card version of its last change. The live aggregates come without their lists of
// cards (workshop/card_deltas.py); `withCards` puts the cards back where the renderers expect them.

export class CardStore {
  constructor() {
    this.version = null;  // the card version this wall is at; null before the first whole wall
    this.base = 0;  // the version of the last whole wall: a card it did not hold, from before it, was deleted
    this.cards = new Map();  // card id -> {card, version}
    this.goneAt = new Map();  // deleted card id -> the version up to which it is known to be gone
    this.waiting = [];  // deltas that came before the first whole wall
  }

  /** Apply a `cards` delta (or a `cards_since` ack). False when it starts after this wall's version: a change
   * was missed, and the caller asks `cards_since` for what it missed. */
  apply(delta) {
    if (delta.full) return this.replace(delta);
    if (this.version === null) {
      this.waiting.push(delta);
      return true;
    }
    if (delta.from > this.version) return false;
    for (const id of delta.deleted) {
      this.cards.delete(id);
      this.goneAt.set(id, Math.max(this.goneAt.get(id) ?? 0, delta.to));
    }
    for (const { version, ...card } of delta.cards) this.put(card, version);
    this.version = Math.max(this.version, delta.to);
    return true;
  }

  /** A card as of `version`, unless what this wall has of it (or of its deletion) is newer: with two server
   * processes a delta can overtake another. */
  put(card, version) {
    const known = this.cards.get(card.id);
    if (known ? known.version >= version : version <= this.base) return;
    if ((this.goneAt.get(card.id) ?? -1) >= version) return;
    this.cards.set(card.id, { card, version });
  }

  /** The whole wall at its version; deltas that came before it are applied after it. */
  replace({ to, cards }) {
    this.version = this.base = to;
    this.cards = new Map(cards.map(({ version, ...card }) => [card.id, { card, version }]));
    this.goneAt = new Map();
    const waiting = this.waiting;
    this.waiting = [];
    return waiting.every((delta) => this.apply(delta));
  }

  /** Every card, in the order written (as the server lists them). */
  list() {
    return [...this.cards.values()].map(({ card }) => card).sort((a, b) => a.id - b.id);
  }
}

/** `aggregate` (as the live results have it, lists of cards empty) with the store's cards in each list: the
 * items' `cards`, and the organisations' `cards` per item (halen en brengen) — the full aggregate's shape. */
export function withCards(aggregate, store) {
  if (!store || !aggregate.items || Array.isArray(aggregate.items)) return aggregate;
  const byItem = new Map();
  for (const card of store.list()) {
    if (!byItem.has(card.item)) byItem.set(card.item, []);
    byItem.get(card.item).push(card);
  }
  const cardsOf = (item) => byItem.get(item) || [];
  const items = Object.fromEntries(Object.entries(aggregate.items).map(([id, summary]) =>
    [id, Array.isArray(summary.cards) ? { ...summary, cards: cardsOf(id) } : summary]));
  const filled = { ...aggregate, items };
  if (Array.isArray(aggregate.organisations)) {
    filled.organisations = aggregate.organisations.map((org) => hasCardLists(org)
      ? { ...org, cards: Object.fromEntries(Object.keys(org.cards).map((item) =>
        [item, cardsOf(item).filter((card) => card.organisation === org.name)])) }
      : org);
  }
  return filled;
}

const hasCardLists = (org) => org.cards && typeof org.cards === "object" &&
  Object.values(org.cards).some(Array.isArray);
