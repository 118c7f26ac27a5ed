// Console: the beamer panel — blank the beamer (a pause screen with the session's title) and back, and where its
// QR code shows (automatic: big on the join screen, small beside results; small; hidden). Keys B and Q.
import { t } from "./i18n.js";
import { control, onSession, registerKey, shownSession } from "./console-room.js";

const QR_MODES = ["auto", "small", "hidden"];
const blankButton = document.getElementById("beamer-blank");
const qrButtons = [...document.querySelectorAll("#beamer-panel [data-qr]")];

const beamer = () => shownSession()?.beamer;

function toggleBlank() {
  if (beamer()) control(beamer().blank ? "unblank_beamer" : "blank_beamer");
}

function setQr(qr) {
  if (beamer() && beamer().qr !== qr) control("set_qr", undefined, { qr });
}

/** The next QR choice after the current one, round. */
function cycleQr() {
  if (beamer()) setQr(QR_MODES[(QR_MODES.indexOf(beamer().qr) + 1) % QR_MODES.length]);
}

blankButton.addEventListener("click", toggleBlank);
for (const button of qrButtons) button.addEventListener("click", () => setQr(button.dataset.qr));
registerKey(["b", "B"], t("Beamer op pauze of terug"), toggleBlank);
registerKey(["q", "Q"], t("QR-code: automatisch, klein, verborgen"), cycleQr);

onSession(({ beamer: { blank, qr } }) => {
  blankButton.textContent = blank ? t("Beamer terug") : t("Beamer op pauze");
  blankButton.classList.toggle("primary", blank);
  document.getElementById("beamer-state").hidden = !blank;
  for (const button of qrButtons) button.setAttribute("aria-pressed", String(button.dataset.qr === qr));
});
