// Home page: start a new session through the API and go to its console.

const form = document.getElementById("create-form");
const problem = document.getElementById("create-error");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  problem.hidden = true;
  const body = {
    title: form.title.value,
    activities: [...form.querySelectorAll("input[name=activities]:checked")].map((box) => box.value),
  };
  let reply;
  try {
    const response = await fetch("/api/sessions", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    reply = await response.json();
    if (!response.ok) throw new Error(reply.error);
  } catch (error) {
    problem.textContent = error.message || "De sessie kon niet worden aangemaakt. Probeer het opnieuw.";
    problem.hidden = false;
    return;
  }
  // Stay on this origin (the public URL may name another host for the same server).
  const target = new URL(reply.facilitator_url);
  location.assign(target.pathname + target.hash);
});
