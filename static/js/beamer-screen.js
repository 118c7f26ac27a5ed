// Beamer: what the facilitator steers besides the results — the pause screen, where the QR code shows — and full
// screen (the button or F; Escape leaves), with the mouse pointer out of sight while it rests.

const RESTING_MS = 2500;  // the pointer hides after resting this long

/** Show the screen the session asks for; `showing`: the current activity's results are on the beamer. */
export function showScreen(session, current, showing) {
  const { blank, qr } = session.beamer;
  document.body.classList.toggle("is-blank", blank);
  document.getElementById("pause-screen").hidden = !blank;
  document.getElementById("join-screen").hidden = showing || qr !== "auto";
  document.getElementById("waiting-screen").hidden = showing || qr === "auto";
  document.getElementById("join-mini").hidden = qr === "auto" && !showing;
  document.querySelector("#join-mini [data-qr]").hidden = qr === "hidden";
  document.getElementById("waiting-title").textContent = current ? current.title : session.title;
  document.getElementById("waiting-note").hidden = current?.state !== "open";
}

// --- full screen -----------------------------------------------------------------------------------------------

const button = document.getElementById("fullscreen");

function toggleFullScreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen().catch(() => {});  // refused (no user gesture): stays as it is
}

button.addEventListener("click", toggleFullScreen);
document.addEventListener("fullscreenchange", () => { button.hidden = Boolean(document.fullscreenElement); });
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.altKey || event.metaKey || event.repeat || event.key.toLowerCase() !== "f") return;
  event.preventDefault();
  toggleFullScreen();
});

let resting = 0;
document.addEventListener("pointermove", () => {
  document.body.classList.remove("pointer-resting");
  clearTimeout(resting);
  resting = setTimeout(() => document.body.classList.add("pointer-resting"), RESTING_MS);
});
