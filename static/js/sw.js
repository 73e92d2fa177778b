// Frivillig's service worker: the door mode opens without a network once it has been opened.
// Only the door pages and static files are kept; every other request goes to the network as
// before (pages with personal data are never stored). POSTs are never touched: the door mode
// queues its taps itself and sends them when the network is back.
const CACHE = "frivillig-door-v1";

self.addEventListener("install", (event) => { self.skipWaiting(); });
self.addEventListener("activate", (event) => { event.waitUntil(self.clients.claim()); });

const keep = (url) => url.origin === self.location.origin
  && (url.pathname.startsWith("/static/") || /\/door\/$/.test(url.pathname)
      || url.pathname === "/manifest.webmanifest");

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!keep(url)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request).then((hit) => hit || Response.error())),
  );
});
