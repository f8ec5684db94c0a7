// Truenorth's service worker: keeps the app shell and its (content-hashed) assets so that a board
// opened before can be reloaded offline; the board itself comes from IndexedDB (y-indexeddb).
// API calls and the WebSocket are never cached.
const SHELL = 'truenorth-shell-v1';
const ASSETS = 'truenorth-assets-v1';

// The page that registers the worker was loaded before it existed: cache the shell and the assets
// it names now, or the first offline reload would find nothing.
self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      try {
        const response = await fetch('/', { cache: 'no-store' });
        if (response.ok) {
          const html = await response.clone().text();
          await (await caches.open(SHELL)).put('/index.html', response);
          const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
          await (await caches.open(ASSETS)).addAll(assets);
        }
      } catch {
        // Offline while installing: the fetch handler fills the caches later.
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== SHELL && key !== ASSETS) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    // Network first, so a deploy is picked up at once; the last shell when offline.
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(request);
          if (response.ok) (await caches.open(SHELL)).put('/index.html', response.clone());
          return response;
        } catch (err) {
          const cached = await (await caches.open(SHELL)).match('/index.html');
          if (cached) return cached;
          throw err;
        }
      })(),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    // Hashed file names never change content: cache first.
    event.respondWith(
      (async () => {
        const cache = await caches.open(ASSETS);
        const hit = await cache.match(request);
        if (hit) return hit;
        const response = await fetch(request);
        if (response.ok) cache.put(request, response.clone());
        return response;
      })(),
    );
  }
});
