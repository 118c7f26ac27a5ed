// The card wall on the beamer: cards keep a readable size and, when they do not all fit, go in pages ("pagina 2
// van 5") that together hold every visible card, each on exactly one. The page shown is the facilitator's
// counter (turn_page) modulo the number of pages, moved on by the beamer itself every `page_seconds`. New cards
// are announced with the pages they are on; one card can be put in the spotlight, big and alone.
import { t, tn } from "../i18n.js";
import { el, organisationLabel } from "./parts.js";

const NEW_SECONDS = 20;  // how long "+3 nieuw" stays after the cards arrived
const NAMED_PAGES = 4;  // new cards on more pages than this: their number of pages, not each page

/**
 * Split `count` cards (0 … count-1, in the order drawn) into pages. `fitting(remaining)` says which of the
 * remaining cards fit when all of those are shown; a page takes them, or at least the first, so every page
 * shows something and every card gets a page. Each card ends on exactly one page.
 */
export function splitIntoPages(count, fitting) {
  const pages = [];
  let remaining = [...Array(count).keys()];
  while (remaining.length) {
    const fit = new Set(fitting(remaining).filter((index) => remaining.includes(index)));
    if (!fit.size) fit.add(remaining[0]);
    pages.push(remaining.filter((index) => fit.has(index)));
    remaining = remaining.filter((index) => !fit.has(index));
  }
  return pages;
}

/** The page shown for the counter `page` (any integer, also negative) on a wall of `count` pages. */
export const pageIndex = (page, count) => ((page % count) + count) % count;

/** The card with id `id` anywhere in an aggregate (its card lists are named `cards`), or null. */
export function findCard(aggregate, id) {
  if (id === null || id === undefined || typeof aggregate !== "object" || aggregate === null) return null;
  if (Array.isArray(aggregate.cards)) {
    const card = aggregate.cards.find((candidate) => candidate?.id === id);
    if (card) return card;
  }
  for (const value of Object.values(aggregate)) {
    const card = typeof value === "object" ? findCard(value, id) : null;
    if (card) return card;
  }
  return null;
}

const inside = (box, frame) => box.bottom <= frame.bottom + 0.5 && box.right <= frame.right + 0.5;
const SQUEEZE_MIN = 0.5;  // a card too long for its place even alone: its own text this much smaller at most

/** A card that does not fit its container even as the first of a page: its text smaller, step by step, until it
 * does (the only card ever drawn below the readable size, marked so). */
function squeeze(card, container) {
  const fits = () => inside(card.getBoundingClientRect(), container.getBoundingClientRect());
  for (let scale = 0.95; !fits() && scale >= SQUEEZE_MIN; scale -= 0.05) {
    card.style.fontSize = `${scale.toFixed(2)}em`;
    card.classList.add("note-squeezed");
  }
}

/** The pages of the cards in one container that must not overflow. `groups`: a selector of elements (an
 * organisation's heading and cards, a row) hidden while none of their cards is shown; `whole`: a selector of the
 * parts of a group that must be on the screen too for its cards to count as fitting (a row's name and figures);
 * `fixed`: a selector of what every page shows besides the cards, which they must not push off the screen;
 * `units`: what is paged, the cards (and, in the theme view, the heading of a theme without cards). */
function paginate(container, { groups = "", whole = "", fixed = "", units = ".note" }) {
  container.classList.add("wall-measuring");  // new cards measured where they end, not where they fade in from
  const cards = [...container.querySelectorAll(units)];
  const rest = (card) => (whole ? [...card.closest(groups).querySelectorAll(whole)] : []);
  const shownUnit = units.split(",").map((unit) => `${unit.trim()}:not([hidden])`).join(", ");
  const grouped = groups ? [...container.querySelectorAll(groups)].filter((group) => group.querySelector(units)) : [];
  const show = (shown) => {
    cards.forEach((card, index) => { card.hidden = !shown.has(index); });
    for (const group of grouped) group.hidden = !group.querySelector(shownUnit);
  };
  const pages = splitIntoPages(cards.length, (remaining) => {
    show(new Set(remaining));
    const frame = container.getBoundingClientRect();
    let fitting = remaining.filter((index) => [cards[index], ...rest(cards[index])]
      .every((part) => inside(part.getBoundingClientRect(), frame)));
    if (!fitting.length) squeeze(cards[remaining[0]], container);  // then alone on its page
    // What is always shown (`fixed`: an own activity's other items) must stay on the screen: fewer cards then.
    const pushedOut = () => [...container.querySelectorAll(fixed)].some((part) => !inside(part.getBoundingClientRect(),
      container.getBoundingClientRect()));
    for (show(new Set(fitting)); fixed && fitting.length > 1 && pushedOut(); show(new Set(fitting))) {
      fitting = fitting.slice(0, -1);
    }
    return fitting;
  });
  container.classList.remove("wall-measuring");
  return { cards, pages, show: (page) => show(new Set(pages[page] ?? [])) };
}

const walls = new Map();  // activity id -> what its wall shows: {counter, offset, seconds, timer, seen, fresh, apply}

function wallOf(activityId) {
  if (!walls.has(activityId)) {
    walls.set(activityId, { counter: null, offset: 0, seconds: 0, timer: 0, seen: null, fresh: new Map() });
  }
  return walls.get(activityId);
}

/**
 * Beamer: page the cards of `containers` (each drawn in full, at its readable size) in the result section
 * `root`; `parts` {groups, whole} as in `paginate`. Shows the page, the pager, the new cards and the spotlight.
 */
