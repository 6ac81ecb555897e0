// sw.js: Knobs keeps working offline once it has been loaded. The network is asked first (a
// course site's update is seen at once); a kept copy answers only when the network does not.
//
// One cache per build: BUILD is a hash of every file of the site (scripts/stamp-sw.mjs writes it
// when the site is built), so a new build is a new service worker with a cache of its own. The
// page's own files (CORE) are put in that cache only at install, all together, so a page that
// falls back to the cache never pairs a new knobs-app.js with an old knobs-app.wasm; activation
// deletes the caches of earlier builds. At run time only what the app fetched later (the data
// sets, the models) is added, once per path: queries are dropped from the key (a ?v=2 is not a
// second copy), and partial (Range, 206) or failed responses are never kept.
'use strict';
const BUILD = 'dev';
const CACHE = `knobs-${BUILD}`;
const CORE = ['./', 'index.html', 'knobs.js', 'style.css', 'knobs-app.js', 'knobs-app.wasm', 'training-worker.js',
  'knobs-worker.js', 'knobs-worker.wasm', 'data-worker.js'];
const SCOPE = new URL('./', self.location).href;
const CORE_URLS = new Set(CORE.map((path) => new URL(path, SCOPE).href));

// The cache key of a request: its URL without query and fragment.
const keyOf = (url) => {
  const u = new URL(url);
  return u.origin + u.pathname;
};

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE)
    .then((c) => c.addAll(CORE.map((path) => new Request(path, { cache: 'reload' }))))
    .then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith('knobs-') && n !== CACHE).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});
self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.headers.has('range')) return;  // partial content: the network's business only
  const key = keyOf(req.url);
  e.respondWith(fetch(req).then((res) => {
    if (res.status === 200 && !CORE_URLS.has(key)) {
      const copy = res.clone();
      e.waitUntil(caches.open(CACHE).then((c) => c.put(key, copy)));
    }
    return res;
  }, () => caches.open(CACHE).then((c) => c.match(key)).then((hit) => hit || Response.error())));
});
