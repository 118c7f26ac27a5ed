// Console: the list of keys (`?`, or the header's button), a real dialog drawn from every key registered.
import { registerKey, registeredKeys } from "./console-room.js";
import { t } from "./i18n.js";

const dialog = document.getElementById("keys-dialog");
const names = { ArrowRight: "→", ArrowLeft: "←", ArrowUp: "↑", ArrowDown: "↓", PageDown: t("PgDn"), PageUp: t("PgUp"),
                " ": t("Spatie") };
let returnTo = null;  // what had the keyboard before the list opened

function showKeys() {
  const listed = [...registeredKeys()].sort((a, b) => (a.run === showKeys) - (b.run === showKeys));  // this one last
  document.getElementById("keys-list").replaceChildren(...listed.map(({ keys, label }) => {
    const row = document.createElement("tr");
    const caps = document.createElement("td");
    for (const key of keys) caps.append(Object.assign(document.createElement("kbd"), { textContent: names[key] ?? key }), " ");
    row.append(caps, Object.assign(document.createElement("td"), { textContent: label }));
    return row;
  }));
  returnTo = document.activeElement;
  dialog.showModal();
  document.getElementById("close-keys").focus();
}

dialog.addEventListener("close", () => {
  if (returnTo && returnTo !== document.body && returnTo.isConnected) returnTo.focus();
  returnTo = null;
});
document.getElementById("show-keys").addEventListener("click", showKeys);
registerKey(["?"], t("Deze lijst met sneltoetsen"), showKeys);
