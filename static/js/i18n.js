// The page's language and its messages: the server's catalogue (workshop/translations), embedded by base.html.
// Messages are written in Dutch, the source language; {name} in a message is filled from `values`.
const embedded = document.getElementById("i18n");
const messages = embedded ? JSON.parse(embedded.textContent) : {};

export const language = document.documentElement.lang || "nl";

/** A number as this language writes it (a decimal comma in Dutch), with at most `digits` decimals. */
export function formatNumber(n, digits = 1) {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(n);
}

/** A message in the page's language. */
export function t(message, values = {}) {
  const translated = messages[message];
  return fill(typeof translated === "string" ? translated : message, values);
}

/** A message with a singular and a plural form, chosen by `n` (filled in as {n}). */
export function tn(singular, plural, n, values = {}) {
  const forms = messages[singular];
  const text = Array.isArray(forms) ? forms[n === 1 ? 0 : 1] : n === 1 ? singular : plural;
  return fill(text, { n: formatNumber(n), ...values });
}

function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? values[name] : match));
}
