// sw.js: Knobs keeps working offline once it has been loaded. The network is asked first (a
// course site's update is seen at once); a kept copy answers only when the network does not.
//
// One cache per build: BUILD is a hash of every file of the site (scripts/stamp-sw.mjs writes it
// when the site is built), so a new build is a new service worker with a cache of its own. The
// page's own files (CORE) are put in that cache only at install, all together, so a page that
// falls back to the cache never pairs a new knobs-app.js with an old knobs-app.wasm; activation
// deletes the caches of earlier builds. At run time only what the app fetched later (the data
// sets, the models) is added, once per path: queries are dropped from the key (a ?v=2 is not a
// second copy), and partial (Range, 206) or failed responses are never kept. The page does not
// wait for this worker: what it fetched before the worker took control it names in a 'keep'
// message, and those are fetched again here (from the browser's HTTP cache, as a rule) and kept.
'use strict';
const BUILD = 'dev';
const CACHE = `knobs-${BUILD}`;
const CORE = ['./', 'index.html', 'knobs.js', 'style.css', 'knobs-app.js', 'knobs-app.wasm', 'training-worker.js',
  'knobs-worker.js', 'knobs-worker.wasm', 'data-worker.js'];
const SCOPE = new URL('./', self.location).href;
const CORE_URLS = new Set(CORE.map((path) => new URL(path, SCOPE).href));

// This build's cache, opened once as the worker starts. Run-time additions go through this
// handle, never through a later caches.open: an old build's worker still finishing a fetch after
// a newer build deleted its cache would create it again (empty, and nothing would delete it),
// while a put into a deleted cache's handle just goes nowhere.
const own = caches.open(CACHE);

// The cache key of a request: its URL without query and fragment.
const keyOf = (url) => {
  const u = new URL(url);
  return u.origin + u.pathname;
};

self.addEventListener('install', (e) => {
  e.waitUntil(own
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
      e.waitUntil(own.then((c) => c.put(key, copy)));
    }
    return res;
  }, () => caches.match(key, { cacheName: CACHE }).then((hit) => hit || Response.error())));
});
// {type: 'keep', urls}: files the page fetched without this worker, to keep too (same origin,
// not the build's own files, not already kept).
self.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || m.type !== 'keep' || !Array.isArray(m.urls)) return;
  const urls = m.urls.filter((u) => typeof u === 'string').slice(0, 64);
  e.waitUntil(own.then((c) => Promise.all(urls.map((u) => {
    let url;
    try { url = new URL(u, SCOPE); } catch (err) { return null; }
    const key = keyOf(url.href);
    if (url.origin !== self.location.origin || !key.startsWith(SCOPE) || CORE_URLS.has(key)) return null;
    return c.match(key).then((hit) => hit || fetch(url.href).then((res) => (res.status === 200 ? c.put(key, res) : null)))
      .catch(() => null);
  }))));
});
