// sw.js: Knobs keeps working offline once it has been loaded. Every file the page fetches from
// its own folder is kept; the network is asked first (a course site's update is seen at once)
// and the kept copy answers only when the network does not. The page's own files are kept at
// install, so the very first visit already works offline on reload.
'use strict';
const CACHE = 'knobs-v1';
const CORE = ['./', 'index.html', 'knobs.js', 'style.css', 'knobs-app.js', 'knobs-app.wasm'];

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(CORE)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  e.respondWith(fetch(req).then((res) => {
    if (res.ok) {
      const copy = res.clone();
      e.waitUntil(caches.open(CACHE).then((c) => c.put(req, copy)));
    }
    return res;
  }, () => caches.match(req, { ignoreSearch: true }).then((hit) => hit || Response.error())));
});
