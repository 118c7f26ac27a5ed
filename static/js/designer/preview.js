// The preview: an activity as the phone shows it, rendered by the server from the phone's own template
// (POST /api/preview) and shown in a 390 px wide frame. The frame is sandboxed without scripts: what it shows
// is escaped by the server and can never run code, and its buttons are disabled.
import { language, t } from "../i18n.js";
import { call, el } from "./dom.js";

const STYLESHEETS = ["/static/css/app.css", "/static/css/designer.css"];

function page(reply) {
  const links = [...STYLESHEETS, `/static/css/activities/${encodeURIComponent(reply.layout)}.css`]
    .map((href) => `<link rel="stylesheet" href="${href}">`).join("");
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8">${links}`
    + `</head><body class="phone preview-phone"><main class="phone-main">${reply.html}</main></body></html>`;
}

/** A phone-sized frame with a caption; `show(spec)` resolves to {error} (null when it shows the activity). */
export function phoneFrame(id) {
  const caption = el("p", { class: "phone-caption muted", "aria-live": "polite" },
    t("Kies ‘Voorbeeld’ om een activiteit te zien zoals de telefoon haar toont."));
  const frame = el("iframe", { class: "phone-screen", title: t("Voorbeeld op de telefoon"),
    sandbox: "allow-same-origin" });
  const problem = el("p", { class: "error-text", role: "alert", hidden: true });
  const node = el("figure", { class: "phone-frame", id }, el("div", { class: "phone-body" }, frame), caption, problem);
  return {
    node,
    async show(spec) {
      const reply = await call("POST", "/api/preview", { activity: spec });
      problem.hidden = reply.ok;
      if (!reply.ok) {
        problem.textContent = reply.body.error || t("Het voorbeeld kon niet worden gemaakt.");
        return { error: problem.textContent };
      }
      frame.srcdoc = page(reply.body);
      caption.textContent = t("Voorbeeld: {title}", { title: reply.body.title });
      node.dataset.shown = reply.body.title;
      return { error: null };
    },
  };
}
