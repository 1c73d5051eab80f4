/* global self, caches -- a service worker's own globals (this file is not bundled) */
// The portal's service worker: keeps the app shell (page, scripts, styles, icons) so the portal opens
// without a network; the page itself then shows the last bill it loaded with an offline notice.
// API answers are never cached here (they are POSTs, and a customer's data stays in their own page).
// One cache per build: `npm run build` replaces the placeholder with a hash of the built files
// (scripts/portal-sw-version.mjs), so a new build installs a new worker and activate drops the old cache.
const CACHE = 'portal-shell-__PORTAL_BUILD__';
const STATIC = ['/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png'];

/**
 * The page and every script and style it names (hashed file names, read from the page itself: this
 * file is not bundled), so the first visit already leaves a portal that opens offline.
 */
async function precache() {
  const cache = await caches.open(CACHE);
  const page = await fetch('/', { cache: 'no-cache' });
  // A failed install keeps the previous worker and is tried again on the next visit; an empty cache would not.
  if (!page.ok) throw new Error(`The portal page answered ${page.status}`);
  const html = await page.clone().text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.put('/', page);
  await cache.addAll([...new Set([...assets, ...STATIC])]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  // Network first (a new version shows at once), the cached copy when offline.
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(req.mode === 'navigate' ? '/' : req, copy));
        }
        return res;
      })
      .catch(() => caches.match(req.mode === 'navigate' ? '/' : req).then((hit) => hit || Response.error())),
  );
});

// Web Push (Pesan → Kanal → Push): the server sends { title, body, url, tag } encrypted for this browser.
// Only a path on the portal's own origin is opened (the bill's /bayar/<token> page or the home).
const portalPath = (url) => (typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : '/');

/** The notice's fields; a payload that is not JSON is shown as its text. */
const pushData = (event) => {
  if (!event.data) return {};
  try {
    return event.data.json();
  } catch {
    return { body: event.data.text() };
  }
};

self.addEventListener('push', (event) => {
  const data = pushData(event);
  event.waitUntil(
    self.registration.showNotification(String(data.title || ''), {
      body: String(data.body || ''),
      tag: data.tag ? String(data.tag) : undefined,
      icon: '/icon-192.png',
      badge: '/icon-192.png',
      data: { url: portalPath(data.url) },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(portalPath(event.notification.data && event.notification.data.url), self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (!open) return self.clients.openWindow(url);
      const moved = open.url === url ? open : await open.navigate(url).catch(() => null);
      return (moved || open).focus();
    }),
  );
});