export function showWall(root, aggregate, settings, containers, parts = {}) {
  const { activity } = settings;
  const wall = wallOf(activity.id);
  const pager = part(root, "wall-pager", "p");
  const spotlight = part(root, "wall-spotlight", "div");
  if (wall.view !== settings.view) {  // another view shows other cards: none of them is new for that
    wall.view = settings.view;
    wall.seen = null;
  }
  noticeNew(wall, containers);
  keepPagerRoom(root, containers);
  const lists = containers.map((container) => paginate(container, parts));
  const count = Math.max(1, ...lists.map((one) => one.pages.length));
  follow(wall, activity.wall);
  wall.apply = () => {
    const page = shownPage(wall, count);
    for (const one of lists) one.show(page);
    drawPager(pager, page, count, newPages(wall, lists));
  };
  wall.apply();
  drawSpotlight(spotlight, findCard(aggregate, activity.spotlight), settings);
}

/** Beamer: a view of `root` without a wall (the word view): no pager and no spotlight; the wall's pace timer
 * draws nothing until a wall is shown again. */
export function leaveWall(root, activityId) {
  const wall = wallOf(activityId);
  wall.apply = () => {};
  wall.view = null;
  keepPagerRoom(root, []);
  for (const name of ["wall-pager", "wall-spotlight"]) {
    const element = root.querySelector(`:scope > .${name}`);
    if (element) element.hidden = true;
  }
}

/** Keep room below a wall with cards for the pager (always, so the wall does not jump when it starts paging). */
export function keepPagerRoom(root, containers) {
  root.classList.toggle("wall-paged", containers.some((container) => container.querySelector(".note")));
}

/** The element of class `name` in `root` (made the first time). */
function part(root, name, tag) {
  return root.querySelector(`:scope > .${name}`) ?? root.appendChild(el(tag, name));
}

/** A view's pages that follow the facilitator's counter and pace (`follow`); `apply()` draws its page. The
 * comparison of rounds and the trend page so too, and a pace of 0 means by hand there as well: the console says
 * "zelf bladeren", a facilitator talking a comparison through wants it to stay on the item being discussed, and
 * "pagina 1 van 3" on the beamer says there is more (one pace per activity, one meaning for all its views). */
export const newPager = () => ({ counter: null, offset: 0, seconds: 0, timer: 0, apply: () => {} });

/** The page of `count` a pager shows now. */
export const shownPage = (pager, count) => pageIndex(pager.counter + pager.offset, count);

/** A pager no longer shown: its pace stops. */
export const stopPager = (pager) => clearInterval(pager?.timer);

/** Follow the facilitator's counter and pace: a new counter shows its page at once, and the beamer then moves
 * on by itself every `page_seconds` (0: only by hand). */
export function follow(wall, { page, page_seconds: seconds }) {
  if (wall.counter === page && wall.seconds === seconds) return;
  wall.counter = page;
  wall.offset = 0;
  wall.seconds = seconds;
  clearInterval(wall.timer);
  if (seconds > 0) {
    wall.timer = setInterval(() => {
      wall.offset += 1;
      wall.apply();
    }, seconds * 1000);
  }
}

/** Remember the cards that arrived since the last drawing (not those of the first): "+3 nieuw" for a while. */
function noticeNew(wall, containers) {
  const ids = containers.flatMap((container) => [...container.querySelectorAll(".note")]
    .map((card) => card.dataset.entryId));
  const now = Date.now();
  if (wall.seen) for (const id of ids) if (!wall.seen.has(id)) wall.fresh.set(id, now);
  for (const [id, at] of wall.fresh) if (now - at > NEW_SECONDS * 1000 || !ids.includes(id)) wall.fresh.delete(id);
  wall.seen = new Set(ids);
  if (wall.fresh.size) {
    clearTimeout(wall.expiry);
    wall.expiry = setTimeout(() => {
      wall.fresh.clear();
      wall.apply?.();
    }, NEW_SECONDS * 1000);
  }
}

/** The new cards, and the page numbers (1, 2, …) they are on. */
function newPages(wall, lists) {
  const pages = new Set();
  for (const { cards, pages: split } of lists) {
    split.forEach((page, number) => {
      if (page.some((index) => wall.fresh.has(cards[index].dataset.entryId))) pages.add(number + 1);
    });
  }
  return { n: wall.fresh.size, pages: [...pages].sort((a, b) => a - b) };
}

function drawPager(pager, page, count, fresh) {
  pager.replaceChildren();
  if (count > 1) pager.append(el("span", "wall-page", t("pagina {page} van {count}", { page: page + 1, count })));
  if (fresh.n) {
    const marker = el("strong", "wall-new", t("+{n} nieuw", { n: fresh.n }));
    const on = fresh.pages.length;
    if (count > 1) {
      marker.append(" ", on <= NAMED_PAGES
        ? tn("op pagina {pages}", "op pagina's {pages}", on, { pages: fresh.pages.join(", ") })
        : t("op {n} pagina's", { n: on }));
    }
    pager.append(marker);
  }
  pager.hidden = !pager.childNodes.length;
}

/** One card big and alone over the wall, with its organisation (and its author when names are shown); none when
 * the card is hidden or gone. */
function drawSpotlight(box, card, settings) {
  box.hidden = !card || card.hidden;
  if (box.hidden) return box.replaceChildren();
  const text = el("p", "wall-spotlight-text", card.text);
  text.classList.toggle("wall-spotlight-long", card.text.length > 140);
  const meta = [organisationLabel(card.organisation), settings.showNames ? card.name : ""].filter(Boolean).join(" · ");
  box.replaceChildren(text, el("p", "wall-spotlight-meta", meta));
  box.dataset.entryId = card.id;
}
