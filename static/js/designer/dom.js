// Small DOM helpers for the designer: elements are built from parts, text is always set as text.
import { t } from "../i18n.js";

/** An element: `el("button", {type: "button", class: "x", dataset: {id: 1}, onclick}, label, child)`. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name in node && typeof value !== "string") node[name] = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

/** JSON from the server: resolves to {ok, status, body}; `body.error` is a message when it fails. */
export async function call(method, path, body) {
  try {
    const response = await fetch(path, {
      method, headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const reply = await response.json();
    return { ok: response.ok, status: response.status, body: reply };
  } catch {
    return { ok: false, status: 0, body: { error: t("Geen verbinding met de server. Probeer het opnieuw.") } };
  }
}

/** "Activiteit 2, vraag 3: …" (or "Activity 2, question 3: …") -> {activity: 2, question: 3}; either is null when
 * the message does not name it. */
export function placeOf(message) {
  const activity = /^(?:Activiteit|Activity) (\d+)/.exec(message || "");
  const question = /\b(?:vraag|question) (\d+)/.exec(message || "");
  return { activity: activity ? Number(activity[1]) : null, question: question ? Number(question[1]) : null };
}

/** Move the element at `from` to `to` in a copy of `list`. */
export function moved(list, from, to) {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(Math.max(0, Math.min(copy.length, to)), 0, item);
  return copy;
}
