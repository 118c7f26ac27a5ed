// The library picker: the instruments of GET /api/instruments as cards, filtered by handbook, theme and words.
// A component: the home page's designer uses it, and so can the console (onAdd gets the activity's spec).
import { language, t, tn } from "../i18n.js";
import { el } from "./dom.js";

export const MAX_ACTIVITIES = 20;  // the server's limit (workshop/library MAX_ACTIVITIES)

const KIND_NAMES = {
  stoplicht: t("stoplicht"), choice: t("keuze"), multiple: t("meerkeuze"), scale: t("schaal"), text: t("kaarten"),
  points: t("punten verdelen"),
};

/** The name of an item's answer kind; a choice of groen / oranje / rood is a stoplicht. */
export function kindName(item) {
  if (item.kind === "stoplicht") return KIND_NAMES.stoplicht;
  if (item.kind === "choice") {
    const values = (item.options || []).map((o) => (typeof o === "string" ? o : o.value)).join(",");
    if (values === "groen,oranje,rood") return KIND_NAMES.stoplicht;
    return item.multiple ? KIND_NAMES.multiple : KIND_NAMES.choice;
  }
  return KIND_NAMES[item.kind] || item.kind;
}

/** The answer kinds of an instrument's items, each once, in order. */
export function kindNames(items) {
  return [...new Set(items.map(kindName))];
}

export function questions(n) {
  return tn("{n} vraag", "{n} vragen", n);
}

const folded = (text) => (text || "").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

function searchable(instrument, themeLabel) {
  return folded([instrument.title, instrument.purpose, instrument.source, instrument.handbook.title,
    ...instrument.themes.map(themeLabel), ...instrument.items.flatMap((i) => [i.label, i.question])].join(" "));
}

/** A filter: a labelled select of `options` ([value, text]), "" for `all`. */
function select(label, id, all, options) {
  return el("label", { class: "filter", for: id }, label,
    el("select", { id }, el("option", { value: "" }, all),
      ...options.map(([value, text]) => el("option", { value }, text))));
}

/**
 * Fill `root` with the library: filters and a card per instrument. `onAdd(spec, instrument)` when a card's
 * add button is pressed (spec: {instrument, title, intro}); `onPreview(spec)` for its preview button.
 * `themeLabels`: theme id -> its label in the page's language (the id is shown when it has none).
 * Returns {setFull(full)}: while full, the add buttons are disabled.
 */
export function libraryPicker(root, instruments, { onAdd, onPreview, themeLabels = {} }) {
  const handbooks = new Map(instruments.map((i) => [i.handbook.id, i.handbook.short || i.handbook.title]));
  const themeLabel = (theme) => themeLabels[theme] || theme;
  const collator = new Intl.Collator(language);
  const themes = [...new Set(instruments.flatMap((i) => i.themes))]
    .sort((a, b) => collator.compare(themeLabel(a), themeLabel(b)));
  const search = el("input", { type: "search", id: "library-search",
    placeholder: t("Zoek op woord, bijv. vertrouwen"), "aria-label": t("Zoeken in de bibliotheek") });
  const handbookFilter = select(t("Handboek"), "library-handbook", t("Alle handboeken"), [...handbooks]);
  const themeFilter = select(t("Thema"), "library-theme", t("Alle thema’s"),
    themes.map((theme) => [theme, themeLabel(theme)]));
  const count = el("p", { class: "library-count muted", "aria-live": "polite" });
  const list = el("ul", { class: "library-list", id: "library-list" });
  const cards = instruments.map((instrument) => ({ instrument, text: searchable(instrument, themeLabel), node: card(instrument) }));
  list.append(...cards.map((c) => c.node));
  root.replaceChildren(el("div", { class: "library-filters" }, search, handbookFilter, themeFilter), count, list);

  function card(instrument) {
    const spec = () => ({ instrument: instrument.id, title: instrument.title, intro: instrument.intro });
    const headingId = `library-${instrument.id}`;
    return el("li", { class: "library-card", dataset: { instrument: instrument.id } },
      el("h4", { id: headingId }, instrument.title),
      el("p", { class: "library-purpose" }, instrument.purpose),
      el("p", { class: "library-source" },
        `${instrument.handbook.short || instrument.handbook.title} · ${instrument.source}`),
      instrument.translated ? el("p", { class: "library-translated" },
        t("Vertaald uit het Nederlandse handboek; de Nederlandse tekst blijft leidend.")) : null,
      el("div", { class: "library-foot" },
        el("p", { class: "library-meta" },
          `${questions(instrument.items.length)} · ${kindNames(instrument.items).join(", ")}`),
        el("button", { type: "button", "data-preview": true, "aria-describedby": headingId,
          onclick: () => onPreview(spec()) }, t("Voorbeeld")),
        el("button", { type: "button", class: "primary", "data-add": true, "aria-describedby": headingId,
          onclick: () => onAdd(spec(), instrument) }, t("Toevoegen"))));
  }

  function filter() {
    const words = folded(search.value).split(/\s+/).filter(Boolean);
    const handbook = handbookFilter.querySelector("select").value;
    const theme = themeFilter.querySelector("select").value;
    let shown = 0;
    for (const { instrument, text, node } of cards) {
      const visible = (!handbook || instrument.handbook.id === handbook)
        && (!theme || instrument.themes.includes(theme)) && words.every((word) => text.includes(word));
      node.hidden = !visible;
      shown += visible ? 1 : 0;
    }
    count.textContent = shown === cards.length ? tn("{n} instrument", "{n} instrumenten", cards.length)
      : tn("{shown} van {n} instrument", "{shown} van {n} instrumenten", cards.length, { shown });
  }
  search.addEventListener("input", filter);
  root.addEventListener("change", filter);
  filter();
  return {
    setFull(full) {
      for (const button of list.querySelectorAll("[data-add]")) {
        button.disabled = full;
        button.title = full ? t("De agenda is vol: hoogstens {n} activiteiten.", { n: MAX_ACTIVITIES }) : "";
      }
    },
  };
}
