// Console: a simple picker of the library's instruments, to add one to a running session. The seam is
// `onAdd(spec)`: spec is one activity as POST /api/sessions takes it; it resolves to the added activity or null.
// A richer picker or an own-activity builder can call the same onAdd.
import { language, t, tn } from "./i18n.js";

let instruments = null;  // Promise of GET /api/instruments, fetched once

function library() {
  // In the page's language (the session's), not the browser's.
  instruments ??= fetch(`/api/instruments?lang=${language}`).then((reply) => reply.json())
    .then((body) => body.instruments).catch(() => { instruments = null; return null; });
  return instruments;
}

/** Fill `container` with a filter box and the instruments; choosing one calls `onAdd({instrument: id})`. */
export async function openPicker(container, onAdd) {
  if (container.dataset.ready) return container.querySelector("input").focus({ preventScroll: true });
  const filter = Object.assign(document.createElement("input"), {
    type: "search", placeholder: t("Zoek op titel of doel…"), ariaLabel: t("Instrumenten filteren"),
  });
  const list = Object.assign(document.createElement("ul"), { className: "picker-list" });
  const status = Object.assign(document.createElement("p"), { className: "muted", role: "status" });
  status.textContent = t("Bibliotheek laden…");
  container.replaceChildren(filter, status, list);
  const all = await library();
  if (!all) {
    status.textContent = t("De bibliotheek kon niet worden geladen. Probeer het opnieuw.");
    return;
  }
  container.dataset.ready = "1";
  const rows = all.map((instrument) => pickerRow(instrument, onAdd, status));
  list.replaceChildren(...rows);
  const show = () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    let count = 0;
    for (const row of rows) {
      row.hidden = !words.every((word) => row.dataset.search.includes(word));
      count += row.hidden ? 0 : 1;
    }
    status.textContent = count ? tn("{n} instrument", "{n} instrumenten", count) : t("Geen instrument gevonden.");
  };
  filter.addEventListener("input", show);
  show();
  filter.focus({ preventScroll: true });
}

function pickerRow(instrument, onAdd, status) {
  const row = document.createElement("li");
  row.dataset.search = `${instrument.title} ${instrument.purpose} ${instrument.handbook?.short ?? ""}`.toLowerCase();
  const text = document.createElement("div");
  const title = Object.assign(document.createElement("strong"), { textContent: instrument.title });
  const purpose = Object.assign(document.createElement("p"), { className: "muted", textContent: instrument.purpose });
  const facts = Object.assign(document.createElement("p"), {
    className: "picker-facts",
    textContent: [instrument.handbook?.short, tn("{n} vraag", "{n} vragen", instrument.items.length)]
      .filter(Boolean).join(" · "),
  });
  text.append(title, purpose, facts);
  title.id = `picker-${instrument.id}`;
  const add = Object.assign(document.createElement("button"), { type: "button", className: "small primary",
                                                              textContent: t("Toevoegen") });
  add.setAttribute("aria-describedby", title.id);
  add.addEventListener("click", async () => {
    add.disabled = true;
    status.textContent = t("“{title}” toevoegen…", { title: instrument.title });
    const added = await onAdd({ instrument: instrument.id });
    status.textContent = added ? t("“{title}” staat onderaan de agenda.", { title: added.title }) : "";
    add.disabled = false;
  });
  row.append(text, add);
  return row;
}
