// The door mode: taps wait in this device's queue (localStorage) with a key each, and are sent
// when the network lets them; the server counts each key once, so a retry never counts twice.
(() => {
  const root = document.querySelector("[data-door]");
  if (!root) return;
  const storeKey = `frivillig-door-${root.dataset.activity}`;
  const countEl = root.querySelector("[data-count]");
  const statusEl = root.querySelector("[data-status]");
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;

  const load = () => {
    try {
      const saved = JSON.parse(localStorage.getItem(storeKey));
      if (saved && Array.isArray(saved.queue)) return saved;
    } catch (error) { /* a broken entry starts afresh */ }
    return { server: Number(root.dataset.participants) || 0, queue: [] };
  };
  let state = load();
  // What the page says the server had wins when nothing waits (another device counted too).
  if (!state.queue.length) state.server = Number(root.dataset.participants) || 0;
  const save = () => localStorage.setItem(storeKey, JSON.stringify(state));

  const newKey = () => (window.crypto && crypto.randomUUID)
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;

  const render = () => {
    const waiting = state.queue.length;
    const shown = Math.max(0, state.server + state.queue.reduce((sum, tap) => sum + tap.delta, 0));
    countEl.textContent = String(shown);
    statusEl.textContent = waiting
      ? `${statusEl.dataset.textWaiting}: ${waiting}. ${statusEl.dataset.textLater}`
      : statusEl.dataset.textSynced;
    statusEl.classList.toggle("door__status--waiting", waiting > 0);
    root.dataset.waiting = String(waiting);
  };

  let sending = false;
  const sync = async () => {
    if (sending || !state.queue.length) return;
    sending = true;
    const batch = state.queue.slice(0, 200);
    try {
      const response = await fetch(root.dataset.syncUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ taps: batch }),
        credentials: "same-origin",
      });
      if (response.ok) {
        const answer = await response.json();
        const received = new Set(answer.received);
        state.queue = state.queue.filter((tap) => !received.has(tap.key));
        state.server = answer.participants;
        save();
      }
    } catch (error) {
      // Offline or the server did not answer: the taps stay in the queue for the next try.
    } finally {
      sending = false;
      render();
      if (state.queue.length && navigator.onLine) setTimeout(sync, 3000);
    }
  };

  root.querySelectorAll("[data-delta]").forEach((button) => {
    button.addEventListener("click", () => {
      state.queue.push({ key: newKey(), delta: Number(button.dataset.delta) });
      save();
      render();
      sync();
    });
  });
  window.addEventListener("online", sync);
  setInterval(sync, 10000);
  render();
  sync();

  // Installable, and the page opens without a network once it has been opened here.
  if ("serviceWorker" in navigator && root.dataset.serviceWorker) {
    navigator.serviceWorker.register(root.dataset.serviceWorker, { scope: "/" }).catch(() => {});
  }
})();
